import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.ts';
import { reviewNoticeJob, type SmtpSink, startSmtpSink } from './smtp-sink.ts';

/**
 * A process that stops while its worker is handing a batch of e-mail to the mail server: the worker's jobs are
 * waited for first (pg-boss's graceful stop), and only then are its SMTP connections closed. So the e-mails of
 * the batch still in hand, sending or about to, are delivered and their jobs completed, none cut off and left
 * to retry.
 */
const BATCH = 8;
let sink: SmtpSink;
let t: TestApp;

beforeAll(async () => {
  // The server takes its time over each message, as a busy relay does: long enough for the stop to begin.
  sink = await startSmtpSink({ delayMs: 400 });
  // One connection: the batch goes out one e-mail after another, most still waiting when the stop begins.
  t = await buildTestApp({ env: { SMTP_URL: sink.url, SMTP_CONNECTIONS: '1', SHUTDOWN_GRACE_SECONDS: '60' } });
});
afterAll(async () => {
  await t.database.close().catch(() => {});
  await sink.close();
});

describe('stopping the worker while e-mail is in flight', () => {
  it('delivers the batch in hand before closing the mail connections: each once, every job completed', async () => {
    await t.app.jobs.boss.insert(
      'send-email',
      Array.from({ length: BATCH }, (_, i) => ({ data: reviewNoticeJob(`shutdown:${i}`, i) })),
    );
    await sink.firstReceived();
    // The server has the first message and has not answered yet: the process is asked to stop now.
    await t.app.close();

    const jobs = await t.database.db.execute<{ state: string; n: number }>(
      sql`select state, count(*)::int as n from pgboss.job where name = 'send-email' group by state`,
    );
    const rows = Array.isArray(jobs) ? jobs : (jobs as unknown as { rows: typeof jobs }).rows;
    expect(rows).toEqual([{ state: 'completed', n: BATCH }]);
    expect(new Set(sink.messages.map((m) => m.to)).size).toBe(BATCH);
    expect(sink.messages).toHaveLength(BATCH);
  });
});
