import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type JobQueue, startJobQueue } from '../jobs/queue.ts';
import { startWorker } from '../jobs/worker.ts';

declare module 'fastify' {
  interface FastifyInstance {
    jobs: JobQueue;
  }
}

/**
 * The job queue (always: services enqueue into it) and, where configured, the worker that runs the jobs in
 * this process. API-only replicas set RUN_WORKER=false and leave the work to worker processes.
 */
export const jobsPlugin = fp(
  async (app: FastifyInstance) => {
    const jobs = await startJobQueue(app.database, app.config);
    app.decorate('jobs', jobs);
    const worker = app.config.runWorker
      ? await startWorker({
          jobs,
          database: app.database,
          config: app.config,
          log: app.log,
          metrics: app.metrics,
          telemetry: app.telemetry,
        })
      : undefined;
    app.addHook('onClose', async () => {
      // The jobs in hand first, within a quarter of the shutdown's grace period (lifecycle.ts; the database
      // closes after this, within it): an e-mail of a batch still being sent needs its mail connection open.
      await jobs.stop({ graceMs: app.config.shutdownGraceSeconds * 250 });
      await worker?.stop();
    });
  },
  { name: 'jobs', dependencies: ['database', 'config', 'metrics'] },
);
