import { randomUUID } from 'node:crypto';
import { type DatabaseHandle, schema } from '@concord/db';
import { openTestDatabase } from '@concord/db/testing';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createMailer,
  deliverEmail,
  deliverEmailBatch,
  type EmailJob,
  type Mailer,
  messageIdFor,
} from '../src/index.ts';
import { closedPort, startSmtpServer, type TestSmtpServer } from './smtp-test-server.ts';

const { emailDelivery } = schema;
const from = 'Concord <no-reply@concord.example.eu>';

let handle: DatabaseHandle;
let smtp: TestSmtpServer;
let mailer: Mailer;
beforeAll(async () => {
  handle = await openTestDatabase(inject('databaseTemplates'), 'empty');
  smtp = await startSmtpServer();
  mailer = createMailer({ smtpUrl: smtp.url, from, db: handle.db, connections: 3 });
});
afterAll(async () => {
  await mailer?.close();
  await smtp?.close();
  await handle?.close();
});

const loginJob = (): EmailJob<'login-link'> => ({
  idempotencyKey: `login-link:${randomUUID()}`,
  template: 'login-link',
  to: 'anna.schmidt@recycler.example.de',
  locale: 'en',
  data: { url: `https://concord.example.eu/login/verify?token=${randomUUID()}`, expiresInMinutes: 10 },
});

const received = (job: EmailJob) => smtp.messages.filter((m) => m.messageId === messageIdFor(job.idempotencyKey));
const rowsOf = (jobs: EmailJob[]) =>
  handle.db
    .select()
    .from(emailDelivery)
    .where(
      inArray(
        emailDelivery.idempotencyKey,
        jobs.map((j) => j.idempotencyKey),
      ),
    );

describe('[E-MAIL] deliverEmailBatch', () => {
  it('sends each e-mail of a batch once, marks each sent, and sends a key met twice in the batch once', async () => {
    const jobs = Array.from({ length: 25 }, loginJob);
    const twice = jobs[3] as EmailJob;
    const outcomes = await deliverEmailBatch({ db: handle.db, mailer, jobs: [...jobs, twice], concurrency: 6 });

    expect(outcomes.slice(0, 25).every((o) => o.status === 'sent')).toBe(true);
    expect(outcomes[25]).toEqual({ status: 'already-sent' });
    for (const job of jobs) expect(received(job)).toHaveLength(1);
    const rows = await rowsOf(jobs);
    expect(rows).toHaveLength(25);
    for (const row of rows) {
      expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null, subject: 'Your sign-in link' });
      expect(row.messageId).toBe(messageIdFor(row.idempotencyKey));
    }
  });

  it('sends nothing for a key already sent, and retries a key whose last attempt failed', async () => {
    const sent = loginJob();
    await deliverEmail({ db: handle.db, mailer, job: sent });
    const failedBefore = loginJob();
    const down = createMailer({ smtpUrl: `smtp://127.0.0.1:${await closedPort()}`, from, db: handle.db });
    await expect(deliverEmail({ db: handle.db, mailer: down, job: failedBefore })).rejects.toThrow();
    await down.close();

    const outcomes = await deliverEmailBatch({ db: handle.db, mailer, jobs: [sent, failedBefore], concurrency: 2 });
    expect(outcomes).toEqual([{ status: 'already-sent' }, { status: 'sent' }]);
    expect(received(sent)).toHaveLength(1);
    expect(received(failedBefore)).toHaveLength(1);
    expect(await rowsOf([failedBefore])).toMatchObject([{ status: 'sent', attempts: 2, lastError: null }]);
  });

  it('answers a failed send for that e-mail alone and records its error', async () => {
    const [good, bad] = [loginJob(), loginJob()];
    const picky: Mailer = {
      kind: 'smtp',
      send: (email) =>
        email.messageId === messageIdFor(bad.idempotencyKey)
          ? Promise.reject(new Error('550 mailbox unavailable'))
          : mailer.send(email),
      close: async () => {},
    };
    const outcomes = await deliverEmailBatch({ db: handle.db, mailer: picky, jobs: [good, bad], concurrency: 2 });
    expect(outcomes[0]).toEqual({ status: 'sent' });
    expect(outcomes[1]).toMatchObject({
      status: 'failed',
      error: expect.objectContaining({ message: '550 mailbox unavailable' }),
    });
    expect(await rowsOf([bad])).toMatchObject([
      { status: 'pending', attempts: 1, lastError: '550 mailbox unavailable' },
    ]);
  });
});

describe('[E-MAIL] an e-mail past its notAfter', () => {
  it('is not sent once it has expired (a log-in link held up by retries): its delivery is recorded failed', async () => {
    const [late, inTime] = [loginJob(), loginJob()];
    late.notAfter = new Date(Date.now() - 60_000).toISOString();
    inTime.notAfter = new Date(Date.now() + 600_000).toISOString();
    const outcomes = await deliverEmailBatch({ db: handle.db, mailer, jobs: [late, inTime], concurrency: 2 });
    expect(outcomes).toEqual([{ status: 'expired' }, { status: 'sent' }]);
    expect(received(late)).toHaveLength(0);
    expect(received(inTime)).toHaveLength(1);
    expect(await rowsOf([late])).toMatchObject([
      { status: 'failed', lastError: expect.stringMatching(/^expired at .* before it could be sent$/) },
    ]);
  });
});
