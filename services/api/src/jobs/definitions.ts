import type { EmailJob } from '@concord/notifications';

/**
 * Every job the system runs: its name and the data it carries. Handlers live in ./worker.ts; services
 * enqueue through `JobQueue.enqueue` inside their own transaction (the outbox).
 */
export interface JobData {
  'send-email': EmailJob;
  'issue-certificate': { signatureId: string };
  /** One step of a reporting campaign's reminder schedule, scheduled when the campaign opens (startAfter). */
  'campaign-reminder': {
    campaignId: string;
    step: 'before_deadline' | 'after_deadline';
    /** Days before the deadline; 0 for the notice after it. */
    daysBefore: number;
  };
}
export type JobName = keyof JobData;

export const jobNames: readonly JobName[] = ['send-email', 'issue-certificate', 'campaign-reminder'];

/** Where a job lands after its last retry: a queue nobody works, read by the secretariat's views. */
export const deadLetterQueue = (name: JobName) => `${name}.dead`;
