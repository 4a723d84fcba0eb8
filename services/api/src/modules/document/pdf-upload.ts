import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, HTTP_STATUS } from '../../errors.ts';
import type { Actor } from '../policy/policy.ts';
import { documentUrl } from './document.service.ts';
import { checkPdfStructure } from './pdf-structure.ts';

/**
 * A file a signatory uploads (a signed pledge statement, the evidence behind a progress report) is a few pages;
 * 5 MB leaves room for scans. The portal's own body limit (BODY_SIZE_LIMIT) sits just above it.
 */
export const UPLOAD_MAX_BYTES = 5 * 1024 * 1024;

/** What an upload registered: the document register's entry. */
export interface UploadedDocument {
  id: string;
  title: string;
  sha256: string;
  byteSize: number;
}

export interface PdfUploadRoute<Params extends Record<string, string>> {
  /** A PUT route, e.g. `/pledges/:pledgeId/statement`. */
  url: string;
  /** What the file is, for the messages ("the statement", "the evidence"). */
  noun: string;
  /** Checks the rights and the object's state, registers the PDF and links it, in one transaction. */
  attach: (args: { actor: Actor; params: Params; pdf: Buffer }) => Promise<UploadedDocument>;
}

const mediaTypeOf = (request: FastifyRequest) =>
  (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

/**
 * Registers `PUT <url>` taking a raw PDF body. Everything that can be refused is refused before the body is
 * read: the media type (415); cross-site requests, since a foreign page cannot send `application/pdf` without a
 * CORS preflight (never granted here) nor set X-Requested-With, and with SameSite=Lax cookies that stops CSRF
 * (400); anonymous callers (401). The body must then parse as a PDF of bounded expansion (415). The service's DomainError maps to
 * its HTTP status with the same `code` as GraphQL uses.
 */
export function registerPdfUpload<Params extends Record<string, string>>(
  app: FastifyInstance,
  route: PdfUploadRoute<Params>,
): void {
  // Scoped to the calling plugin: nowhere else accepts a raw PDF body.
  if (!app.hasContentTypeParser('application/pdf')) {
    app.addContentTypeParser('application/pdf', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  }
  async function guard(request: FastifyRequest, reply: FastifyReply) {
    if (mediaTypeOf(request) !== 'application/pdf') {
      return reply
        .code(415)
        .send({ error: `Send ${route.noun} as Content-Type: application/pdf.`, code: 'BAD_USER_INPUT' });
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

  app.put<{ Params: Params; Body: Buffer }>(
    route.url,
    { bodyLimit: UPLOAD_MAX_BYTES, onRequest: guard },
    async (request, reply) => {
      const body = request.body;
      // Parsed before anything is registered: a file that is not a PDF, or that would expand without bound
      // in the reader of whoever opens it, is refused with the reason (pdf-structure.ts).
      const check = Buffer.isBuffer(body)
        ? await checkPdfStructure(body)
        : { ok: false as const, reason: 'The file is not a PDF.' };
      if (!check.ok) return reply.code(415).send({ error: check.reason, code: 'BAD_USER_INPUT' });
      const actor = await request.actor();
      if (!actor) return reply.code(401).send({ error: 'Sign in first.', code: 'UNAUTHENTICATED' });
      try {
        const entry = await route.attach({ actor, params: request.params as Params, pdf: body });
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
}
