import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { alliance } from './alliance.ts';
import { id, timestamps } from './columns.ts';
import { commitmentStatus } from './enums.ts';
import { meetingDecision } from './meeting.ts';
import { organisation } from './organisation.ts';
import { person } from './person.ts';
import { workingGroup } from './working-group.ts';

/**
 * A concrete action agreed in a working group (or by the alliance itself: the declaration's dated deliverables),
 * with a taskholder organisation, a deadline and a status. Public, except the named person of the taskholder and
 * who wrote what (docs/visibility.md).
 */
export const commitment = pgTable(
  'commitment',
  {
    id: id(),
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliance.id, { onDelete: 'cascade' }),
    /** Null: a commitment of the alliance itself, followed by the secretariat. */
    workingGroupId: uuid('working_group_id').references(() => workingGroup.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description'),
    taskholderOrganisationId: uuid('taskholder_organisation_id')
      .notNull()
      .references(() => organisation.id),
    /** A named representative of the taskholder: personal data, never public. */
    taskholderPersonId: uuid('taskholder_person_id').references(() => person.id),
    deadline: date('deadline', { mode: 'string' }).notNull(),
    status: commitmentStatus('status').notNull().default('open'),
    /** The published decision of a meeting it arose from, if any. */
    decisionId: uuid('decision_id').references(() => meetingDecision.id, { onDelete: 'set null' }),
    createdByPersonId: uuid('created_by_person_id').references(() => person.id),
    ...timestamps(),
  },
  (t) => [
    index('commitment_alliance_status_idx').on(t.allianceId, t.status, t.deadline),
    index('commitment_working_group_idx').on(t.workingGroupId, t.deadline),
    index('commitment_taskholder_idx').on(t.taskholderOrganisationId, t.deadline),
    index('commitment_decision_idx').on(t.decisionId),
    check('commitment_title_length', sql`char_length(${t.title}) between 1 and 300`),
    check('commitment_description_length', sql`${t.description} is null or char_length(${t.description}) <= 4000`),
  ],
);

/**
 * One dated change to a commitment: a progress note, with the status before and after. Written with the change
 * in one transaction; the commitment's public history. `byRole` says in which capacity it was written;
 * `authorPersonId` who (private).
 */
export const commitmentUpdate = pgTable(
  'commitment_update',
  {
    id: id(),
    commitmentId: uuid('commitment_id')
      .notNull()
      .references(() => commitment.id, { onDelete: 'cascade' }),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    fromStatus: commitmentStatus('from_status'),
    toStatus: commitmentStatus('to_status').notNull(),
    /** The deadline after this change (a chair may move it). */
    deadline: date('deadline', { mode: 'string' }).notNull(),
    note: text('note').notNull(),
    byRole: text('by_role').notNull(),
    /** The organisation the author acted for (the taskholder, or the chairing organisation); null for the secretariat and the schedule. */
    byOrganisationId: uuid('by_organisation_id').references(() => organisation.id),
    authorPersonId: uuid('author_person_id').references(() => person.id),
  },
  (t) => [
    index('commitment_update_commitment_idx').on(t.commitmentId, t.occurredAt),
    check('commitment_update_by_role', sql`${t.byRole} in ('taskholder', 'chair', 'secretariat', 'schedule')`),
    check('commitment_update_note_length', sql`char_length(${t.note}) between 1 and 4000`),
    check('commitment_update_author', sql`(${t.byRole} = 'schedule') = (${t.authorPersonId} is null)`),
  ],
);

export type Commitment = typeof commitment.$inferSelect;
export type NewCommitment = typeof commitment.$inferInsert;
export type CommitmentUpdate = typeof commitmentUpdate.$inferSelect;
export const commitmentUpdateRoles = ['taskholder', 'chair', 'secretariat', 'schedule'] as const;
export type CommitmentUpdateRole = (typeof commitmentUpdateRoles)[number];
