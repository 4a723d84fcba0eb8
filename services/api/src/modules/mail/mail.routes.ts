import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../errors.ts';
import { OPT_OUT_PATH, optOutByToken } from './email-preferences.service.ts';

/**
 * RFC 8058's one-click POST carries the field `List-Unsubscribe=One-Click`, URL-encoded or as a multipart part; the
 * form on our own opt-out page sends neither, and is answered with a page instead of JSON.
 */
function isOneClick(body: unknown): boolean {
  if (typeof body !== 'string') return false;
  return (
    /(?:^|&)List-Unsubscribe=One-Click(?:&|$)/.test(body.trim()) ||
    /name="List-Unsubscribe"\r?\n(?:[^\r\n]+\r?\n)*\r?\nOne-Click\r?\n/i.test(body)
  );
}

/**
 * `POST /email/opt-out?token=…`: the RFC 8058 one-click endpoint that `List-Unsubscribe` points to, and the
 * action of the portal's opt-out page (`GET` on the same address, which only asks). A mailbox provider posts from
 * its servers with no Origin and no cookie, so this cannot live behind the portal's CSRF check; the token, which
 * only the e-mail's recipient has, is the whole authority, and it can only stop e-mail.
 */
export async function mailRoutes(app: FastifyInstance): Promise<void> {
  // Scoped to this plugin: the body is read as text (a few bytes) and only looked at, never stored.
  for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data']) {
    app.addContentTypeParser(type, { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) => done(null, body));
  }

  app.post<{ Querystring: { token?: string }; Body: string | undefined }>(OPT_OUT_PATH, async (request, reply) => {
    const oneClick = isOneClick(request.body);
    const token = request.query.token ?? '';
    reply.header('cache-control', 'no-store');
    let topic = 'review';
    try {
      ({ topic } = await optOutByToken({ db: app.database.db, token }));
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'NOT_FOUND') throw error;
      if (oneClick) return reply.code(404).send({ error: error.message, code: error.code });
      return reply.redirect(`${OPT_OUT_PATH}?invalid=1`, 303);
    }
    if (oneClick) return reply.send({ optedOut: true });
    // From the page: back to it, saying so (a reload does not post again).
    return reply.redirect(`${OPT_OUT_PATH}?done=1${topic === 'review' ? '' : `&topic=${topic}`}`, 303);
  });
}
