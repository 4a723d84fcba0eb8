import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Database, schema } from '@concord/db';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { EmailJob, LoadAttachment, QueuedEmail } from './email-job.ts';
import type { Mailer, OutgoingEmail } from './mailer.ts';
import { messageIdFor } from './message-id.ts';
import { renderEmail } from './render-email.ts';
import { SMTP_SEND_DEADLINE_MS } from './smtp-mailer.ts';
import { whileQueued } from './while-queued.ts';

const { emailDelivery } = schema;

/**
 * How long an attempt that neither succeeded nor recorded a failure is taken to be alive, given the mailer's send
 * deadline. Past that, its worker is presumed dead (crashed, killed, partitioned) and another one takes the
 * delivery over. Above the deadline by a margin for the database work around a send, so a slow but live attempt
 * is never overtaken.
 */
export const staleAttemptMsFor = (sendDeadlineMs: number) => sendDeadlineMs + 10_000;
export const STALE_ATTEMPT_MS = staleAttemptMsFor(SMTP_SEND_DEADLINE_MS);

export interface DeliverEmailOptions {
  /** The database itself, never a transaction: the claim must be visible to other workers at once. */
  db: Database;
  mailer: Mailer;
  job: QueuedEmail;
  loadAttachment?: LoadAttachment | undefined;
  /** Overrides STALE_ATTEMPT_MS: staleAttemptMsFor(the mailer's send deadline). */
  staleAttemptMs?: number | undefined;
}

/**
 * The job handler's work: renders and sends one e-mail at most once per idempotency key. Records the attempt in
 * email_delivery; if a row for the key is already `sent`, sends nothing and returns 'already-sent'. On a transport
 * error, records attempts/last_error and rethrows (so the queue retries with backoff).
 *
 * Concurrency. At-least-once queues run a job twice at times, and two jobs may carry one key. Each attempt first
 * claims the row: the insert of a new row (`on conflict do nothing`), or an update conditioned on the `attempts`
 * value just read (compare-and-set), so of two workers racing for the same attempt exactly one wins. The row
 * then tells the others what is going on:
 *   - `sent`                                  → done, nothing to send;
 *   - `pending`, attempts > 0, last_error set → the last attempt failed: claim the next one;
 *   - `pending`, attempts = 0, or `failed`    → nobody is trying: claim;
 *   - `pending`, attempts > 0, no last_error  → an attempt is under way: wait for its outcome (polling), and
 *     take it over only once it was claimed `staleAttemptMs` ago or longer (claimed_at, on the database's
 *     clock): no live attempt lasts that long (the mailer's send deadline is shorter), so its worker died. Waiting instead of
 *     failing fast matters: a second worker that gave up would leave the job's fate to the first alone, and a
 *     loser returning 'already-sent' early would let the queue complete a job whose mail may yet fail.
 * No database transaction is held while the mail server talks (it would pin a pooled connection for seconds,
 * and on PGlite, which has one connection, block everything else, including the dev mailbox's own insert).
 *
 * An e-mail that names its job's row in the queue (`queued`) is claimed only while that row is there: an erasure of
 * its recipient deletes it, and the e-mail is then 'dropped' (whileQueued).
 *
 * The remaining window: a worker that dies (or loses the database) after the mail server accepted the message
 * but before the row says `sent` leaves an attempt that looks unfinished; after `staleAttemptMs` another worker
 * sends it again. The same happens when the server accepted the message but its reply was lost (timeout, reset)
 * and we record a failure. The recipient then gets two copies with the same Message-ID, which many clients
 * collapse into one. Closing it would need the mail server to take part in our transaction, which SMTP cannot
 * do; so the window errs towards a second copy, never towards none. (deliverEmailBatch marks sends in groups a
 * few milliseconds apart: a worker that dies leaves at most the sends of one group unmarked.) A handler may wait
 * up to `staleAttemptMs` plus one send here: the queue's job expiry must be longer than that.
 */
export async function deliverEmail({
  db,
  mailer,
  job,
  loadAttachment,
  staleAttemptMs = STALE_ATTEMPT_MS,
}: DeliverEmailOptions): Promise<'sent' | 'already-sent' | 'dropped'> {
  const attempt = await claimDelivery(db, job, staleAttemptMs);
  if (attempt === 'already-sent' || attempt === 'dropped') return attempt;
  await sendClaimed({ db, mailer, job, attempt, loadAttachment, markSent: (sent) => markSent(db, [sent]) });
  return 'sent';
}

/** What marks a delivery sent: the key, and what the message went out with. */
export interface SentMark {
  idempotencyKey: string;
  messageId: string;
  subject: string;
}

/**
 * Renders and sends the e-mail of an attempt this worker has claimed, then has it marked sent. On a failure
 * before the server took the message, records it (fenced by the attempt) and rethrows.
 */
export async function sendClaimed({
  db,
  mailer,
  job,
  attempt,
  loadAttachment,
  markSent: mark,
}: {
  db: Database;
  mailer: Mailer;
  job: EmailJob;
  attempt: number;
  loadAttachment?: LoadAttachment | undefined;
  markSent: (sent: SentMark) => Promise<void>;
}): Promise<void> {
  let subject: string | null = null;
  let messageId: string;
  try {
    const rendered = renderEmail(job.template, job.locale, job.data);
    subject = rendered.subject;
    const email: OutgoingEmail = { to: job.to, ...rendered, messageId: messageIdFor(job.idempotencyKey) };
    if (job.attachments?.length) email.attachments = await loadAttachments(job, loadAttachment);
    if (job.calendar) email.calendar = job.calendar;
    ({ messageId } = await mailer.send(email));
  } catch (error) {
    try {
      await recordFailure(db, job, attempt, subject, error);
    } catch {
      // The send error is what the queue and the logs need; if the database is gone too, the attempt stays
      // "under way" and is taken over after staleAttemptMs.
    }
    throw error;
  }
  await mark({ idempotencyKey: job.idempotencyKey, messageId, subject });
}

/**
 * Marks deliveries sent, several in one statement. Not fenced by attempt: the message has gone out, whoever's
 * attempt this was, so `sent` is the truth.
 */
export async function markSent(db: Database, sent: readonly SentMark[]): Promise<void> {
  if (sent.length === 0) return;
  const rows = JSON.stringify(sent.map((s) => ({ k: s.idempotencyKey, m: s.messageId, s: s.subject })));
  // `in (…)` beside the join lets the planner find the rows by index; the join alone scanned the table.
  const keys = sent.map((s) => s.idempotencyKey);
  await db.execute(sql`
    update ${emailDelivery}
    set status = 'sent', sent_at = now(), message_id = v.m, subject = v.s, last_error = null
    from jsonb_to_recordset(${rows}::jsonb) as v(k text, m text, s text)
    where ${emailDelivery.idempotencyKey} in ${keys} and ${emailDelivery.idempotencyKey} = v.k
      and ${emailDelivery.status} <> 'sent'`);
}

/**
 * Claims the next attempt; returns its number (a fencing token for recording its failure), 'already-sent', or
 * 'dropped' when the e-mail's job left the queue (its recipient was erased).
 */
async function claimDelivery(
  db: Database,
  job: QueuedEmail,
  staleAttemptMs: number,
): Promise<number | 'already-sent' | 'dropped'> {
  // Short enough that a worker waiting on a normal send returns soon after it; cheap (one indexed read).
  const pollMs = Math.min(250, Math.max(20, staleAttemptMs / 20));
  for (;;) {
    const first = await whileQueued(db, [job], async (tx) => {
      const created = await tx
        .insert(emailDelivery)
        .values({ idempotencyKey: job.idempotencyKey, template: job.template, recipient: job.to, attempts: 1 })
        .onConflictDoNothing({ target: emailDelivery.idempotencyKey })
        .returning({ attempts: emailDelivery.attempts });
      return created[0]?.attempts;
    });
    if (first.dropped.size > 0) return 'dropped';
    if (first.result !== undefined) return first.result;

    const [row] = await db
      .select({
        status: emailDelivery.status,
        attempts: emailDelivery.attempts,
        lastError: emailDelivery.lastError,
        // On the database's clock, the same for every worker, and from the claim itself: a worker that arrives
        // after the one before it died need not watch the row for as long again.
        isStale: sql<boolean>`${emailDelivery.claimedAt} < now() - make_interval(secs => ${staleAttemptMs / 1000}::float8)`,
      })
      .from(emailDelivery)
      .where(eq(emailDelivery.idempotencyKey, job.idempotencyKey));
    if (!row) continue; // deleted between the two statements: insert again
    if (row.status === 'sent') return 'already-sent';

    const isUnderWay = row.status === 'pending' && row.attempts > 0 && row.lastError === null;
    if (isUnderWay && !row.isStale) {
      await sleep(pollMs);
      continue;
    }

    const next = await whileQueued(db, [job], async (tx) => {
      const [claimed] = await tx
        .update(emailDelivery)
        .set({
          status: 'pending',
          attempts: sql`${emailDelivery.attempts} + 1`,
          lastError: null,
          claimedAt: sql`now()`,
        })
        .where(
          and(
            eq(emailDelivery.idempotencyKey, job.idempotencyKey),
            eq(emailDelivery.attempts, row.attempts),
            ne(emailDelivery.status, 'sent'),
          ),
        )
        .returning({ attempts: emailDelivery.attempts });
      return claimed?.attempts;
    });
    if (next.dropped.size > 0) return 'dropped';
    if (next.result !== undefined) return next.result;
    // Another worker moved the row between our read and our update: read it again.
  }
}

async function loadAttachments(
  job: EmailJob,
  loadAttachment: LoadAttachment | undefined,
): Promise<NonNullable<OutgoingEmail['attachments']>> {
  if (!loadAttachment) throw new Error(`E-mail ${job.idempotencyKey} has attachments but no loadAttachment was given`);
  const loaded: NonNullable<OutgoingEmail['attachments']> = [];
  for (const { filename, documentSha256 } of job.attachments ?? []) {
    const document = await loadAttachment(documentSha256);
    // Possibly not rendered yet (the PDF job may run later): failing lets the queue retry.
    if (!document) throw new Error(`Attachment ${filename}: no document with SHA-256 ${documentSha256}`);
    // The register promises that a copy matches its hash; an attachment that does not would break that promise.
    const actual = createHash('sha256').update(document.content).digest('hex');
    if (actual !== documentSha256.toLowerCase()) {
      throw new Error(`Attachment ${filename}: content has SHA-256 ${actual}, expected ${documentSha256}`);
    }
    loaded.push({ filename, content: document.content, contentType: document.contentType });
  }
  return loaded;
}

/**
 * Fenced by the attempt number and `pending`: a late failure must not overwrite a newer attempt or a success; and
 * by the address: a row an erasure pseudonymised meanwhile gets no error text, which may quote the address.
 */
async function recordFailure(
  db: Database,
  job: EmailJob,
  attempt: number,
  subject: string | null,
  error: unknown,
): Promise<void> {
  await db
    .update(emailDelivery)
    .set({ lastError: errorText(error), ...(subject === null ? {} : { subject }) })
    .where(
      and(
        eq(emailDelivery.idempotencyKey, job.idempotencyKey),
        eq(emailDelivery.attempts, attempt),
        eq(emailDelivery.status, 'pending'),
        eq(emailDelivery.recipient, job.to),
      ),
    );
}

/** Never empty: a null or empty last_error would read as "attempt under way". */
export function errorText(error: unknown): string {
  const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? `${error.code}: ` : '';
  const message = error instanceof Error ? error.message : String(error);
  return `${code}${message}`.slice(0, 2_000) || 'unknown error';
}
