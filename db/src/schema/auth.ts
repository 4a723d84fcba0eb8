import { sql } from 'drizzle-orm';
import { char, check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.ts';
import { emailTokenPurpose } from './enums.ts';
import { person } from './person.ts';

/**
 * One-time links sent by e-mail (log-in, signature confirmation). Only the SHA-256 of the token is stored,
 * so a copy of the database does not let anyone sign in. Rows also count requests for rate limits.
 */
export const emailToken = pgTable(
  'email_token',
  {
    id: id(),
    purpose: emailTokenPurpose('purpose').notNull(),
    /** Lower-cased address the link was sent to. */
    email: text('email').notNull(),
    tokenHash: char('token_hash', { length: 64 }).notNull().unique(),
    /** What the token acts on (the signature to confirm); null for log-in. */
    subjectId: uuid('subject_id'),
    /** The client that asked (IP address), for the per-client rate limit. */
    requestedBy: text('requested_by').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [
    index('email_token_email_idx').on(t.email, t.createdAt),
    index('email_token_requested_by_idx').on(t.requestedBy, t.createdAt),
    check('email_token_expiry_after_creation', sql`${t.expiresAt} > ${t.createdAt}`),
  ],
);

/** A signed-in browser. The cookie holds a random token; the table holds its SHA-256. */
export const session = pgTable(
  'session',
  {
    id: id(),
    tokenHash: char('token_hash', { length: 64 }).notNull().unique(),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    /** The absolute limit; the idle limit is counted from `lastSeenAt`. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    userAgent: text('user_agent'),
  },
  (t) => [index('session_person_idx').on(t.personId)],
);

export type EmailToken = typeof emailToken.$inferSelect;
export type Session = typeof session.$inferSelect;
