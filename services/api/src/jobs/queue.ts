import { type Database, type DatabaseHandle, JOB_QUEUE_SCHEMA } from '@concord/db';
import { sql } from 'drizzle-orm';
import { fromDrizzle, fromPglite, PgBoss } from 'pg-boss';
import type { Config } from '../config.ts';
import { deadLetterQueue, type JobData, type JobName, jobNames } from './definitions.ts';

export interface JobQueue {
  readonly boss: PgBoss;
  /**
   * Enqueues a job in the caller's transaction: the job exists if and only if the change that caused it
   * commits (the outbox pattern).
   */
  enqueue<N extends JobName>(
    tx: Database,
    name: N,
    data: JobData[N],
    options?: {
      singletonKey?: string;
      /** Not before this time: how reminders wait for their date. */
      startAfter?: Date;
    },
  ): Promise<void>;
  stop(): Promise<void>;
}

/** pg-boss on the same database as everything else: PGlite in-process, or its own pool on PostgreSQL. */
export async function startJobQueue(database: DatabaseHandle, config: Config): Promise<JobQueue> {
  const boss = database.pglite
    ? new PgBoss({ backend: 'pglite', db: fromPglite(database.pglite), supervise: true, schedule: false })
    : new PgBoss({
        connectionString: database.url,
        max: 4,
        schedule: false,
        // Made by the owner for a runtime role without CREATE on the database (db/src/roles.ts): pg-boss's
        // CREATE SCHEMA IF NOT EXISTS would be refused even though the schema is there.
        createSchema: !(await hasJobQueueSchema(database)),
      });
  boss.on('error', () => {
    // Reported through the worker's logger; an unhandled 'error' event would crash the process.
  });
  await boss.start();
  for (const name of jobNames) {
    await boss.createQueue(deadLetterQueue(name)).catch(ignoreExisting);
    const options = {
      retryLimit: config.jobs.retryLimit,
      retryDelay: config.jobs.retryDelaySeconds,
      retryBackoff: true,
      retryDelayMax: 6 * 3600,
      deadLetter: deadLetterQueue(name),
    };
    // createQueue leaves an existing queue as it was; updateQueue makes this start's configuration the
    // queue's, so a changed JOB_RETRY_* applies to every job sent from now on (jobs already queued keep theirs).
    await boss.createQueue(name, options).catch(ignoreExisting);
    await boss.updateQueue(name, options);
  }
  return {
    boss,
    async enqueue(tx, name, data, options = {}) {
      // A Drizzle transaction's execute() is typed generically; it returns rows in the shapes pg-boss accepts.
      const db = fromDrizzle(tx as unknown as Parameters<typeof fromDrizzle>[0], sql);
      await boss.send(name, data as object, { ...options, db });
    },
    async stop() {
      await boss.stop({ graceful: true, timeout: 10_000 });
    },
  };
}

async function hasJobQueueSchema(database: DatabaseHandle): Promise<boolean> {
  const [row] = await database.rows<{ exists: boolean }>(
    sql`select exists (select 1 from pg_namespace where nspname = ${JOB_QUEUE_SCHEMA}) as exists`,
  );
  return row?.exists === true;
}

function ignoreExisting(error: unknown): void {
  if (!(error instanceof Error) || !/already exists/i.test(error.message)) throw error;
}
