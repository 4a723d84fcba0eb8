import { randomUUID } from 'node:crypto';
import { type DatabaseHandle, schema } from '@concord/db';
import { openTestDatabase } from '@concord/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createMailer, deliverEmail, type EmailJob, messageIdFor } from '../src/index.ts';

const { devMailboxMessage, emailDelivery } = schema;

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase(inject('databaseTemplates'), 'empty');
});
afterAll(() => handle.close());

describe('[E-MAIL] the development mailbox', () => {
  it('is what createMailer gives without an SMTP URL, and SMTP with one', async () => {
    const smtp = createMailer({ smtpUrl: 'smtp://127.0.0.1:2525', from: 'x@example.eu', db: handle.db });
    expect(smtp.kind).toBe('smtp');
    await smtp.close();
    expect(createMailer({ smtpUrl: undefined, from: 'x@example.eu', db: handle.db }).kind).toBe('dev-mailbox');
    expect(createMailer({ smtpUrl: '', from: 'x@example.eu', db: handle.db }).kind).toBe('dev-mailbox');
  });

  it('stores a sign-in link where a newcomer can read and follow it, once', async () => {
    const mailer = createMailer({ from: 'Concord <no-reply@concord.localhost>', db: handle.db });
    const to = `newcomer-${randomUUID()}@example.eu`;
    const job: EmailJob<'login-link'> = {
      idempotencyKey: `login-link:${randomUUID()}`,
      template: 'login-link',
      to,
      locale: 'en',
      data: { url: 'http://localhost:3000/login/verify?token=dev-token', expiresInMinutes: 15 },
    };
    expect(await deliverEmail({ db: handle.db, mailer, job })).toBe('sent');
    expect(await deliverEmail({ db: handle.db, mailer, job })).toBe('already-sent');

    const messages = await handle.db.select().from(devMailboxMessage).where(eq(devMailboxMessage.recipient, to));
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(message).toMatchObject({
      sender: 'Concord <no-reply@concord.localhost>',
      subject: 'Your sign-in link',
      headers: { 'Message-ID': messageIdFor(job.idempotencyKey), 'Auto-Submitted': 'auto-generated' },
    });
    expect(message?.text).toContain(job.data.url);
    expect(message?.html).toContain(`<a href="${job.data.url}"`);

    const [delivery] = await handle.db
      .select()
      .from(emailDelivery)
      .where(eq(emailDelivery.idempotencyKey, job.idempotencyKey));
    expect(delivery).toMatchObject({ status: 'sent', attempts: 1, messageId: messageIdFor(job.idempotencyKey) });
  });

  it('names the attachments it cannot store', async () => {
    const mailer = createMailer({ from: 'no-reply@concord.localhost', db: handle.db });
    const to = `rep-${randomUUID()}@example.eu`;
    await mailer.send({
      to,
      subject: 'Certificate',
      text: 'Attached.',
      html: '<p>Attached.</p>',
      headers: {},
      attachments: [{ filename: 'certificate.pdf', content: Buffer.alloc(1234), contentType: 'application/pdf' }],
      messageId: '<m@concord.local>',
    });
    const [message] = await handle.db.select().from(devMailboxMessage).where(eq(devMailboxMessage.recipient, to));
    expect(message?.headers['X-Concord-Attachments']).toBe('certificate.pdf (application/pdf, 1234 bytes)');
  });
});
