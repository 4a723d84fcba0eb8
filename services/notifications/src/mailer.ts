import type { Database } from '@concord/db';
import { createDevMailboxMailer } from './dev-mailbox-mailer.ts';
import type { Mailer } from './outgoing-email.ts';
import { createSmtpMailer } from './smtp-mailer.ts';

export type { Mailer, OutgoingEmail } from './outgoing-email.ts';

/** SMTP (nodemailer, `connections` side by side) when smtpUrl is set; otherwise the development mailbox table. */
export function createMailer(options: {
  smtpUrl?: string | undefined;
  from: string;
  db: Database;
  connections?: number | undefined;
  sendDeadlineMs?: number | undefined;
}): Mailer {
  return options.smtpUrl
    ? createSmtpMailer({
        smtpUrl: options.smtpUrl,
        from: options.from,
        connections: options.connections,
        sendDeadlineMs: options.sendDeadlineMs,
      })
    : createDevMailboxMailer({ db: options.db, from: options.from });
}
