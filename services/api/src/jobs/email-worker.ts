import type { Database } from '@concord/db';
import {
  deliverEmailBatch,
  type EmailJob,
  errorText,
  type Mailer,
  markEmailFailed,
  staleAttemptMsFor,
} from '@concord/notifications';
import type { Tracer } from '@opentelemetry/api';
import type { FastifyBaseLogger } from 'fastify';
import type { Job, JobResult } from 'pg-boss';
import type { Config } from '../config.ts';
import { loadDocumentContent } from '../modules/document/document.service.ts';
import type { Metrics } from '../plugins/metrics.ts';
import { inSpan } from '../telemetry.ts';
import { deadLetterQueue, type emailQueues } from './definitions.ts';
import type { JobQueue } from './queue.ts';

export interface EmailQueueWork {
  queue: (typeof emailQueues)[number];
  mailer: Mailer;
  /** Jobs fetched at once; the next fetch follows at once while fetches come back full. */
  batchSize: number;
  /** E-mails of a batch in flight at once: their database work overlaps with other e-mails' SMTP exchanges. */
  concurrency: number;
}

export interface EmailWorkContext {
  jobs: JobQueue;
  db: Database;
  config: Config;
  log: FastifyBaseLogger;
  metrics: Metrics;
  tracer: Tracer;
}

/**
 * Works one e-mail queue: fetches a batch, delivers its e-mails `concurrency` at a time (deliverEmailBatch), and
 * settles each job on its own (pg-boss `perJobResults`): a failed send retries that e-mail alone, with the queue's backoff.
 */
export async function workEmailQueue(context: EmailWorkContext, work: EmailQueueWork): Promise<void> {
  const { jobs, db, config, metrics, log } = context;
  const { queue } = work;
  await jobs.boss.work<EmailJob>(
    queue,
    {
      batchSize: work.batchSize,
      perJobResults: true,
      burstWhenBatchFull: true,
      pollingIntervalSeconds: config.jobs.pollingSeconds,
    },
    emailBatchHandler(context, work),
  );

  await jobs.boss.work<EmailJob>(
    deadLetterQueue(queue),
    { batchSize: 10, pollingIntervalSeconds: config.jobs.pollingSeconds },
    async (batch) => {
      for (const job of batch) {
        const outcome = await markEmailFailed({
          db,
          job: { ...job.data, queued: { name: job.name, id: job.id } },
          error: 'retries exhausted',
        });
        if (outcome === 'dropped') continue;
        metrics.emailsFailed.inc({ queue, reason: 'retries_exhausted' });
        log.error({ template: job.data.template, to: job.data.to }, 'e-mail failed after every retry');
      }
    },
  );
}

/**
 * What the worker does with a batch of one e-mail queue's jobs. Each e-mail names its job's row in the queue, so
 * that one whose job an erasure deleted after the worker had fetched it is not sent ('dropped').
 */
export function emailBatchHandler(
  { db, config, log, metrics, tracer }: EmailWorkContext,
  { queue, mailer, concurrency }: EmailQueueWork,
): (batch: Job<EmailJob>[]) => Promise<JobResult[]> {
  const loadAttachment = (sha256: string) => loadDocumentContent(db, sha256);
  return async (batch) => {
    const outcomes = await inSpan(tracer, `job ${queue}`, { 'messaging.batch.message_count': batch.length }, (span) =>
      deliverEmailBatch({
        db,
        mailer,
        jobs: batch.map((job) => ({ ...job.data, queued: { name: job.name, id: job.id } })),
        concurrency,
        loadAttachment,
        staleAttemptMs: staleAttemptMsFor(config.smtpSendTimeoutSeconds * 1000),
      }).then((outcomes) => {
        span.setAttribute('concord.email.sent', outcomes.filter((o) => o.status === 'sent').length);
        span.setAttribute('concord.email.failed', outcomes.filter((o) => o.status === 'failed').length);
        return outcomes;
      }),
    );
    return batch.map((job, i) => {
      const outcome = outcomes[i] ?? { status: 'failed', error: new Error('no outcome') };
      // 'already-sent' is not counted: whichever worker sent it counted it.
      if (outcome.status === 'sent') metrics.emailsSent.inc({ queue });
      if (outcome.status === 'expired') {
        metrics.emailsFailed.inc({ queue, reason: 'expired' });
        log.warn({ template: job.data.template, jobId: job.id }, 'e-mail expired before it could be sent');
      }
      if (outcome.status !== 'failed') return { id: job.id, status: 'completed', output: { result: outcome.status } };
      metrics.emailsFailed.inc({ queue, reason: 'attempt' });
      log.warn({ err: outcome.error, template: job.data.template, jobId: job.id }, 'e-mail not delivered; will retry');
      return { id: job.id, status: 'failed', output: { message: errorText(outcome.error) } };
    });
  };
}
