import { type Database, type DatabaseHandle, JOB_QUEUE_SCHEMA } from '@concord/db';
import { staleAttemptMsFor } from '@concord/notifications';
import { sql } from 'drizzle-orm';
import { fromDrizzle, fromPglite, PgBoss } from 'pg-boss';
import type { Config } from '../config.ts';
import { DIGEST_SCHEDULE, deadLetterQueue, emailQueues, type JobData, type JobName, jobNames } from './definitions.ts';

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
  /** Stops fetching, lets running jobs finish for up to `graceMs` (10 s by default), then fails what still runs. */
  stop(options?: { graceMs?: number }): Promise<void>;
}

/** pg-boss on the same database as everything else: PGlite in-process, or its own pool on PostgreSQL. */
export async function startJobQueue(database: DatabaseHandle, config: Config): Promise<JobQueue> {
  // Every process supervises: looks for jobs whose worker went silent (and does pg-boss's upkeep) this often.
  const supervision = {
    supervise: true,
    superviseIntervalSeconds: config.jobs.monitorSeconds,
    monitorIntervalSeconds: config.jobs.monitorSeconds,
    // pg-boss's cron pass: turns the schedules (the digests', DIGEST_SCHEDULE) into jobs, once per occurrence
    // whichever process's pass finds it due.
    schedule: true,
  };
  const boss = database.pglite
    ? new PgBoss({ backend: 'pglite', db: fromPglite(database.pglite), ...supervision })
    : new PgBoss({
        connectionString: database.url,
        max: 4,
        ...supervision,
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
    const options = queueOptions(name, config);
    // createQueue leaves an existing queue as it was; updateQueue makes this start's configuration the
    // queue's, so a changed JOB_* applies to every job sent from now on (jobs already queued keep theirs).
    await boss.createQueue(name, options).catch(ignoreExisting);
    await boss.updateQueue(name, options);
  }
  await boss.schedule('send-digests', DIGEST_SCHEDULE, {}, { tz: 'UTC' });
  return {
    boss,
    async enqueue(tx, name, data, options = {}) {
      if (isToErasedAddress(name, data)) return;
      // A Drizzle transaction's execute() is typed generically; it returns rows in the shapes pg-boss accepts.
      const db = fromDrizzle(tx as unknown as Parameters<typeof fromDrizzle>[0], sql);
      await boss.send(name, data as object, { ...options, db });
    },
    async stop({ graceMs = 10_000 } = {}) {
      await boss.stop({ graceful: true, timeout: graceMs });
    },
  };
}

/** What every queue is created and updated with. */
export function queueOptions(name: JobName, config: Config) {
  return {
    retryLimit: config.jobs.retryLimit,
    retryDelay: config.jobs.retryDelaySeconds,
    retryBackoff: true,
    retryDelayMax: 6 * 3600,
    // A handler's worker refreshes its jobs' heartbeat every half of this while it runs; a job not refreshed for
    // this long belonged to a worker that died (killed, crashed, cut off) and is retried.
    heartbeatSeconds: config.jobs.heartbeatSeconds,
    // The bound on a live handler that hangs, not how a dead one is found (the heartbeat is).
    expireInSeconds: 15 * 60,
    deadLetter: deadLetterQueue(name),
  };
}

/**
 * The longest a job of a worker that died waits before another worker starts on it: its heartbeat goes stale,
 * a supervisor's pass finds it, the first retry's delay (backoff: up to twice JOB_RETRY_DELAY_SECONDS) and a
 * worker's poll. An e-mail may also wait for its delivery's attempt to go stale (deliverEmail), which runs from
 * the claim, beside the rest. With the defaults about 47 s; the kill test holds the worker to it.
 */
export function deadWorkerPickupSeconds(config: Config): number {
  const { heartbeatSeconds, monitorSeconds, retryDelaySeconds, pollingSeconds } = config.jobs;
  const retried = heartbeatSeconds + monitorSeconds + 2 * retryDelaySeconds + pollingSeconds;
  return Math.max(retried, staleAttemptMsFor(config.smtpSendTimeoutSeconds * 1000) / 1000);
}

/**
 * An e-mail to a person whose personal data was erased: their pseudonymous address (`erased-<id>@invalid`) is in
 * the `invalid` top-level domain, which RFC 2606 reserves for names that can never resolve
 * (docs/adr/0014-personal-data.md). Nothing is queued for it, whichever use case still finds them as a signer.
 */
export function isToErasedAddress(name: JobName, data: unknown): boolean {
  if (!(emailQueues as readonly JobName[]).includes(name)) return false;
  const to = (data as { to?: unknown }).to;
  return typeof to === 'string' && /@(?:[^@]+\.)?invalid$/i.test(to);
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
