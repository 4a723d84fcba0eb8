import { sql } from 'drizzle-orm';
import { index, pgTable, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { alliance } from './alliance.ts';
import { id, timestamps } from './columns.ts';
import { steeringCommitteeRole } from './enums.ts';
import { organisation } from './organisation.ts';
import { person } from './person.ts';

/**
 * A seat on an alliance's steering committee (docs/adr/0035-steering-committee.md): a named person, appointed by the
 * secretariat, who represents a signatory organisation. One seat per person and alliance; at most one chair. The
 * seat counts (is listed) while the organisation is an active signatory and the person still represents it.
 */
export const steeringCommitteeMember = pgTable(
  'steering_committee_member',
  {
    id: id(),
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliance.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisation.id, { onDelete: 'cascade' }),
    role: steeringCommitteeRole('role').notNull().default('member'),
    ...timestamps(),
  },
  (t) => [
    unique('steering_committee_member_alliance_person_unique').on(t.allianceId, t.personId),
    uniqueIndex('steering_committee_one_chair').on(t.allianceId).where(sql`${t.role} = 'chair'`),
    index('steering_committee_member_person_idx').on(t.personId),
    index('steering_committee_member_organisation_idx').on(t.organisationId),
  ],
);

export type SteeringCommitteeMember = typeof steeringCommitteeMember.$inferSelect;
