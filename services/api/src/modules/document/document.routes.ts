import type { FastifyInstance } from 'fastify';
import { getAllianceBySlug } from '../alliance/alliance.service.ts';
import { documentUrl, findDocument, issueDeclarationDocument, loadDocumentContent } from './document.service.ts';

/** PDFs as plain HTTP: content-addressed copies are immutable; the "latest declaration" is a redirect. */
export async function documentRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { slug: string } }>('/documents/declaration/:slug', async (request, reply) => {
    const slug = request.params.slug.replace(/\.pdf$/, '');
    const allianceRow = await getAllianceBySlug(app.database.db, slug).catch(() => null);
    if (!allianceRow) return reply.code(404).send({ error: 'No such alliance' });
    const issued = await issueDeclarationDocument({ db: app.database.db, config: app.config, allianceRow });
    if (!issued) return reply.code(404).send({ error: 'The alliance has no published declaration' });
    return reply.code(303).header('cache-control', 'no-cache').redirect(documentUrl(issued.sha256));
  });

  app.get<{ Params: { file: string } }>('/documents/:file', async (request, reply) => {
    const match = /^([0-9a-f]{64})\.pdf$/.exec(request.params.file);
    if (!match?.[1]) return reply.code(404).send({ error: 'Not found' });
    const sha256 = match[1];
    if (request.headers['if-none-match'] === `"${sha256}"`) return reply.code(304).send();
    const [entry, file] = await Promise.all([
      findDocument(app.database.db, sha256),
      loadDocumentContent(app.database.db, sha256),
    ]);
    if (!entry || !file) return reply.code(404).send({ error: 'Not found' });
    const asciiName = entry.filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
    return (
      reply
        .header('content-type', 'application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(entry.filename)}`,
        )
        .header('content-length', file.content.byteLength)
        // The address is the content's hash: it can never change.
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('etag', `"${sha256}"`)
        .header('x-content-type-options', 'nosniff')
        .send(file.content)
    );
  });
}
