import type { EmailJob } from '@concord/notifications';

/**
 * Every job the system runs: its name and the data it carries. Handlers live in ./worker.ts; services
 * enqueue through `JobQueue.enqueue` inside their own transaction (the outbox).
 */
export interface JobData {
  'send-email': EmailJob;
  'issue-certificate': { signatureId: string };
}
export type JobName = keyof JobData;

export const jobNames: readonly JobName[] = ['send-email', 'issue-certificate'];

/** Where a job lands after its last retry: a queue nobody works, read by the secretariat's views. */
export const deadLetterQueue = (name: JobName) => `${name}.dead`;
