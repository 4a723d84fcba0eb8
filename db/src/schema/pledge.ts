import { MAX_TONNES } from '@concord/schema/values';
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { alliance, tonnes } from './alliance.ts';
import { id, timestamps } from './columns.ts';
import { document } from './document.ts';
import { applicationSector, pledgeKind, pledgeStatus, pledgeVersionStatus, polymer } from './enums.ts';
import { organisation } from './organisation.ts';
import { person } from './person.ts';
import { workingGroup } from './working-group.ts';

/** The ceiling on one pledge: the one constant of @concord/schema/values (50 Mt a year). */
export const PLEDGE_MAX_TONNES = MAX_TONNES;
// The checks say the same in SQL; the generated text is unchanged (`<= 50000000`), so no migration.
const tonnesCeiling = sql.raw(String(MAX_TONNES));

export const pledge = pgTable(
  'pledge',
  {
    id: id(),
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliance.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisation.id),
    workingGroupId: uuid('working_group_id').references(() => workingGroup.id, { onDelete: 'set null' }),
    kind: pledgeKind('kind').notNull(),
    polymer: polymer('polymer').notNull(),
    sector: applicationSector('sector').notNull(),
    tonnesPerYear: tonnes('tonnes_per_year').notNull(),
    targetYear: integer('target_year').notNull(),
    baselineTonnes: tonnes('baseline_tonnes'),
    baselineYear: integer('baseline_year'),
    conditions: text('conditions'),
    status: pledgeStatus('status').notNull().default('draft'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** The number of the version whose figures this row carries (the one in force once accepted). */
    currentVersion: integer('current_version').notNull().default(1),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawalReason: text('withdrawal_reason'),
    /** When the pledge lapsed: its organisation withdrew its signature (docs/adr/0010-lapsed-pledges.md). */
    lapsedAt: timestamp('lapsed_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    check('pledge_tonnes_range', sql`${t.tonnesPerYear} > 0 and ${t.tonnesPerYear} <= ${tonnesCeiling}`),
    check('pledge_baseline_tonnes_range', sql`${t.baselineTonnes} is null or ${t.baselineTonnes} >= 0`),
    check('pledge_target_after_baseline', sql`${t.baselineYear} is null or ${t.targetYear} >= ${t.baselineYear}`),
    check('pledge_target_year_range', sql`${t.targetYear} between 2000 and 2100`),
    index('pledge_alliance_status_idx').on(t.allianceId, t.status, t.kind, t.polymer),
    index('pledge_organisation_idx').on(t.organisationId),
    index('pledge_working_group_idx').on(t.workingGroupId),
    check('pledge_withdrawn_has_date', sql`${t.status} <> 'withdrawn' or ${t.withdrawnAt} is not null`),
    check('pledge_lapsed_has_date', sql`${t.status} <> 'lapsed' or ${t.lapsedAt} is not null`),
  ],
);

/**
 * Every version of a pledge, as drafted and reviewed. The `pledge` row carries the figures of the version in
 * force (what totals and the public register use); an amendment is a new version reviewed on its own while
 * the accepted one stays in force. At most one version per pledge is open (draft, submitted or sent back).
 */
export const pledgeVersion = pgTable(
  'pledge_version',
  {
    id: id(),
    pledgeId: uuid('pledge_id')
      .notNull()
      .references(() => pledge.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    status: pledgeVersionStatus('status').notNull().default('draft'),
    workingGroupId: uuid('working_group_id').references(() => workingGroup.id, { onDelete: 'set null' }),
    kind: pledgeKind('kind').notNull(),
    polymer: polymer('polymer').notNull(),
    sector: applicationSector('sector').notNull(),
    tonnesPerYear: tonnes('tonnes_per_year').notNull(),
    targetYear: integer('target_year').notNull(),
    baselineTonnes: tonnes('baseline_tonnes'),
    baselineYear: integer('baseline_year'),
    conditions: text('conditions'),
    /** The signed pledge statement (a PDF in the document register), if one was attached. */
    statementDocumentId: uuid('statement_document_id').references(() => document.id),
    createdByPersonId: uuid('created_by_person_id').references(() => person.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedByPersonId: uuid('decided_by_person_id').references(() => person.id),
    /** The reviewer's comment: why changes are requested, or why it was rejected. */
    reviewComment: text('review_comment'),
    ...timestamps(),
  },
  (t) => [
    unique('pledge_version_number_unique').on(t.pledgeId, t.version),
    uniqueIndex('pledge_version_one_open')
      .on(t.pledgeId)
      .where(sql`${t.status} in ('draft', 'submitted', 'changes_requested')`),
    index('pledge_version_status_idx').on(t.status, t.submittedAt),
    check('pledge_version_tonnes_range', sql`${t.tonnesPerYear} > 0 and ${t.tonnesPerYear} <= ${tonnesCeiling}`),
    check('pledge_version_baseline_tonnes_range', sql`${t.baselineTonnes} is null or ${t.baselineTonnes} >= 0`),
    check(
      'pledge_version_target_after_baseline',
      sql`${t.baselineYear} is null or ${t.targetYear} >= ${t.baselineYear}`,
    ),
    check('pledge_version_target_year_range', sql`${t.targetYear} between 2000 and 2100`),
    check(
      'pledge_version_decision_has_comment',
      sql`${t.status} not in ('changes_requested', 'rejected') or ${t.reviewComment} is not null`,
    ),
  ],
);

export type PledgeVersion = typeof pledgeVersion.$inferSelect;
export type NewPledgeVersion = typeof pledgeVersion.$inferInsert;

export type Pledge = typeof pledge.$inferSelect;
export type NewPledge = typeof pledge.$inferInsert;
