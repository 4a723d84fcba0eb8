import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.ts';
import { emailDeliveryStatus } from './enums.ts';

/**
 * One row per e-mail the system means to send, keyed by the job's idempotency key: a retried job finds the
 * row already `sent` and sends nothing, so a recipient gets one message however often the job runs.
 */
export const emailDelivery = pgTable(
  'email_delivery',
  {
    id: id(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    template: text('template').notNull(),
    recipient: text('recipient').notNull(),
    subject: text('subject'),
    status: emailDeliveryStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    messageId: text('message_id'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('email_delivery_status_idx').on(t.status, t.createdAt),
    check('email_delivery_sent_has_date', sql`${t.status} <> 'sent' or ${t.sentAt} is not null`),
  ],
);

/** Development mailbox: where e-mail goes when no SMTP_URL is set, readable in the portal. */
export const devMailboxMessage = pgTable(
  'dev_mailbox_message',
  {
    id: id(),
    recipient: text('recipient').notNull(),
    sender: text('sender').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html'),
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('dev_mailbox_message_recipient_idx').on(t.recipient, t.createdAt)],
);

export type EmailDelivery = typeof emailDelivery.$inferSelect;
export type DevMailboxMessage = typeof devMailboxMessage.$inferSelect;
