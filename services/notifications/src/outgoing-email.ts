import type { EmailCalendar } from './email-job.ts';

/** What a mailer sends and the contract every mailer keeps: apart from `mailer.ts`, which picks one. */
export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
  /** A calendar invitation: a text/calendar part with its METHOD, and the same as an invitation.ics attachment. */
  calendar?: EmailCalendar;
  /** The Message-ID header, angle brackets included: `messageIdFor(idempotencyKey)`. */
  messageId: string;
}

export interface Mailer {
  readonly kind: 'smtp' | 'dev-mailbox';
  /** Resolves once the server (or the mailbox table) has taken the message; rejects otherwise. */
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
  close(): Promise<void>;
}
