import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.ts';
import { waitFor } from './journey.ts';
import { reviewNoticeJob, type SinkMessage, type SmtpSink, startSmtpSink } from './smtp-sink.ts';

/**
 * The fault test of e-mail delivery: the mail server goes away while 1,000 e-mails go out, and comes back.
 *
 * What it asserts: every e-mail arrives (1,000 distinct Message-IDs) and every delivery ends `sent`. Copies
 * beyond one per e-mail are allowed only in the window deliverEmail documents, a message the server took
 * while its reply was lost at the cut: at most one per connection that was in the middle of a message, so at
 * most SMTP_CONNECTIONS. (In practice none.) Retries are quick here (JOB_RETRY_DELAY_SECONDS=1).
 */
const TOTAL = 1_000;
const CONNECTIONS = 5;
let t: TestApp;
let sink: SmtpSink;
const received: SinkMessage[] = [];

beforeAll(async () => {
  sink = await startSmtpSink({ delayMs: 2 });
  t = await buildTestApp({
    env: { SMTP_URL: sink.url, SMTP_CONNECTIONS: String(CONNECTIONS), JOB_RETRY_LIMIT: '12' },
  });
});
afterAll(async () => {
  await t?.close();
  await sink?.close();
});

const reminder = (i: number) => reviewNoticeJob(`outage:${i}`, i);

const count = async (where: ReturnType<typeof sql>) => {
  const [row] = await t.database.rows<{ n: number }>(sql`select count(*)::int as n from email_delivery where ${where}`);
  return row?.n ?? 0;
};

describe('[MAIL] the mail server goes away during 1,000 e-mails', () => {
  it('delivers every one once it is back: none lost, none twice', async () => {
    await t.app.jobs.boss.insert(
      'send-email',
      Array.from({ length: TOTAL }, (_, i) => ({ data: reminder(i) })),
    );

    // Part of the way through, the server goes away…
    await waitFor(async () => (sink.messages.length >= TOTAL / 5 ? true : undefined), 'a fifth delivered', 60_000);
    const port = sink.port;
    await sink.close();
    received.push(...sink.messages);
    // …and deliveries fail while it is away (recorded, to be retried).
    await waitFor(
      async () => ((await count(sql`last_error is not null`)) >= 10 ? true : undefined),
      'failed attempts while the server is away',
      60_000,
    );
    expect(received.length).toBeLessThan(TOTAL);

    sink = await startSmtpSink({ port });
    await waitFor(
      async () => ((await count(sql`status = 'sent'`)) === TOTAL ? true : undefined),
      'every delivery sent',
      120_000,
    );
    received.push(...sink.messages);

    const distinct = new Set(received.map((m) => m.messageId));
    expect(distinct.size).toBe(TOTAL);
    expect(received.length - distinct.size).toBeLessThanOrEqual(CONNECTIONS);
    expect(await count(sql`status <> 'sent'`)).toBe(0);
  }, 240_000);
});
