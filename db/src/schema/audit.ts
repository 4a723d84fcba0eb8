import { bigint, char, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { alliance } from './alliance.ts';
import { person } from './person.ts';

/**
 * Append-only and hash-chained: a trigger (migration 0001) refuses UPDATE and DELETE, numbers each event
 * and sets `hash` = sha256(prev_hash || the event's canonical content). `audit_verify_chain()` recomputes it.
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
  },
  (t) => [index('audit_event_object_idx').on(t.objectType, t.objectId, t.seq)],
);

export type AuditEvent = typeof auditEvent.$inferSelect;
