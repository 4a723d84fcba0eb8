import type { EmailTemplateData, EmailTemplateId } from './email-template.ts';

/** The payload of an e-mail job, as enqueued by services. */
export interface EmailJob<T extends EmailTemplateId = EmailTemplateId> {
  /** One e-mail per key, however often the job runs: e.g. `signature-approved:<signatureId>`. */
  idempotencyKey: string;
  template: T;
  to: string;
  /** The recipient's BCP 47 language tag (`person.locale`); unsupported ones get English. */
  locale: string;
  data: EmailTemplateData[T];
  /** Generated documents to attach, by the SHA-256 under which the document register keeps them. */
  attachments?: { filename: string; documentSha256: string }[];
  /**
   * An iCalendar invitation (RFC 5546) sent as the message's calendar part, which mail clients offer to put in the
   * calendar: written when the job is enqueued, in the recipient's time zone.
   */
  calendar?: EmailCalendar;
  /**
   * ISO 8601 time after which the e-mail is not worth sending (a log-in link's expiry): a job that runs later, after
   * retries or a dead worker, records the delivery failed instead of sending a link that no longer works.
   */
  notAfter?: string;
}

export interface EmailCalendar {
  method: 'REQUEST' | 'CANCEL';
  /** The iCalendar text (CRLF line ends). */
  content: string;
}

/** Reads a registered document by its SHA-256; null when there is none. */
export type LoadAttachment = (sha256: string) => Promise<{ content: Buffer; contentType: string } | null>;

/** Where the queue keeps an e-mail's job (pg-boss: the queue's name and the job's id). */
export interface QueueRow {
  name: string;
  id: string;
}

/**
 * An e-mail as a worker holds it: the job's data and, when it came from the queue, the job's row there. The row
 * is what an erasure deletes (the person's e-mail still queued); an e-mail whose row is gone is not sent.
 */
export type QueuedEmail<T extends EmailTemplateId = EmailTemplateId> = EmailJob<T> & { queued?: QueueRow };
