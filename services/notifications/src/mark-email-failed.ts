import { type Database, schema } from '@concord/db';
import { ne } from 'drizzle-orm';
import type { EmailJob } from './email-job.ts';

const { emailDelivery } = schema;

/**
 * Called when the job exhausted its retries (dead letter): marks the delivery failed with the last error.
 * Creates the row if no attempt got as far as writing one; never touches a delivery that was sent (a duplicate
 * job may have succeeded meanwhile).
 */
export async function markEmailFailed({
  db,
  job,
  error,
}: {
  db: Database;
  job: EmailJob;
  error: string;
}): Promise<void> {
  const lastError = error || 'unknown error';
  await db
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
}
