import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, HTTP_STATUS } from '../../errors.ts';
import { IMPORT_MAX_BYTES, isImportSheet } from './register-import-format.ts';
import { csvTemplate, xlsxTemplate } from './register-import-template.ts';
import { checkRegisterImport } from './use-cases/check-register-import.ts';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MEDIA_TYPES = ['text/csv', XLSX_MEDIA_TYPE];

const mediaTypeOf = (request: FastifyRequest) =>
  (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

/**
 * A register import over plain HTTP: the template to fill in, and the upload, whose answer is the dry run's id
 * (then read and confirmed over GraphQL: `Alliance.registerImport`, `confirmRegisterImport`). The upload is guarded
 * as the PDF uploads are (modules/document/pdf-upload.ts): its media type, a same-origin or X-Requested-With request,
 * a session, and a body of at most IMPORT_MAX_BYTES, all before the file is read.
 */
export async function registerImportRoutes(app: FastifyInstance): Promise<void> {
  for (const type of MEDIA_TYPES) {
    if (app.hasContentTypeParser(type)) continue;
    app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: IMPORT_MAX_BYTES }, (_req, body, done) =>
      done(null, body),
    );
  }

  app.get('/register-import/template.xlsx', async (_request, reply) =>
    reply
      .header('content-type', XLSX_MEDIA_TYPE)
      .header('content-disposition', 'attachment; filename="concord-register-import.xlsx"')
      .header('cache-control', 'no-cache')
      .send(await xlsxTemplate()),
  );
  app.get<{ Params: { file: string } }>('/register-import/:file', async (request, reply) => {
    const sheet = /^template-([a-z]+)\.csv$/.exec(request.params.file)?.[1] ?? '';
    if (!isImportSheet(sheet)) return reply.code(404).send({ error: 'Not found' });
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="concord-${sheet}.csv"`)
      .header('cache-control', 'no-cache')
      .send(csvTemplate(sheet));
  });

  async function guard(request: FastifyRequest, reply: FastifyReply) {
    if (!MEDIA_TYPES.includes(mediaTypeOf(request))) {
      return reply.code(415).send({
        error: `Send the file as Content-Type: text/csv or ${XLSX_MEDIA_TYPE}.`,
        code: 'BAD_USER_INPUT',
        field: 'file',
      });
    }
    const origin = request.headers.origin;
    const isSameOrigin = origin !== undefined && origin === new URL(app.config.publicUrl).origin;
    if (!request.headers['x-requested-with'] && !isSameOrigin) {
      return reply.code(400).send({
        error: 'Uploads need an X-Requested-With header or a same-origin Origin (cross-site requests are refused).',
        code: 'BAD_REQUEST',
      });
    }
    if (!(await request.actor())) return reply.code(401).send({ error: 'Sign in first.', code: 'UNAUTHENTICATED' });
  }

  app.post<{ Params: { slug: string }; Querystring: { sheet?: unknown; fileName?: unknown }; Body: Buffer }>(
    '/register-import/alliances/:slug',
    { bodyLimit: IMPORT_MAX_BYTES, onRequest: guard },
    async (request, reply) => {
      const { sheet, fileName } = request.query;
      try {
        const row = await checkRegisterImport({
          db: app.database.db,
          actor: await request.actor(),
          allianceSlug: request.params.slug,
          file: {
            fileName: typeof fileName === 'string' ? fileName : 'register',
            sheet: typeof sheet === 'string' ? sheet : null,
            bytes: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
          },
        });
        return reply.code(201).header('cache-control', 'no-store').send({ id: row.id, totals: row.totals });
      } catch (error) {
        if (error instanceof DomainError) {
          return reply
            .code(HTTP_STATUS[error.code])
            .send({ error: error.message, code: error.code, ...(error.field ? { field: error.field } : {}) });
        }
        throw error;
      }
    },
  );
}
