import type { Database, schema } from '@concord/db';
import type { JobQueue } from '../../jobs/queue.ts';
import { addDays, reminderInstant } from '../reporting/reporting-dates.ts';

/** How many days before its deadline the taskholder is reminded of a commitment still open. */
export const REMINDER_DAYS_BEFORE = 7;

/**
 * Enqueues, in the caller's transaction, the reminder before the deadline and the job that marks the commitment
 * LATE the day after it (08:00 UTC, as every reminder). Each job carries the deadline it was made for and does
 * nothing once the deadline has moved, so moving one only needs new jobs: the old ones find nothing to do.
 */
export async function scheduleDeadlineJobs(
  tx: Database,
  jobs: JobQueue,
  row: Pick<schema.Commitment, 'id' | 'deadline'>,
  now: Date,
): Promise<void> {
  const remindAt = reminderInstant(addDays(row.deadline, -REMINDER_DAYS_BEFORE));
  if (remindAt > now) {
    await jobs.enqueue(
      tx,
      'commitment-reminder',
      { commitmentId: row.id, deadline: row.deadline },
      { startAfter: remindAt, singletonKey: `commitment-reminder:${row.id}:${row.deadline}` },
    );
  }
  await jobs.enqueue(
    tx,
    'commitment-deadline',
    { commitmentId: row.id, deadline: row.deadline },
    {
      startAfter: reminderInstant(addDays(row.deadline, 1)),
      singletonKey: `commitment-deadline:${row.id}:${row.deadline}`,
    },
  );
}
