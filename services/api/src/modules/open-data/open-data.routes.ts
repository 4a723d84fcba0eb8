import type { Readable } from 'node:stream';
import type { Database, schema } from '@concord/db';
import { documentLocales } from '@concord/documents';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../errors.ts';
import { getAllianceBySlug } from '../alliance/alliance.service.ts';
import { documentUrl } from '../document/document.service.ts';
import { inLanguage, parseExportLanguage } from './export-labels.ts';
import {
  parseExportQuery,
  parsePledgeExportFilter,
  parseReportYear,
  parseSignatoryExportFilter,
  QueryParameterError,
} from './export-query.ts';
import { pledgeColumns, pledgeExportRows } from './pledges.export.ts';
import { progressExportTables } from './progress.export.ts';
import { issueProgressReport } from './progress-report.service.ts';
import { signatoryColumns, signatoryExportRows } from './signatories.export.ts';
import {
  type CellTable,
  contentTypes,
  csvStream,
  type ExportColumn,
  type ExportFormat,
  exportFormats,
  jsonArrayStream,
  jsonObjectStream,
  toCells,
  xlsxStream,
} from './tabular-export.ts';

/**
 * Open data: signatories, accepted pledges and progress as CSV, XLSX and JSON, each written by the one tabular
 * pipeline (tabular-export.ts), and the progress report PDF. Every file is computed from the register when asked
 * for; docs/open-data.md and docs/exports.md describe each field.
 */
export async function openDataRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.database;

  // `?lang=fr`: the report in that language (one of documentLocales); anything else is ignored, as for the declaration.
  app.get<{ Params: { allianceSlug: string; year: string }; Querystring: { lang?: unknown } }>(
    '/documents/progress/:allianceSlug/:year.pdf',
    async (request, reply) => {
      const { allianceSlug } = request.params;
      let year: number;
      try {
        year = parseReportYear(request.params.year);
      } catch (error) {
        return replyBadParameter(reply, error);
      }
      const allianceRow = await findAlliance(db, allianceSlug);
      if (!allianceRow) return reply.code(404).send({ error: `No alliance has the slug "${allianceSlug}".` });
      const lang = request.query.lang;
      const readerLanguage = typeof lang === 'string' && documentLocales.includes(lang) ? lang : undefined;
      const issued = await issueProgressReport({ db, config: app.config, allianceRow, year, readerLanguage });
      if (!issued.document) {
        const years = issued.reportedYears;
        return reply.code(404).send({
          error:
            `${allianceRow.name} has no validated progress report for ${year}` +
            (years.length > 0 ? `; reported years: ${years.join(', ')}.` : ', nor for any year yet.'),
          year,
          reportedYears: years,
        });
      }
      return reply.code(303).header('cache-control', 'no-cache').redirect(documentUrl(issued.document.sha256));
    },
  );

  for (const format of exportFormats) {
    app.get(
      `/exports/signatories.${format}`,
      filteredTable(db, format, {
        name: 'signatories',
        sheet: 'Signatories',
        columns: signatoryColumns,
        filterOf: parseSignatoryExportFilter,
        rows: (allianceId, filter) => signatoryExportRows(db, allianceId, { filter }),
      }),
    );

    app.get(
      `/exports/pledges.${format}`,
      filteredTable(db, format, {
        name: 'pledges',
        sheet: 'Pledges',
        columns: pledgeColumns,
        filterOf: (query) => {
          // The alliance first: a request without one is answered for that, whatever else it holds.
          parseExportQuery(query);
          return parsePledgeExportFilter(query);
        },
        rows: (allianceId, filter) => pledgeExportRows(db, allianceId, { filter }),
      }),
    );

    app.get(`/exports/progress.${format}`, async (request, reply) => {
      let language: string | undefined;
      try {
        language = parseExportLanguage(request.query);
      } catch (error) {
        return replyBadParameter(reply, error);
      }
      const allianceRow = await allianceOf(db, request.query, reply);
      if (!allianceRow) return reply;
      const { years, gap } = await progressExportTables(db, allianceRow);
      const yearTable = toCells(years);
      const tables = [yearTable, toCells(gap)];
      const body =
        format === 'csv'
          ? csvStream(yearTable)
          : format === 'json'
            ? jsonObjectStream({ alliance: allianceRow.slug, generated_at: new Date().toISOString() }, tables)
            : xlsxStream(
                tables.map((table) => (language ? inLanguage(table, language) : table)),
                { created: new Date() },
              );
      return sendFile(reply, format, `progress-${allianceRow.slug}`, body);
    });
  }
}

/**
 * The handler of a file of one table that takes the register's filters: the filter checked first (a 400 naming
 * the parameter), then the alliance (a 404), then the rows, page by page, in `format`.
 */
function filteredTable<Filter, Row>(
  db: Database,
  format: ExportFormat,
  file: {
    name: string;
    sheet: string;
    columns: readonly ExportColumn<Row>[];
    filterOf: (query: unknown) => Filter;
    rows: (allianceId: string, filter: Filter) => AsyncIterable<readonly Row[]>;
  },
) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    let filter: Filter;
    let language: string | undefined;
    try {
      filter = file.filterOf(request.query);
      language = parseExportLanguage(request.query);
    } catch (error) {
      return replyBadParameter(reply, error);
    }
    const allianceRow = await allianceOf(db, request.query, reply);
    if (!allianceRow) return reply;
    const table = toCells({
      name: file.name,
      sheet: file.sheet,
      columns: file.columns,
      pages: file.rows(allianceRow.id, filter),
    });
    // Headings in the reader's language are for people: the workbook's; CSV and JSON keep the field names alone.
    const read = format === 'xlsx' && language ? inLanguage(table, language) : table;
    return sendFile(reply, format, `${file.name}-${allianceRow.slug}`, oneTable(format, read));
  };
}

/** A file of one table: a CSV, a JSON array, a workbook of one sheet. */
function oneTable(format: ExportFormat, table: CellTable): Readable {
  if (format === 'csv') return csvStream(table);
  if (format === 'json') return jsonArrayStream(table);
  return xlsxStream([table], { created: new Date() });
}

function replyBadParameter(reply: FastifyReply, error: unknown): FastifyReply {
  if (!(error instanceof QueryParameterError)) throw error;
  return reply.code(400).send({ error: error.message, parameter: error.parameter });
}

async function findAlliance(db: Database, slug: string): Promise<schema.Alliance | null> {
  try {
    return await getAllianceBySlug(db, slug);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

/** The alliance the query names; null once the reply says why there is none. */
async function allianceOf(db: Database, query: unknown, reply: FastifyReply): Promise<schema.Alliance | null> {
  let allianceSlug: string;
  try {
    ({ allianceSlug } = parseExportQuery(query));
  } catch (error) {
    await replyBadParameter(reply, error);
    return null;
  }
  const allianceRow = await findAlliance(db, allianceSlug);
  if (!allianceRow) {
    await reply.code(404).send({ error: `No alliance has the slug "${allianceSlug}".`, parameter: 'alliance' });
    return null;
  }
  return allianceRow;
}

function sendFile(reply: FastifyReply, format: ExportFormat, name: string, body: Readable): FastifyReply {
  // The date makes downloads of different days different files; the slug is ASCII by its check constraint.
  const filename = `${name}-${new Date().toISOString().slice(0, 10)}.${format}`;
  return reply
    .header('content-type', contentTypes[format])
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-cache')
    .header('x-content-type-options', 'nosniff')
    .send(body);
}
