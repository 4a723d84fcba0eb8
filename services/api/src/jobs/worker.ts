import type { DatabaseHandle } from '@concord/db';
import { createMailer, deliverEmail, markEmailFailed } from '@concord/notifications';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import { issueCertificate, loadDocumentContent } from '../modules/document/document.service.ts';
import { sendCampaignReminders } from '../modules/reporting/reporting-reminders.ts';
import type { JobData } from './definitions.ts';
import { deadLetterQueue, emailQueues } from './definitions.ts';
import type { JobQueue } from './queue.ts';

export interface Worker {
  stop(): Promise<void>;
}

/** The handlers of every job. Each is idempotent: a job may run more than once (at-least-once delivery). */
export async function startWorker({
  jobs,
  database,
  config,
  log,
}: {
  jobs: JobQueue;
  database: DatabaseHandle;
  config: Config;
  log: FastifyBaseLogger;
}): Promise<Worker> {
  const db = database.db;
  // Log-in links have a connection of their own: other e-mail queued in the bulk pool never delays them.
  const mailers = {
    'send-login-email': createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, db, connections: 1 }),
    'send-email': createMailer({
      smtpUrl: config.smtpUrl,
      from: config.mailFrom,
      db,
      connections: config.smtpConnections,
    }),
  };
  const options = { batchSize: 1, pollingIntervalSeconds: config.jobs.pollingSeconds };

  for (const queue of emailQueues) {
    const mailer = mailers[queue];
    await jobs.boss.work<JobData[typeof queue]>(queue, options, async ([job]) => {
      if (!job) return;
      const result = await deliverEmail({
        db,
        mailer,
        job: job.data,
        loadAttachment: (sha256: string) => loadDocumentContent(db, sha256),
      }).catch((err: unknown) => {
        log.warn({ err, template: job.data.template, jobId: job.id }, 'e-mail not delivered; will retry');
        throw err;
      });
      log.info({ template: job.data.template, jobId: job.id, result }, 'e-mail job done');
    });

    await jobs.boss.work<JobData[typeof queue]>(deadLetterQueue(queue), options, async ([job]) => {
      if (!job) return;
      await markEmailFailed({ db, job: job.data, error: 'retries exhausted' });
      log.error({ template: job.data.template, to: job.data.to }, 'e-mail failed after every retry');
    });
  }

  await jobs.boss.work<JobData['issue-certificate']>('issue-certificate', options, async ([job]) => {
    if (!job) return;
    await issueCertificate({ db, jobs, config, signatureId: job.data.signatureId });
  });

  await jobs.boss.work<JobData['campaign-reminder']>('campaign-reminder', options, async ([job]) => {
    if (!job) return;
    const { campaignId, step, daysBefore } = job.data;
    const outcome = await sendCampaignReminders({ db, jobs, config, campaignId, step, daysBefore });
    log.info({ campaignId, step, daysBefore, jobId: job.id, ...outcome }, 'campaign reminders done');
  });

  return {
    async stop() {
      await Promise.all(Object.values(mailers).map((m) => m.close()));
    },
  };
}
