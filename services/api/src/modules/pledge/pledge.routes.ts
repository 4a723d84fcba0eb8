import { PassThrough, Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../errors.ts';
import { getAllianceBySlug } from '../alliance/alliance.service.ts';
import { registerPdfUpload } from '../document/pdf-upload.ts';
import { ExportParameterError, exportRows, parseExportQuery, pledgesCsv, writePledgesXlsx } from './pledge-export.ts';
import { attachPledgeStatement } from './use-cases/attach-pledge-statement.ts';

/** Pledge files over plain HTTP: the public register as CSV and XLSX, signed statements. */
export async function pledgeRoutes(app: FastifyInstance): Promise<void> {
  registerPdfUpload<{ pledgeId: string }>(app, {
    url: '/pledges/:pledgeId/statement',
    noun: 'the statement',
    attach: ({ actor, params, pdf }) =>
      attachPledgeStatement({ db: app.database.db, actor, pledgeId: params.pledgeId, pdf }),
  });

  /** Resolves the query to an alliance and a filter, or answers 400/404 itself (then returns null). */
  async function exportFor(request: FastifyRequest, reply: FastifyReply) {
    try {
      const query = parseExportQuery(request.query as Record<string, unknown>);
      const allianceRow = await getAllianceBySlug(app.database.db, query.allianceSlug);
      return { allianceRow, filter: query.filter };
    } catch (error) {
      if (error instanceof ExportParameterError) {
        await reply.code(400).send({ error: error.message, parameter: error.parameter });
        return null;
      }
      if (error instanceof DomainError && error.code === 'NOT_FOUND') {
        await reply.code(404).send({ error: error.message, parameter: 'alliance' });
        return null;
      }
      throw error;
    }
  }

  const attachment = (reply: FastifyReply, filename: string, contentType: string) =>
    reply
      .header('content-type', contentType)
      .header('content-disposition', `attachment; filename="${filename}"`)
      // The register changes with every decision: always revalidate.
      .header('cache-control', 'no-cache')
      .header('x-content-type-options', 'nosniff');

  const filenameOf = (slug: string, extension: string) =>
    `pledges-${slug}-${new Date().toISOString().slice(0, 10)}.${extension}`;

  app.get('/exports/pledges.csv', async (request, reply) => {
    const found = await exportFor(request, reply);
    if (!found) return reply;
    const pages = exportRows(app.database.db, found.allianceRow.id, found.filter);
    attachment(reply, filenameOf(found.allianceRow.slug, 'csv'), 'text/csv; charset=utf-8; header=present');
    return reply.send(Readable.from(pledgesCsv(pages)));
  });

  app.get('/exports/pledges.xlsx', async (request, reply) => {
    const found = await exportFor(request, reply);
    if (!found) return reply;
    const output = new PassThrough();
    const pages = exportRows(app.database.db, found.allianceRow.id, found.filter);
    writePledgesXlsx(pages, output).catch((err: unknown) => {
      // Headers are out already: cutting the stream short is the only way left to say it failed.
      request.log.error({ err }, 'pledge export failed');
      output.destroy(err instanceof Error ? err : new Error(String(err)));
    });
    attachment(
      reply,
      filenameOf(found.allianceRow.slug, 'xlsx'),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    return reply.send(output);
  });
}
