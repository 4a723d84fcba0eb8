import type { Database } from '@concord/db';
import { createDevMailboxMailer } from './dev-mailbox-mailer.ts';
import { createSmtpMailer } from './smtp-mailer.ts';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
  /** The Message-ID header, angle brackets included: `messageIdFor(idempotencyKey)`. */
  messageId: string;
}

export interface Mailer {
  readonly kind: 'smtp' | 'dev-mailbox';
  /** Resolves once the server (or the mailbox table) has taken the message; rejects otherwise. */
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
  close(): Promise<void>;
}

/** SMTP (nodemailer) when smtpUrl is set; otherwise the development mailbox table. */
export function createMailer(options: { smtpUrl?: string | undefined; from: string; db: Database }): Mailer {
  return options.smtpUrl
    ? createSmtpMailer({ smtpUrl: options.smtpUrl, from: options.from })
    : createDevMailboxMailer({ db: options.db, from: options.from });
}
