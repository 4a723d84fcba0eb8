import { sql } from 'drizzle-orm';
import { bigint, char, check, index, jsonb, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { alliance } from './alliance.ts';
import { person } from './person.ts';

/**
 * Append-only and hash-chained: a trigger (migration 0001) refuses UPDATE and DELETE, numbers each event
 * and sets `hash` = sha256(prev_hash || the event's canonical content). `audit_verify_chain()` recomputes it.
 * Chain version 2 (migration 0010, docs/adr/0014-personal-data.md) adds `personal_digest` to the content: the
 * salted digest of the event's personal part, which lives in `audit_personal` and can be erased.
 */
export const auditEvent = pgTable(
  'audit_event',
  {
    // seq, prev_hash and hash are set by the trigger; the defaults only satisfy the insert types.
    seq: bigint('seq', { mode: 'number' }).primaryKey().default(0),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    allianceId: uuid('alliance_id').references(() => alliance.id),
    actorPersonId: uuid('actor_person_id').references(() => person.id),
    /** The organisation the actor acted for, where there is one: what public history shows instead of a name. */
    actorOrganisationId: uuid('actor_organisation_id'),
    action: text('action').notNull(),
    objectType: text('object_type').notNull(),
    objectId: uuid('object_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    prevHash: char('prev_hash', { length: 64 }).notNull().default(''),
    hash: char('hash', { length: 64 }).notNull().default(''),
    /** How `hash` is computed: 1 before migration 0010, 2 since (the trigger sets it). */
    chainVersion: smallint('chain_version').notNull().default(2),
    /** sha256(salt || personal part) of the event's `audit_personal` row; null when the event has none. */
    personalDigest: char('personal_digest', { length: 64 }),
  },
  (t) => [
    index('audit_event_object_idx').on(t.objectType, t.objectId, t.seq),
    check(
      'audit_event_personal_digest_shape',
      sql`${t.personalDigest} is null or ${t.personalDigest} ~ '^[0-9a-f]{64}$'`,
    ),
  ],
);

/**
 * The personal part of an audit event (a signer's name and job title, the address a person registered with): what
 * erasure removes. The event's hash covers only `personal_digest`, a digest salted with `salt`, so erasing `salt`
 * and `data` leaves the chain verifiable and the erased values beyond guessing. A trigger accepts a part only for
 * an existing event whose digest it matches, allows no change but that erasure, and no deletion.
 */
export const auditPersonal = pgTable(
  'audit_personal',
  {
    /** The event's seq. No foreign key: one would stop TRUNCATE before the append-only trigger can refuse it. */
    eventSeq: bigint('event_seq', { mode: 'number' }).primaryKey(),
    /** Whose personal data this is. */
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
    salt: char('salt', { length: 64 }),
    data: jsonb('data').$type<Record<string, unknown>>(),
    erasedAt: timestamp('erased_at', { withTimezone: true }),
  },
  (t) => [
    index('audit_personal_person_idx').on(t.personId),
    check(
      'audit_personal_whole_or_erased',
      sql`(${t.erasedAt} is null and ${t.salt} is not null and ${t.data} is not null) or (${t.erasedAt} is not null and ${t.salt} is null and ${t.data} is null)`,
    ),
  ],
);

export type AuditEvent = typeof auditEvent.$inferSelect;
export type AuditPersonal = typeof auditPersonal.$inferSelect;
