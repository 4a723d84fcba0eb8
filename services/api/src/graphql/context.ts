import type { Database } from '@concord/db';
import type { FastifyBaseLogger } from 'fastify';
import type { PubSub } from 'mercurius';
import type { Config } from '../config.ts';
import type { JobQueue } from '../jobs/queue.ts';
import type { ActiveSession } from '../modules/auth/auth.service.ts';
import type { Actor } from '../modules/policy/policy.ts';

/** What every resolver and loader receives besides its arguments. */
export interface GraphQLContext {
  db: Database;
  log: FastifyBaseLogger;
  config: Config;
  jobs: JobQueue;
  /** The session behind the request's cookie, or null for the public. */
  session: ActiveSession | null;
  /** The client's address (X-Forwarded-For from a trusted proxy, such as the portal): for rate limits. */
  clientAddress: string;
  userAgent: string | undefined;
  /** The caller's rights, loaded on first use (two statements), so public reads cost nothing extra. */
  actor(): Promise<Actor | null>;
  setSessionCookie(token: string, expiresAt: Date): void;
  clearSessionCookie(): void;
  /** Mercurius's pub/sub: set on subscription contexts. */
  pubsub?: PubSub;
  /** Runs after the mutation's transaction committed: live updates must not announce what rolled back. */
  publish(topic: string, payload: unknown): Promise<void>;
}
