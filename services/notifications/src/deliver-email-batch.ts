import { type Database, schema, type Transaction } from '@concord/db';
import {
  type DeliverEmailOptions,
  deliverEmail,
  markSent,
  type SentMark,
  STALE_ATTEMPT_MS,
  sendClaimed,
} from './deliver-email.ts';
import type { EmailJob, QueuedEmail } from './email-job.ts';
import { markEmailFailed } from './mark-email-failed.ts';
import { whileQueued } from './while-queued.ts';

const { emailDelivery } = schema;

/** How long a sent mark waits for others to share its write: the longest a sent message stays unmarked. */
const MARK_LINGER_MS = 10;

/** 'dropped': not sent, its job having left the queue (whileQueued: its recipient was erased). */
export type DeliveryOutcome =
  | { status: 'sent' | 'already-sent' | 'expired' | 'dropped' }
  | { status: 'failed'; error: unknown };

/**
 * deliverEmail for a batch of jobs, with the same guarantees and far fewer statements: the e-mails never tried
 * before (nearly all of them) are claimed in one insert, sent `concurrency` at a time, and marked sent in group
 * commits (each write takes every mark that arrived while the previous one ran), so a batch costs a handful of
 * statements instead of two per e-mail. The rest (retries, a key met before) take deliverEmail's path one by one.
 * A mark waits for its group: a worker that dies leaves at most one group's messages sent but not marked, the
 * same window deliverEmail leaves for one message. An e-mail past its `notAfter` is not sent: its delivery is
 * recorded failed, and the outcome is 'expired'.
 */
export async function deliverEmailBatch({
  db,
  mailer,
  jobs,
  concurrency,
  loadAttachment,
  staleAttemptMs = STALE_ATTEMPT_MS,
}: Omit<DeliverEmailOptions, 'job'> & {
  jobs: readonly QueuedEmail[];
  concurrency: number;
}): Promise<DeliveryOutcome[]> {
  const now = Date.now();
  const isExpired = (job: EmailJob) => job.notAfter !== undefined && Date.parse(job.notAfter) < now;
  const dropped = new Set<QueuedEmail>();
  for (const job of jobs.filter(isExpired)) {
    const failed = await markEmailFailed({ db, job, error: `expired at ${job.notAfter} before it could be sent` });
    if (failed === 'dropped') dropped.add(job);
  }
  const { result: claimed, dropped: gone } = await whileQueued(
    db,
    jobs.filter((job) => !isExpired(job)),
    claimUntried,
  );
  for (const job of gone) dropped.add(job);
  const marks = new GroupCommit<SentMark>((sent) => markSent(db, sent), MARK_LINGER_MS);
  return mapConcurrently(jobs, concurrency, async (job): Promise<DeliveryOutcome> => {
    if (dropped.has(job)) return { status: 'dropped' };
    if (isExpired(job)) return { status: 'expired' };
    try {
      if (claimed.delete(job.idempotencyKey)) {
        await sendClaimed({ db, mailer, job, attempt: 1, loadAttachment, markSent: (sent) => marks.add(sent) });
        return { status: 'sent' };
      }
      return { status: await deliverEmail({ db, mailer, job, loadAttachment, staleAttemptMs }) };
    } catch (error) {
      return { status: 'failed', error };
    }
  });
}

/** Inserts a first attempt for every key without a row; returns the keys it inserted (claimed for this worker). */
async function claimUntried(db: Database | Transaction, jobs: readonly EmailJob[]): Promise<Set<string>> {
  if (jobs.length === 0) return new Set();
  // A key twice in one batch: the second row conflicts with the first and is skipped; its job waits for the
  // first one's outcome on deliverEmail's path.
  const inserted = await db
    .insert(emailDelivery)
    .values(jobs.map((j) => ({ idempotencyKey: j.idempotencyKey, template: j.template, recipient: j.to, attempts: 1 })))
    .onConflictDoNothing({ target: emailDelivery.idempotencyKey })
    .returning({ key: emailDelivery.idempotencyKey });
  return new Set(inserted.map((r) => r.key));
}

/** Collects items and writes them in groups: one write at a time, each taking all that arrived meanwhile. */
class GroupCommit<T> {
  private pending: { item: T; done: (error?: unknown) => void }[] = [];
  private writing = false;
  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly lingerMs: number,
  ) {}

  add(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, done: (error) => (error === undefined ? resolve() : reject(error)) });
      // A moment later, not now: the marks of the sends that finish meanwhile then share the write. (On PGlite a
      // statement holds the event loop, so nothing could arrive during a write begun at once.)
      if (!this.writing) {
        this.writing = true;
        setTimeout(() => void this.drain(), this.lingerMs);
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const group = this.pending.splice(0);
      let failure: unknown;
      try {
        await this.write(group.map((g) => g.item));
      } catch (error) {
        failure = error ?? new Error('write failed');
      }
      for (const g of group) g.done(failure);
    }
    this.writing = false;
  }
}

/** `fn` over `items`, at most `limit` at a time, results in the order of `items`. */
async function mapConcurrently<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
