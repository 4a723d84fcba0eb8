import type { DatabaseHandle } from '@concord/db';
import { createMailer } from '@concord/notifications';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import { markCommitmentLate, remindTaskholder } from '../modules/commitment/commitment-deadlines.ts';
import { issueCertificate } from '../modules/document/issue-certificate.ts';
import { sendDueDigests } from '../modules/mail/send-digests.ts';
import { sendCampaignReminders } from '../modules/reporting/reporting-reminders.ts';
import type { Metrics } from '../plugins/metrics.ts';
import { inSpan, type Telemetry } from '../telemetry.ts';
import type { JobData } from './definitions.ts';
import { workEmailQueue } from './email-worker.ts';
import type { JobQueue } from './queue.ts';

export interface Worker {
  /** Closes the mail connections: after the job queue has stopped, so that no job in hand still needs them. */
  stop(): Promise<void>;
}

/** The handlers of every job. Each is idempotent: a job may run more than once (at-least-once delivery). */
export async function startWorker({
  jobs,
  database,
  config,
  log,
  metrics,
  telemetry,
}: {
  jobs: JobQueue;
  database: DatabaseHandle;
  config: Config;
  log: FastifyBaseLogger;
  metrics: Metrics;
  telemetry: Telemetry;
}): Promise<Worker> {
  const db = database.db;
  // Log-in links have connections of their own: other e-mail queued in the bulk pool never delays them.
  const smtp = {
    smtpUrl: config.smtpUrl,
    from: config.mailFrom,
    db,
    sendDeadlineMs: config.smtpSendTimeoutSeconds * 1000,
  };
  const loginMailer = createMailer({ ...smtp, connections: 2 });
  const bulkMailer = createMailer({ ...smtp, connections: config.smtpConnections });
  const context = { jobs, db, config, log, metrics, tracer: telemetry.tracer };
  await workEmailQueue(context, { queue: 'send-login-email', mailer: loginMailer, batchSize: 10, concurrency: 4 });
  await workEmailQueue(context, {
    queue: 'send-email',
    mailer: bulkMailer,
    batchSize: 100,
    concurrency: 2 * config.smtpConnections,
  });

  const options = { batchSize: 1, pollingIntervalSeconds: config.jobs.pollingSeconds };
  await jobs.boss.work<JobData['issue-certificate']>('issue-certificate', options, async ([job]) => {
    if (!job) return;
    await inSpan(telemetry.tracer, 'job issue-certificate', { 'concord.job.id': job.id }, () =>
      issueCertificate({ db, jobs, config, signatureId: job.data.signatureId }),
    );
  });

  await jobs.boss.work<JobData['campaign-reminder']>('campaign-reminder', options, async ([job]) => {
    if (!job) return;
    const { campaignId, step, daysBefore, deadline } = job.data;
    const outcome = await inSpan(telemetry.tracer, 'job campaign-reminder', { 'concord.job.id': job.id }, () =>
      sendCampaignReminders({ db, jobs, config, campaignId, step, daysBefore, deadline }),
    );
    log.info({ campaignId, step, daysBefore, deadline, jobId: job.id, ...outcome }, 'campaign reminders done');
  });

  await jobs.boss.work<JobData['commitment-reminder']>('commitment-reminder', options, async ([job]) => {
    if (!job) return;
    const outcome = await remindTaskholder({ db, jobs, config, ...job.data });
    log.info({ ...job.data, jobId: job.id, ...outcome }, 'commitment reminder done');
  });

  await jobs.boss.work<JobData['commitment-deadline']>('commitment-deadline', options, async ([job]) => {
    if (!job) return;
    const outcome = await markCommitmentLate({ db, jobs, config, ...job.data });
    log.info({ ...job.data, jobId: job.id, ...outcome }, 'commitment deadline done');
  });

  await jobs.boss.work<JobData['send-digests']>('send-digests', options, async ([job]) => {
    if (!job) return;
    const outcome = await inSpan(telemetry.tracer, 'job send-digests', { 'concord.job.id': job.id }, () =>
      sendDueDigests({ db, jobs, config }),
    );
    log.info({ jobId: job.id, ...outcome }, 'digests sent');
  });

  return {
    async stop() {
      await Promise.all([loginMailer.close(), bulkMailer.close()]);
    },
  };
}
