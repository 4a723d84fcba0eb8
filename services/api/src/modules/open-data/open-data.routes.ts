import type { FastifyInstance } from 'fastify';

/** Open data: signatories and progress as CSV, XLSX and JSON, and the progress report PDF. */
export async function openDataRoutes(_app: FastifyInstance): Promise<void> {}
