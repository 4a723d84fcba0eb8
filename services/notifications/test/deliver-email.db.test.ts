import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type DatabaseHandle, schema } from '@concord/db';
import { openTestDatabase } from '@concord/db/testing';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createMailer, deliverEmail, type EmailJob, type Mailer, markEmailFailed, messageIdFor } from '../src/index.ts';
import { closedPort, headerOf, startSmtpServer, type TestSmtpServer } from './smtp-test-server.ts';

const { emailDelivery } = schema;
const from = 'Concord <no-reply@concord.example.eu>';

let handle: DatabaseHandle;
let smtp: TestSmtpServer;
let mailer: Mailer;
beforeAll(async () => {
  handle = await openTestDatabase(inject('databaseTemplates'), 'empty');
  smtp = await startSmtpServer();
  mailer = createMailer({ smtpUrl: smtp.url, from, db: handle.db });
});
afterAll(async () => {
  await mailer?.close();
  await smtp?.close();
  await handle?.close();
});

const loginJob = (locale = 'en'): EmailJob<'login-link'> => ({
  idempotencyKey: `login-link:${randomUUID()}`,
  template: 'login-link',
  to: 'anna.schmidt@recycler.example.de',
  locale,
  data: { url: `https://concord.example.eu/login/verify?token=${randomUUID()}`, expiresInMinutes: 15 },
});

const deliveryOf = async (job: EmailJob) => {
  const [row] = await handle.db
    .select()
    .from(emailDelivery)
    .where(eq(emailDelivery.idempotencyKey, job.idempotencyKey));
  return row;
};

/** What reached the mail server for a job: its Message-ID is derived from the idempotency key. */
const receivedFor = (server: TestSmtpServer, job: EmailJob) =>
  server.messages.filter((mail) => mail.messageId === messageIdFor(job.idempotencyKey));

/** A mailer whose server takes its time: widens the window in which a second worker can arrive. */
const slow = (inner: Mailer, ms: number): Mailer => ({
  kind: inner.kind,
  send: async (email) => {
    await sleep(ms);
    return inner.send(email);
  },
  close: () => inner.close(),
});

describe('[E-MAIL] deliverEmail over SMTP', () => {
  it('delivers a sign-in link the recipient can follow, once per idempotency key', async () => {
    const job = loginJob();
    expect(await deliverEmail({ db: handle.db, mailer, job })).toBe('sent');
    expect(await deliverEmail({ db: handle.db, mailer, job })).toBe('already-sent');

    const received = receivedFor(smtp, job);
    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail?.subject).toBe('Your sign-in link');
    expect(mail?.from?.value).toEqual([{ name: 'Concord', address: 'no-reply@concord.example.eu' }]);
    expect(mail?.to && 'text' in mail.to ? mail.to.text : undefined).toBe(job.to);
    expect(mail?.text).toContain(job.data.url);
    expect(mail?.html).toContain(`<a href="${job.data.url}"`);
    expect(mail?.messageId).toBe(`<${createHash('sha256').update(job.idempotencyKey).digest('hex')}@concord.local>`);
    expect(headerOf(mail as NonNullable<typeof mail>, 'Auto-Submitted')).toBe('auto-generated');
    expect(headerOf(mail as NonNullable<typeof mail>, 'List-Unsubscribe')).toBeUndefined();
    expect(headerOf(mail as NonNullable<typeof mail>, 'List-Unsubscribe-Post')).toBeUndefined();

    expect(await deliveryOf(job)).toMatchObject({
      status: 'sent',
      attempts: 1,
      lastError: null,
      template: 'login-link',
      recipient: job.to,
      subject: 'Your sign-in link',
      messageId: messageIdFor(job.idempotencyKey),
      sentAt: expect.any(Date),
    });
  });

  it('gives the review notice to staff a one-click List-Unsubscribe', async () => {
    const unsubscribeUrl = 'https://concord.example.eu/preferences/unsubscribe?token=u-1';
    const job: EmailJob<'signature-to-review'> = {
      idempotencyKey: `signature-to-review:${randomUUID()}`,
      template: 'signature-to-review',
      to: 'secretariat@ec.example.eu',
      locale: 'en',
      data: {
        organisationName: 'Polymer Converters Ltd',
        allianceName: 'Circular Plastics Alliance',
        reviewUrl: 'https://concord.example.eu/secretariat/signatures/7',
        unsubscribeUrl,
      },
    };
    await deliverEmail({ db: handle.db, mailer, job });
    const [mail] = receivedFor(smtp, job);
    if (!mail) throw new Error('nothing received');
    expect(mail.subject).toBe('Signature to review: Polymer Converters Ltd (Circular Plastics Alliance)');
    expect(headerOf(mail, 'List-Unsubscribe')).toBe(`<${unsubscribeUrl}>`);
    expect(headerOf(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(mail.html).toContain(`<a href="${unsubscribeUrl}"`);
  });

  it('writes in the recipient’s language', async () => {
    const job = loginJob('de-AT');
    await deliverEmail({ db: handle.db, mailer, job });
    const [mail] = receivedFor(smtp, job);
    expect(mail?.subject).toBe('Ihr Anmeldelink');
    expect(mail?.html).toContain('<html lang="de">');
  });

  it('writes in English to a recipient whose language has no catalogue yet', async () => {
    const job = loginJob('pt-BR');
    await deliverEmail({ db: handle.db, mailer, job });
    const [mail] = receivedFor(smtp, job);
    expect(mail?.subject).toBe('Your sign-in link');
    expect(mail?.html).toContain('<html lang="en">');
  });

  it('sends one message when several workers run the same job at the same time', async () => {
    const job = loginJob();
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => deliverEmail({ db: handle.db, mailer, job })));
    expect(outcomes.sort()).toEqual([
      'already-sent',
      'already-sent',
      'already-sent',
      'already-sent',
      'already-sent',
      'sent',
    ]);
    expect(receivedFor(smtp, job)).toHaveLength(1);
    expect(await deliveryOf(job)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('makes a worker that arrives mid-send wait for the outcome instead of sending again', async () => {
    const job = loginJob();
    const slowMailer = slow(mailer, 400);
    const first = deliverEmail({ db: handle.db, mailer: slowMailer, job });
    await sleep(100);
    const second = deliverEmail({ db: handle.db, mailer: slowMailer, job });
    expect(await Promise.all([first, second])).toEqual(['sent', 'already-sent']);
    expect(receivedFor(smtp, job)).toHaveLength(1);
  });

  it('takes over an attempt whose worker died before finishing', async () => {
    const job = loginJob();
    // What a worker leaves behind when it crashes mid-attempt: claimed, neither sent nor failed.
    await handle.db
      .insert(emailDelivery)
      .values({ idempotencyKey: job.idempotencyKey, template: job.template, recipient: job.to, attempts: 1 });
    const started = performance.now();
    expect(await deliverEmail({ db: handle.db, mailer, job, staleAttemptMs: 300 })).toBe('sent');
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(receivedFor(smtp, job)).toHaveLength(1);
    expect(await deliveryOf(job)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('takes over at once an attempt claimed longer ago than a send can last, however recently it first looks', async () => {
    const job = loginJob();
    // A worker killed a minute ago, mid-send: its claim is older than the longest send plus the margin.
    await handle.db.insert(emailDelivery).values({
      idempotencyKey: job.idempotencyKey,
      template: job.template,
      recipient: job.to,
      attempts: 1,
      claimedAt: sql`now() - interval '1 minute'`,
    });
    const staleAttemptMs = 40_000;
    const started = performance.now();
    expect(await deliverEmail({ db: handle.db, mailer, job, staleAttemptMs })).toBe('sent');
    // A fraction of the window a newcomer would have watched the row for, had it started the clock itself.
    expect((performance.now() - started) / staleAttemptMs).toBeLessThan(0.5);
    expect(receivedFor(smtp, job)).toHaveLength(1);
    expect(await deliveryOf(job)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('lets only one of several workers take over a dead attempt', async () => {
    const job = loginJob();
    await handle.db
      .insert(emailDelivery)
      .values({ idempotencyKey: job.idempotencyKey, template: job.template, recipient: job.to, attempts: 1 });
    // The window must outlast one real send to the test's SMTP server even on a loaded machine: with 200 ms,
    // a send slower than that looked dead to the waiting workers, and they sent a second copy (by design).
    const outcomes = await Promise.all(
      Array.from({ length: 4 }, () => deliverEmail({ db: handle.db, mailer, job, staleAttemptMs: 2_000 })),
    );
    expect(outcomes.sort()).toEqual(['already-sent', 'already-sent', 'already-sent', 'sent']);
    expect(receivedFor(smtp, job)).toHaveLength(1);
    expect(await deliveryOf(job)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('keeps a late failure of an overtaken attempt from spoiling the attempt that replaced it', async () => {
    const job = loginJob();
    const failing: Mailer = {
      kind: 'smtp',
      send: async () => {
        await sleep(400);
        throw new Error('connection reset');
      },
      close: async () => {},
    };
    const overtaken = deliverEmail({ db: handle.db, mailer: failing, job });
    await sleep(50);
    const replacement = deliverEmail({ db: handle.db, mailer: slow(mailer, 700), job, staleAttemptMs: 100 });
    await expect(overtaken).rejects.toThrow('connection reset');
    // Attempt 2 is still talking to the server: attempt 1's error must not make it look finished.
    expect(await deliveryOf(job)).toMatchObject({ status: 'pending', attempts: 2, lastError: null });
    expect(await replacement).toBe('sent');
    expect(receivedFor(smtp, job)).toHaveLength(1);
  });

  it('records a failed attempt when the mail server is down, and delivers once it is back', async () => {
    const port = await closedPort();
    const downMailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from, db: handle.db });
    const job = loginJob();
    try {
      await expect(deliverEmail({ db: handle.db, mailer: downMailer, job })).rejects.toThrow(/ECONNREFUSED/);
      expect(await deliveryOf(job)).toMatchObject({
        status: 'pending',
        attempts: 1,
        lastError: expect.stringMatching(/ECONNREFUSED/),
        sentAt: null,
      });

      const revived = await startSmtpServer(port);
      try {
        expect(await deliverEmail({ db: handle.db, mailer: downMailer, job })).toBe('sent');
        expect(await deliverEmail({ db: handle.db, mailer: downMailer, job })).toBe('already-sent');
        expect(revived.messages).toHaveLength(1);
        expect(receivedFor(revived, job)).toHaveLength(1);
        expect(await deliveryOf(job)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
      } finally {
        await revived.close();
      }
    } finally {
      await downMailer.close();
    }
  });

  it('attaches a registered document, and refuses one that does not match its SHA-256', async () => {
    const pdf = Buffer.from('%PDF-1.7\n% a certificate\n%%EOF\n');
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const loadAttachment = async (hash: string) =>
      hash === sha256 ? { content: pdf, contentType: 'application/pdf' } : null;
    const job = (documentSha256: string): EmailJob<'signature-approved'> => ({
      idempotencyKey: `signature-approved:${randomUUID()}`,
      template: 'signature-approved',
      to: 'anna.schmidt@recycler.example.de',
      locale: 'en',
      data: {
        organisationName: 'Recycler GmbH',
        allianceName: 'Circular Plastics Alliance',
        certificateUrl: 'https://concord.example.eu/documents/cert.pdf',
        verificationUrl: 'https://concord.example.eu/verify/abc',
      },
      attachments: [{ filename: 'signature-certificate.pdf', documentSha256 }],
    });

    const good = job(sha256);
    await deliverEmail({ db: handle.db, mailer, job: good, loadAttachment });
    const [mail] = receivedFor(smtp, good);
    expect(mail?.attachments.map((a) => [a.filename, a.contentType, a.content.equals(pdf)])).toEqual([
      ['signature-certificate.pdf', 'application/pdf', true],
    ]);

    const missing = job('0'.repeat(64));
    await expect(deliverEmail({ db: handle.db, mailer, job: missing, loadAttachment })).rejects.toThrow(/no document/);
    expect(receivedFor(smtp, missing)).toHaveLength(0);
    expect(await deliveryOf(missing)).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: expect.stringMatching(/signature-certificate\.pdf/),
    });

    const tampered = job(sha256);
    const wrongContent = async () => ({ content: Buffer.from('not the certificate'), contentType: 'application/pdf' });
    await expect(deliverEmail({ db: handle.db, mailer, job: tampered, loadAttachment: wrongContent })).rejects.toThrow(
      /expected/,
    );
    expect(receivedFor(smtp, tampered)).toHaveLength(0);
  });
});

describe('[E-MAIL] markEmailFailed', () => {
  it('marks a delivery that ran out of retries as failed, with the last error', async () => {
    const port = await closedPort();
    const downMailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from, db: handle.db });
    const job = loginJob();
    await expect(deliverEmail({ db: handle.db, mailer: downMailer, job })).rejects.toThrow();
    await downMailer.close();

    await markEmailFailed({ db: handle.db, job, error: 'ESOCKET: connect ECONNREFUSED (5 attempts)' });
    expect(await deliveryOf(job)).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: 'ESOCKET: connect ECONNREFUSED (5 attempts)',
      sentAt: null,
    });
  });

  it('records the failure of a job that never got as far as an attempt', async () => {
    const job = loginJob();
    await markEmailFailed({ db: handle.db, job, error: 'handler crashed' });
    expect(await deliveryOf(job)).toMatchObject({ status: 'failed', attempts: 0, lastError: 'handler crashed' });
  });

  it('leaves a delivery that was sent alone', async () => {
    const job = loginJob();
    await deliverEmail({ db: handle.db, mailer, job });
    await markEmailFailed({ db: handle.db, job, error: 'a late duplicate gave up' });
    expect(await deliveryOf(job)).toMatchObject({ status: 'sent', lastError: null });
  });

  it('lets a failed delivery be tried again when its job is re-run', async () => {
    const job = loginJob();
    await markEmailFailed({ db: handle.db, job, error: 'server was down all day' });
    expect(await deliverEmail({ db: handle.db, mailer, job })).toBe('sent');
    expect(receivedFor(smtp, job)).toHaveLength(1);
    expect(await deliveryOf(job)).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
  });
});
