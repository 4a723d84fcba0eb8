import { type Database, schema } from '@concord/db';
import { ne } from 'drizzle-orm';
import type { QueuedEmail } from './email-job.ts';
import { whileQueued } from './while-queued.ts';

const { emailDelivery } = schema;

/**
 * Called when the job exhausted its retries (dead letter): marks the delivery failed with the last error.
 * Creates the row if no attempt got as far as writing one; never touches a delivery that was sent (a duplicate
 * job may have succeeded meanwhile). Not for an e-mail whose job left the queue (whileQueued): 'dropped'.
 */
export async function markEmailFailed({
  db,
  job,
  error,
}: {
  db: Database;
  job: QueuedEmail;
  error: string;
}): Promise<'failed' | 'dropped'> {
  const lastError = error || 'unknown error';
  const { dropped } = await whileQueued(db, [job], async (tx, live) => {
    if (live.length === 0) return;
    await tx
      .insert(emailDelivery)
      .values({
        idempotencyKey: job.idempotencyKey,
        template: job.template,
        recipient: job.to,
        status: 'failed',
        lastError,
      })
      .onConflictDoUpdate({
        target: emailDelivery.idempotencyKey,
        set: { status: 'failed', lastError },
        setWhere: ne(emailDelivery.status, 'sent'),
      });
  });
  return dropped.size > 0 ? 'dropped' : 'failed';
}
