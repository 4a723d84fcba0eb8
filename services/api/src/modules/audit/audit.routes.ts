import { readAuditLogHead } from '@concord/db';
import type { FastifyInstance } from 'fastify';

/**
 * The audit log's head at a public address, as plain JSON: what a monitor (or anyone) fetches and keeps, so
 * that a log later shortened or recomputed no longer reaches it (auditLogCheck).
 */
export async function auditRoutes(app: FastifyInstance): Promise<void> {
  app.get('/audit/head', async (_request, reply) => {
    const head = await readAuditLogHead(app.database.db);
    return reply
      .header('cache-control', 'no-store')
      .send({ seq: head.seq, hash: head.hash, recordedAt: head.recordedAt?.toISOString() ?? null });
  });
}
