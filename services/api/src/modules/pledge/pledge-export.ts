import type { Writable } from 'node:stream';
import { type Database, schema } from '@concord/db';
import { and, desc, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { CountryCodeResolver } from 'graphql-scalars';
import { type EnumName, type EnumValue, enumSources, wireName } from '../../graphql/enums.ts';
import { filterConditions, type PledgeFilter } from './pledge.reads.ts';

const { organisation, pledge, workingGroup } = schema;

/** A query parameter the export refuses: answered 400 with a message naming it. */
export class ExportParameterError extends Error {
  override name = 'ExportParameterError';
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ExportQuery {
  allianceSlug: string;
  filter: PledgeFilter;
}

/**
 * The export's query string, checked as the GraphQL `PledgeFilter` is: the same enum values (in either case),
 * an ISO 3166-1 alpha-2 country. Parameters it does not know are ignored, as browsers and proxies add some.
 */
export function parseExportQuery(query: Record<string, unknown>): ExportQuery {
  const single = (name: string): string | undefined => {
    const value = query[name];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') throw new ExportParameterError(name, `Give "${name}" once.`);
    return value.trim();
  };
  const oneOf = <E extends EnumName>(name: string, enumName: E): EnumValue<E> | undefined => {
    const values: readonly EnumValue<E>[] = enumSources[enumName];
    const value = single(name);
    if (value === undefined) return undefined;
    const found = values.find((v) => v.toLowerCase() === value.toLowerCase());
    if (!found) {
      throw new ExportParameterError(
        name,
        `Unknown ${name} "${value}": use one of ${values.map((v) => wireName(enumName, v)).join(', ')}.`,
      );
    }
    return found;
  };
  const allianceSlug = single('alliance');
  if (!allianceSlug)
    throw new ExportParameterError('alliance', 'Give the alliance\'s slug, e.g. "?alliance=circular-plastics".');
  const workingGroupSlug = single('workingGroup');
  if (workingGroupSlug !== undefined && workingGroupSlug.length > 100) {
    throw new ExportParameterError('workingGroup', 'A working group slug has at most 100 characters.');
  }
  const country = single('country');
  let countryCode: string | undefined;
  if (country !== undefined) {
    try {
      countryCode = String(CountryCodeResolver.parseValue(country)).toUpperCase();
    } catch {
      throw new ExportParameterError(
        'country',
        `Unknown country "${country}": use an ISO 3166-1 alpha-2 code such as DE.`,
      );
    }
  }
  return {
    allianceSlug,
    filter: {
      kind: oneOf('kind', 'PledgeKind'),
      polymer: oneOf('polymer', 'Polymer'),
      sector: oneOf('sector', 'ApplicationSector'),
      workingGroupSlug,
      country: countryCode,
    },
  };
}

/** One line of the export; docs/exports.md describes every column. */
export interface ExportRow {
  pledgeId: string;
  organisation: string;
  country: string;
  organisationKind: string;
  kind: string;
  polymer: string;
  sector: string;
  tonnesPerYear: string;
  targetYear: number;
  baselineTonnes: string | null;
  baselineYear: number | null;
  workingGroup: string | null;
  version: number;
  acceptedOn: Date | null;
}

export const EXPORT_COLUMNS: readonly { key: keyof ExportRow; header: string }[] = [
  { key: 'pledgeId', header: 'pledge_id' },
  { key: 'organisation', header: 'organisation' },
  { key: 'country', header: 'country' },
  { key: 'organisationKind', header: 'organisation_kind' },
  { key: 'kind', header: 'kind' },
  { key: 'polymer', header: 'polymer' },
  { key: 'sector', header: 'sector' },
  { key: 'tonnesPerYear', header: 'tonnes_per_year' },
  { key: 'targetYear', header: 'target_year' },
  { key: 'baselineTonnes', header: 'baseline_tonnes' },
  { key: 'baselineYear', header: 'baseline_year' },
  { key: 'workingGroup', header: 'working_group' },
  { key: 'version', header: 'version' },
  { key: 'acceptedOn', header: 'accepted_on' },
];

export const EXPORT_PAGE_SIZE = 500;

/**
 * The accepted pledges matching the filter, in the register's order (largest first), read page by page with a
 * keyset so that an export of any size never holds more than one page in memory.
 */
export async function* exportRows(
  db: Database,
  allianceId: string,
  filter: PledgeFilter,
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<ExportRow[]> {
  let after: { tonnes: string; id: string } | undefined;
  for (;;) {
    const rows = await db
      .select({
        pledgeId: pledge.id,
        organisation: organisation.legalName,
        country: organisation.country,
        organisationKind: organisation.kind,
        kind: pledge.kind,
        polymer: pledge.polymer,
        sector: pledge.sector,
        tonnesPerYear: pledge.tonnesPerYear,
        targetYear: pledge.targetYear,
        baselineTonnes: pledge.baselineTonnes,
        baselineYear: pledge.baselineYear,
        workingGroup: workingGroup.slug,
        version: pledge.currentVersion,
        acceptedOn: pledge.decidedAt,
      })
      .from(pledge)
      .innerJoin(organisation, eq(organisation.id, pledge.organisationId))
      .leftJoin(workingGroup, eq(workingGroup.id, pledge.workingGroupId))
      .where(
        and(
          ...filterConditions(allianceId, filter),
          after
            ? sql`(${pledge.tonnesPerYear}, ${pledge.id}) < (${after.tonnes}::numeric, ${after.id}::uuid)`
            : undefined,
        ),
      )
      .orderBy(desc(pledge.tonnesPerYear), desc(pledge.id))
      .limit(pageSize);
    if (rows.length > 0) {
      yield rows.map((r) => ({
        ...r,
        organisationKind: wireName('OrganisationKind', r.organisationKind),
        kind: wireName('PledgeKind', r.kind),
        sector: wireName('ApplicationSector', r.sector),
      }));
    }
    const last = rows.at(-1);
    if (rows.length < pageSize || !last) return;
    after = { tonnes: last.tonnesPerYear, id: last.pledgeId };
  }
}

const isoDate = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : '');

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes doubled. A text that a
 * spreadsheet would run as a formula (starting with = + - @, or a tab or carriage return that some strip first)
 * gets a leading apostrophe: OWASP's advice against CSV injection.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const csvLine = (fields: (string | number | null)[]) => `${fields.map(csvField).join(',')}\r\n`;

/** The CSV, a page of rows per chunk: header first, CRLF line ends, UTF-8. */
export async function* pledgesCsv(pages: AsyncIterable<ExportRow[]>): AsyncGenerator<string> {
  yield csvLine(EXPORT_COLUMNS.map((c) => c.header));
  for await (const page of pages) {
    yield page
      .map((row) =>
        csvLine(
          EXPORT_COLUMNS.map(({ key }) => {
            const value = row[key];
            return value instanceof Date ? isoDate(value) : value;
          }),
        ),
      )
      .join('');
  }
}

/**
 * The XLSX, streamed through exceljs's WorkbookWriter: each row is committed (written out) as it comes, so
 * memory stays bounded. Tonnes are numeric cells (exact: at most 11 significant digits, well within a double);
 * texts are string cells, which spreadsheets never run as formulas.
 */
export async function writePledgesXlsx(pages: AsyncIterable<ExportRow[]>, output: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Concord';
  const sheet = workbook.addWorksheet('Pledges', { views: [{ state: 'frozen', ySplit: 1 }] });
  const tonnes = { numFmt: '#,##0.000' };
  const widths: Partial<Record<keyof ExportRow, number>> = { pledgeId: 38, organisation: 48, tonnesPerYear: 16 };
  sheet.columns = EXPORT_COLUMNS.map(({ key, header }) => ({
    key,
    header,
    width: widths[key] ?? 14,
    ...(key === 'tonnesPerYear' || key === 'baselineTonnes' ? { style: tonnes } : {}),
    ...(key === 'acceptedOn' ? { style: { numFmt: 'yyyy-mm-dd' } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for await (const page of pages) {
    for (const row of page) {
      sheet
        .addRow({
          ...row,
          tonnesPerYear: Number(row.tonnesPerYear),
          baselineTonnes: row.baselineTonnes === null ? null : Number(row.baselineTonnes),
        })
        .commit();
    }
    // Let the reply drain before reading the next page.
    if (output.writableNeedDrain) await new Promise((resolve) => output.once('drain', resolve));
  }
  sheet.commit();
  await workbook.commit();
}
