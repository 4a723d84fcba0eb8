import { PassThrough, Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type ErrorCode } from '../../errors.ts';
import { getAllianceBySlug } from '../alliance/alliance.service.ts';
import { resolveSession } from '../auth/auth.service.ts';
import { documentUrl } from '../document/document.service.ts';
import { loadActor } from '../policy/actor.ts';
import type { Actor } from '../policy/policy.ts';
import { ExportParameterError, exportRows, parseExportQuery, pledgesCsv, writePledgesXlsx } from './pledge-export.ts';
import { attachPledgeStatement } from './pledge-statement.service.ts';

/** A signed pledge statement is a few pages; 5 MB leaves room for scans. */
export const STATEMENT_MAX_BYTES = 5 * 1024 * 1024;

const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
};

const mediaTypeOf = (request: FastifyRequest) =>
  (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

/** Pledge files over plain HTTP: the public register as CSV and XLSX, signed statements. */
export async function pledgeRoutes(app: FastifyInstance): Promise<void> {
  // Scoped to this plugin: nowhere else accepts a raw PDF body.
  app.addContentTypeParser(
    'application/pdf',
    { parseAs: 'buffer', bodyLimit: STATEMENT_MAX_BYTES },
    (_req, body, done) => done(null, body),
  );
  const actors = new WeakMap<FastifyRequest, Actor>();

  /**
   * Checks that run before the body is read: a cross-site page cannot send `application/pdf` without a CORS
   * preflight (never granted here), nor set X-Requested-With; with SameSite=Lax cookies that stops CSRF. Then
   * the session: nobody uploads 5 MB anonymously.
   */
  async function guardStatementUpload(request: FastifyRequest, reply: FastifyReply) {
    if (mediaTypeOf(request) !== 'application/pdf') {
      return reply.code(415).send({ error: 'Send the statement as Content-Type: application/pdf.' });
    }
    const origin = request.headers.origin;
    const isSameOrigin = origin !== undefined && origin === new URL(app.config.publicUrl).origin;
    if (!request.headers['x-requested-with'] && !isSameOrigin) {
      return reply.code(400).send({
        error: 'Uploads need an X-Requested-With header or a same-origin Origin (cross-site requests are refused).',
        code: 'BAD_REQUEST',
      });
    }
    const cookie = request.cookies[app.config.sessionCookie.name];
    const session = cookie ? await resolveSession({ db: app.database.db, config: app.config, token: cookie }) : null;
    if (!session) return reply.code(401).send({ error: 'Sign in first.', code: 'UNAUTHENTICATED' });
    actors.set(request, await loadActor(app.database.db, session.person));
  }

  app.put<{ Params: { pledgeId: string }; Body: Buffer }>(
    '/pledges/:pledgeId/statement',
    { bodyLimit: STATEMENT_MAX_BYTES, onRequest: guardStatementUpload },
    async (request, reply) => {
      const body = request.body;
      if (!Buffer.isBuffer(body) || body.subarray(0, 5).toString('latin1') !== '%PDF-') {
        return reply.code(415).send({ error: 'The file is not a PDF (it does not start with %PDF-).' });
      }
      try {
        const entry = await attachPledgeStatement({
          db: app.database.db,
          actor: actors.get(request) ?? null,
          pledgeId: request.params.pledgeId,
          pdf: body,
        });
        return reply.header('cache-control', 'no-store').send({
          id: entry.id,
          title: entry.title,
          sha256: entry.sha256,
          byteSize: entry.byteSize,
          url: documentUrl(entry.sha256),
        });
      } catch (error) {
        if (error instanceof DomainError) {
          return reply.code(HTTP_STATUS[error.code]).send({ error: error.message, code: error.code });
        }
        throw error;
      }
    },
  );

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
