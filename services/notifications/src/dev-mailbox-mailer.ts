import { type Database, schema } from '@concord/db';
import type { Mailer } from './outgoing-email.ts';

/** Development mailbox: stores each message in `dev_mailbox_message`, where the portal shows it. */
export function createDevMailboxMailer({ db, from }: { db: Database; from: string }): Mailer {
  return {
    kind: 'dev-mailbox',
    async send(email) {
      const headers: Record<string, string> = { ...email.headers, 'Message-ID': email.messageId };
      if (email.attachments?.length) {
        // The table has no room for files; naming them lets the portal say what a real recipient would get.
        headers['X-Concord-Attachments'] = email.attachments
          .map((a) => `${a.filename} (${a.contentType}, ${a.content.length} bytes)`)
          .join(', ');
      }
      if (email.calendar)
        headers['X-Concord-Calendar'] = `invitation.ics (text/calendar; method=${email.calendar.method})`;
      await db.insert(schema.devMailboxMessage).values({
        recipient: email.to,
        sender: from,
        subject: email.subject,
        text: email.text,
        html: email.html,
        headers,
      });
      return { messageId: email.messageId };
    },
    async close() {},
  };
}
