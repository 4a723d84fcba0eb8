import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.ts';
import { waitFor } from './journey.ts';
import { reviewNoticeJob, type SmtpSink, startSmtpSink } from './smtp-sink.ts';

/**
 * Log-in links have a queue and a mail connection of their own: a backlog of other e-mail (a reporting
 * campaign's reminders, review notices) never stands between a person and the link they just asked for.
 */
let t: TestApp;
let smtp: SmtpSink;
const BACKLOG = 500;

beforeAll(async () => {
  // A mail server that takes its time over each message, so the backlog cannot drain in a moment.
  smtp = await startSmtpSink({ delayMs: 20 });
  t = await buildTestApp({ env: { SMTP_URL: smtp.url } });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const reviewNotice = (i: number) => reviewNoticeJob(`backlog:${i}`, i);

describe('[MAIL] log-in links go first', () => {
  it('delivers a log-in link asked for behind 500 queued e-mails before the backlog drains', async () => {
    await t.app.jobs.boss.insert(
      'send-email',
      Array.from({ length: BACKLOG }, (_, i) => ({ data: reviewNotice(i) })),
    );
    await waitFor(async () => (smtp.messages.length > 0 ? true : undefined), 'the backlog to start draining');

    const email = 'first.in.line@recycler.example.de';
    const requested = await t.graphql('mutation($email: String!) { requestLoginLink(email: $email) { accepted } }', {
      email,
    });
    expect(requested.errors).toBeUndefined();

    const link = await waitFor(async () => smtp.messages.find((m) => m.to === email), 'the log-in link', 60_000);
    const backlogBefore = smtp.messages.filter((m) => m.at < link.at && m.to !== email).length;
    // Most of the backlog still waits when the link arrives (a single FIFO queue would deliver all of it first).
    expect(backlogBefore).toBeLessThan(BACKLOG / 2);
  }, 120_000);
});
