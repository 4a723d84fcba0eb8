export {
  type DeliverEmailOptions,
  deliverEmail,
  errorText,
  STALE_ATTEMPT_MS,
  staleAttemptMsFor,
} from './deliver-email.ts';
export { type DeliveryOutcome, deliverEmailBatch } from './deliver-email-batch.ts';
export type { EmailCalendar, EmailJob, LoadAttachment, QueuedEmail, QueueRow } from './email-job.ts';
export {
  type DigestEntry,
  type DigestibleTemplateId,
  digestEntryUrl,
  type EmailTemplateData,
  type EmailTemplateId,
  type PledgeDecision,
  type PledgeSummary,
  type RenderedEmail,
} from './email-template.ts';
export { supportedLocales } from './locales/index.ts';
export { createMailer, type Mailer, type OutgoingEmail } from './mailer.ts';
export { markEmailFailed } from './mark-email-failed.ts';
export { messageIdFor } from './message-id.ts';
export { renderEmail } from './render-email.ts';
export { SMTP_SEND_DEADLINE_MS } from './smtp-mailer.ts';
