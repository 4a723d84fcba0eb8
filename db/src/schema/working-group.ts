import { sql } from 'drizzle-orm';
import { check, index, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { alliance } from './alliance.ts';
import { id, timestamps } from './columns.ts';
import { valueChainStage, workingGroupKind, workingGroupRole, workingGroupStatus } from './enums.ts';
import { organisation } from './organisation.ts';
import { person } from './person.ts';

export const workingGroup = pgTable(
  'working_group',
  {
    id: id(),
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliance.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    kind: workingGroupKind('kind').notNull(),
    mandate: text('mandate').notNull(),
    status: workingGroupStatus('status').notNull().default('active'),
    /** The value-chain stages the group's topic touches: the basis for "who is missing". */
    relevantStages: valueChainStage('relevant_stages').array().notNull().default(sql`'{}'`),
    ...timestamps(),
  },
  (t) => [
    unique('working_group_alliance_slug_unique').on(t.allianceId, t.slug),
    check('working_group_slug_format', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
  ],
);

/** A signatory organisation's membership of a working group. */
export const workingGroupMember = pgTable(
  'working_group_member',
  {
    workingGroupId: uuid('working_group_id')
      .notNull()
      .references(() => workingGroup.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisation.id, { onDelete: 'cascade' }),
    role: workingGroupRole('role').notNull().default('member'),
    /**
     * The person who chairs (or co-chairs) for the organisation, one of its representatives, as the secretariat
     * named them: they alone act as the group's chair. Null for members, observers, and a chair that no person was
     * named for (imported, or appointed before chairs were people): then every representative acts for it.
     */
    chairPersonId: uuid('chair_person_id').references(() => person.id, { onDelete: 'set null' }),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.workingGroupId, t.organisationId] }),
    index('working_group_member_organisation_idx').on(t.organisationId),
    index('working_group_member_chair_person_idx').on(t.chairPersonId).where(sql`${t.chairPersonId} is not null`),
    check(
      'working_group_member_chair_person_chairs',
      sql`${t.chairPersonId} is null or ${t.role} in ('chair', 'co_chair')`,
    ),
  ],
);

export type WorkingGroup = typeof workingGroup.$inferSelect;
export type NewWorkingGroup = typeof workingGroup.$inferInsert;
export type WorkingGroupMember = typeof workingGroupMember.$inferSelect;
