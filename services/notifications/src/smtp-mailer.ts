import { createTransport, type SendMailOptions } from 'nodemailer';
import type { Mailer, OutgoingEmail } from './outgoing-email.ts';

/**
 * Upper bound on one send by default (SMTP_SEND_TIMEOUT_SECONDS), from handing the message to the pool to the
 * server's answer to it. It keeps a live attempt shorter than the time after which deliverEmail lets another worker
 * take an unfinished attempt over (staleAttemptMsFor(deadline)).
 */
export const SMTP_SEND_DEADLINE_MS = 30_000;

export interface SmtpMailerOptions {
  smtpUrl: string;
  from: string;
  /**
   * Connections kept open to the server and used side by side (nodemailer's pool). One connection sends one
   * message at a time; a handful let a batch go out at the speed of the server instead of one round trip
   * after another. Default 1.
   */
  connections?: number | undefined;
  /** Upper bound on one send; SMTP_SEND_DEADLINE_MS by default. */
  sendDeadlineMs?: number | undefined;
}

export function createSmtpMailer({
  smtpUrl,
  from,
  connections = 1,
  sendDeadlineMs = SMTP_SEND_DEADLINE_MS,
}: SmtpMailerOptions): Mailer {
  const transport = createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: connections,
    // A connection is replaced after this many messages (some servers limit messages per session).
    maxMessages: 1_000,
    // A dead or unreachable server should fail the job quickly so the queue retries with backoff, rather than
    // hold a worker for nodemailer's defaults (2 minutes to connect, 10 minutes of silence).
    connectionTimeout: Math.min(10_000, sendDeadlineMs),
    greetingTimeout: Math.min(10_000, sendDeadlineMs),
    // Longer than the others: it also covers the wait for the reply to the message body, and giving up on a
    // server that is still scanning it is exactly how a message gets sent twice.
    socketTimeout: Math.min(20_000, sendDeadlineMs),
    // Attachments are always buffers here; never let a message read a local file or fetch a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
  });

  return {
    kind: 'smtp',
    async send(email) {
      const info = await transport.sendMail({
        ...mailOptionsOf(email, from),
        signal: AbortSignal.timeout(sendDeadlineMs),
      });
      return { messageId: info.messageId };
    },
    async close() {
      transport.close();
    },
  };
}

/** The message nodemailer writes for `email`: what goes to the server, and what the tests read back. */
export function mailOptionsOf(email: OutgoingEmail, from: string): SendMailOptions {
  return {
    from,
    to: email.to,
    subject: email.subject,
    text: email.text,
    html: email.html,
    headers: email.headers,
    messageId: email.messageId,
    attachments: email.attachments?.map(({ filename, content, contentType }) => ({ filename, content, contentType })),
    // Nodemailer writes it as a text/calendar alternative with its METHOD and attaches it as a file too.
    icalEvent: email.calendar
      ? { method: email.calendar.method, filename: 'invitation.ics', content: email.calendar.content }
      : undefined,
  };
}
