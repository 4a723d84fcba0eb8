import type { Database } from '@concord/db';
import type { FastifyBaseLogger } from 'fastify';

/** What every resolver and loader receives besides its arguments. */
export interface GraphQLContext {
  db: Database;
  log: FastifyBaseLogger;
}
