import type { DatabaseHandle } from '@concord/db';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    database: DatabaseHandle;
  }
}

/**
 * Makes the database handle available as `app.database`. The handle is opened (and migrated) by whoever
 * starts the process, so one embedded database can serve the API and the worker in one process; the app
 * does not close what it did not open.
 */
export const databasePlugin = fp(
  async (app: FastifyInstance, { database }: { database: DatabaseHandle }) => {
    app.decorate('database', database);
  },
  { name: 'database' },
);
