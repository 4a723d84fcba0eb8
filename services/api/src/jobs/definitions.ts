import type { EmailJob } from '@concord/notifications';

/**
 * Every job the system runs: its name and the data it carries. Handlers live in ./worker.ts; services
 * enqueue through `JobQueue.enqueue` inside their own transaction (the outbox).
 */
export interface JobData {
  /** Every e-mail but log-in links: notices, reviews, reminders. */
  'send-email': EmailJob;
  /**
   * Log-in links: a queue of their own, worked with a mail connection of their own, so that no backlog of other
   * e-mail stands between a person and the link they just asked for (it expires in minutes).
   */
  'send-login-email': EmailJob<'login-link'>;
  'issue-certificate': { signatureId: string };
  /** One step of a reporting campaign's reminder schedule, scheduled when the campaign opens (startAfter). */
  'campaign-reminder': {
    campaignId: string;
    step: 'before_deadline' | 'after_deadline';
    /** Days before the deadline; 0 for the notice after it. */
    daysBefore: number;
    /**
     * The deadline the step was scheduled for: once the deadline moves (extended, closed, reopened) the job does
     * nothing, and the new deadline's own jobs remind. Absent from jobs queued before deadlines could move.
     */
    deadline?: string;
  };
  /** The reminder before a commitment's deadline; nothing once the deadline moved or the commitment closed. */
  'commitment-reminder': { commitmentId: string; deadline: string };
  /** The day after a commitment's deadline: LATE if still open, and the notice to its taskholder. */
  'commitment-deadline': { commitmentId: string; deadline: string };
  /**
   * Every hour (a pg-boss schedule, `DIGEST_SCHEDULE`): the daily and weekly e-mail digests of the periods that have
   * ended, once per person and period (docs/adr/0036-email-digests.md).
   */
  'send-digests': Record<string, never>;
}
export type JobName = keyof JobData;

export const jobNames: readonly JobName[] = [
  'send-login-email',
  'send-email',
  'issue-certificate',
  'campaign-reminder',
  'commitment-reminder',
  'commitment-deadline',
  'send-digests',
];

/**
 * When the digests' job runs: five minutes past every hour (UTC). A period's digests go at the first run after it
 * ends; hourly rather than daily so that a run missed (no worker, a deploy) is made up within the hour.
 */
export const DIGEST_SCHEDULE = '5 * * * *';

/** The queues whose jobs are e-mails (EmailJob), each worked by deliverEmail. */
export const emailQueues = ['send-login-email', 'send-email'] as const satisfies readonly JobName[];

/** Where a job lands after its last retry: a queue nobody works, read by the secretariat's views. */
export const deadLetterQueue = (name: JobName) => `${name}.dead`;
