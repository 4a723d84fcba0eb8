import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

const READINESS_TIMEOUT_MS = 2000;

/**
 * `/healthz`: the process is up (for restarts). `/readyz`: the database answers (for load balancers); it
 * turns 503 while the database is away and back to 200 when it returns, without a restart.
 */
export const healthRoutes = fp(
  async (app: FastifyInstance) => {
    app.get('/healthz', { logLevel: 'warn' }, async () => ({ status: 'ok' }));
    app.get('/readyz', { logLevel: 'warn' }, async (request, reply) => {
      try {
        await withTimeout(app.database.ping(), READINESS_TIMEOUT_MS);
        return { status: 'ready', database: app.database.kind };
      } catch (err) {
        request.log.warn({ err }, 'database not reachable');
        return reply.code(503).send({ status: 'unavailable', database: app.database.kind });
      }
    });
  },
  { name: 'health', dependencies: ['database'] },
);

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
