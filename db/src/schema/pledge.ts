import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { alliance, tonnes } from './alliance.ts';
import { id, timestamps } from './columns.ts';
import { applicationSector, pledgeKind, pledgeStatus, polymer } from './enums.ts';
import { organisation } from './organisation.ts';
import { workingGroup } from './working-group.ts';

/** The ceiling on one pledge: 50 Mt a year is five times the CPA's whole target. */
export const PLEDGE_MAX_TONNES = 50_000_000;

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
    ...timestamps(),
  },
  (t) => [
    check('pledge_tonnes_range', sql`${t.tonnesPerYear} > 0 and ${t.tonnesPerYear} <= 50000000`),
    check('pledge_baseline_tonnes_range', sql`${t.baselineTonnes} is null or ${t.baselineTonnes} >= 0`),
    check('pledge_target_after_baseline', sql`${t.baselineYear} is null or ${t.targetYear} >= ${t.baselineYear}`),
    check('pledge_target_year_range', sql`${t.targetYear} between 2000 and 2100`),
    index('pledge_alliance_status_idx').on(t.allianceId, t.status, t.kind, t.polymer),
    index('pledge_organisation_idx').on(t.organisationId),
    index('pledge_working_group_idx').on(t.workingGroupId),
  ],
);

export type Pledge = typeof pledge.$inferSelect;
export type NewPledge = typeof pledge.$inferInsert;
