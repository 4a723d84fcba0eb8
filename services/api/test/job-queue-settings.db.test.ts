import { openTestDatabase } from '@concord/db/testing';
import { describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { jobNames } from '../src/jobs/definitions.ts';
import { startJobQueue } from '../src/jobs/queue.ts';

/**
 * Queue settings follow the configuration of the process that starts last. pg-boss keeps them in its queue
 * table, and `createQueue` leaves an existing queue alone: without `updateQueue` at every start, a changed
 * JOB_RETRY_LIMIT or JOB_RETRY_DELAY_SECONDS never reached a queue created by an earlier version.
 */
describe('[JOBS] queue settings', () => {
  it('applies retry settings changed between two starts to the queues that already exist', async () => {
    const database = await openTestDatabase(inject('databaseTemplates'), 'empty');
    try {
      const first = await startJobQueue(
        database,
        loadConfig({
          NODE_ENV: 'test',
          JOB_RETRY_LIMIT: '3',
          JOB_RETRY_DELAY_SECONDS: '40',
          JOB_HEARTBEAT_SECONDS: '30',
        }),
      );
      for (const name of jobNames) {
        expect(await first.boss.getQueue(name)).toMatchObject({ retryLimit: 3, retryDelay: 40, heartbeatSeconds: 30 });
      }
      await first.stop();

      const second = await startJobQueue(
        database,
        loadConfig({
          NODE_ENV: 'test',
          JOB_RETRY_LIMIT: '7',
          JOB_RETRY_DELAY_SECONDS: '5',
          JOB_HEARTBEAT_SECONDS: '12',
        }),
      );
      try {
        for (const name of jobNames) {
          expect(await second.boss.getQueue(name)).toMatchObject({
            retryLimit: 7,
            retryDelay: 5,
            retryBackoff: true,
            heartbeatSeconds: 12,
            expireInSeconds: 900,
          });
        }
        // And a job sent now carries them (pg-boss copies the queue's settings into each job it creates).
        const id = await second.boss.send('issue-certificate', { signatureId: '00000000-0000-0000-0000-000000000000' });
        const job = id ? await second.boss.getJobById('issue-certificate', id) : null;
        expect(job).toMatchObject({ retryLimit: 7, retryDelay: 5, heartbeatSeconds: 12 });
      } finally {
        await second.stop();
      }
    } finally {
      await database.close();
    }
  });
});
