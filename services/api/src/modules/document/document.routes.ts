import { documentLocales } from '@concord/documents';
import type { FastifyInstance } from 'fastify';
import { contentDisposition } from '../../lib/content-disposition.ts';
import { getAllianceBySlug } from '../alliance/alliance.service.ts';
import { documentUrl, findDocument, loadDocumentContent } from './document.service.ts';
import { audienceOf, mayDownload } from './document-visibility.ts';
import { issueDeclarationDocument } from './issue-declaration-document.ts';

/** PDFs as plain HTTP: content-addressed copies are immutable; the "latest declaration" is a redirect. */
export async function documentRoutes(app: FastifyInstance): Promise<void> {
  // `?lang=fr`: the document's own words in that language (the text stays in its own); anything else is ignored.
  app.get<{ Params: { slug: string }; Querystring: { lang?: unknown } }>(
    '/documents/declaration/:slug',
    async (request, reply) => {
      const slug = request.params.slug.replace(/\.pdf$/, '');
      const allianceRow = await getAllianceBySlug(app.database.db, slug).catch(() => null);
      if (!allianceRow) return reply.code(404).send({ error: 'No such alliance' });
      const lang = request.query.lang;
      const readerLanguage = typeof lang === 'string' && documentLocales.includes(lang) ? lang : undefined;
      const issued = await issueDeclarationDocument({
        db: app.database.db,
        config: app.config,
        allianceRow,
        readerLanguage,
      });
      if (!issued) return reply.code(404).send({ error: 'The alliance has no published declaration' });
      return reply.code(303).header('cache-control', 'no-cache').redirect(documentUrl(issued.sha256));
    },
  );

  app.get<{ Params: { file: string } }>('/documents/:file', async (request, reply) => {
    const match = /^([0-9a-f]{64})\.pdf$/.exec(request.params.file);
    if (!match?.[1]) return reply.code(404).send({ error: 'Not found' });
    const sha256 = match[1];
    const db = app.database.db;
    const entry = await findDocument(db, sha256);
    // Who may download what: docs/visibility.md. Anyone else is told what an unknown hash is told.
    const audience = entry && (await audienceOf(db, entry));
    if (!entry || !audience || !mayDownload(await request.actor(), audience)) {
      return reply.code(404).header('cache-control', 'no-store').send({ error: 'Not found' });
    }
    if (entry.contentErasedAt) {
      // Registered, so verifiable by its hash, but it named a person whose personal data was erased.
      return reply.code(410).header('cache-control', 'no-store').send({ error: 'Erased' });
    }
    const isPublic = audience.level === 'public';
    if (isPublic && request.headers['if-none-match'] === `"${sha256}"`) return reply.code(304).send();
    const file = await loadDocumentContent(db, sha256);
    if (!file) return reply.code(404).send({ error: 'Not found' });
    return (
      reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', contentDisposition('attachment', entry.filename))
        .header('content-length', file.content.byteLength)
        // The address is the content's hash: it can never change. A file for few eyes is kept by no shared cache.
        .header('cache-control', isPublic ? 'public, max-age=31536000, immutable' : 'private, no-store')
        .header('etag', `"${sha256}"`)
        .header('x-content-type-options', 'nosniff')
        .send(file.content)
    );
  });
}
