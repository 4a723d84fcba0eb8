import { sql } from 'drizzle-orm';
import {
  char,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.ts';
import { emailDeliveryStatus, emailFrequency } from './enums.ts';
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
    // 'daily-digest' and 'weekly-digest': a digest's link stops every kind of e-mail the person gets in that digest.
    check('email_opt_out_topic', sql`${t.topic} in ('review', 'announcement', 'daily-digest', 'weekly-digest')`),
  ],
);

/**
 * What an optional e-mail would have said, kept for a person who chose a digest (docs/adr/0036-email-digests.md):
 * written in the transaction that would have queued the e-mail, taken (deleted) by the digest that lists it.
 */
export const emailDigestItem = pgTable(
  'email_digest_item',
  {
    id: id(),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id, { onDelete: 'cascade' }),
    /** The kind of e-mail, as the person's preference names it: 'activity' or 'announcement'. */
    topic: text('topic').notNull(),
    /** The frequency the person had chosen when the item came: the digest it waits for. */
    frequency: emailFrequency('frequency').notNull(),
    /** The e-mail template the item would have been sent with, and its data (without an opt-out link). */
    template: text('template').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    /** Sends the same item once, whatever retries its cause: the e-mail's own idempotency key. */
    idempotencyKey: text('idempotency_key').notNull().unique(),
    createdAt: createdAt(),
  },
  (t) => [
    index('email_digest_item_person_idx').on(t.personId, t.frequency, t.createdAt),
    check('email_digest_item_topic', sql`${t.topic} in ('activity', 'announcement')`),
    check('email_digest_item_frequency', sql`${t.frequency} in ('daily', 'weekly')`),
  ],
);

/**
 * One digest per person, frequency and period: the row the sending job inserts before it takes the items, so that a
 * second worker or a retry for the same period finds it and sends nothing.
 */
export const emailDigest = pgTable(
  'email_digest',
  {
    id: id(),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id, { onDelete: 'cascade' }),
    frequency: emailFrequency('frequency').notNull(),
    /** The first day of the period (UTC): the day, or the Monday of the week. */
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    itemCount: integer('item_count').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('email_digest_once').on(t.personId, t.frequency, t.periodStart),
    check('email_digest_frequency', sql`${t.frequency} in ('daily', 'weekly')`),
  ],
);

export type EmailDelivery = typeof emailDelivery.$inferSelect;
export type EmailOptOut = typeof emailOptOut.$inferSelect;
export type EmailDigestItem = typeof emailDigestItem.$inferSelect;
export type DevMailboxMessage = typeof devMailboxMessage.$inferSelect;
