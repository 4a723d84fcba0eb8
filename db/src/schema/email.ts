import { sql } from 'drizzle-orm';
import { char, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.ts';
import { emailDeliveryStatus } from './enums.ts';
import { person } from './person.ts';

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
    /**
     * When the current attempt was claimed (database clock). An attempt neither sent nor failed is taken to be
     * under way until it is older than the longest a send may take; after that its worker is presumed dead.
     */
    claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull().defaultNow(),
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

/**
 * The opt-out link of one e-mail that can be opted out of (RFC 8058 one-click `List-Unsubscribe`): a random token,
 * stored as its SHA-256, that stops the e-mails of `topic` to its person and does nothing else. It does not
 * expire: a link in a months-old e-mail must still work, and the worst it can do is stop e-mails of that topic.
 */
export const emailOptOut = pgTable(
  'email_opt_out',
  {
    tokenHash: char('token_hash', { length: 64 }).primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id, { onDelete: 'cascade' }),
    topic: text('topic').notNull(),
    createdAt: createdAt(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [
    index('email_opt_out_person_idx').on(t.personId),
    check('email_opt_out_topic', sql`${t.topic} in ('review', 'announcement')`),
  ],
);

export type EmailDelivery = typeof emailDelivery.$inferSelect;
export type EmailOptOut = typeof emailOptOut.$inferSelect;
export type DevMailboxMessage = typeof devMailboxMessage.$inferSelect;
