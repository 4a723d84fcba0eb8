import { sql } from 'drizzle-orm';
import { check, integer, numeric, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { alliance } from './alliance.ts';
import { pledgeKind } from './enums.ts';

/**
 * Progress rollups (docs/adr/0005-progress-rollups.md): accepted pledges and their reports summed by
 * each breakdown dimension, kept by triggers in the transaction of every write to pledges, reports and
 * organisations, so that progress reads a few dozen rows instead of a million. Never written by the
 * application; `progress_rollup_rebuild()` recomputes them from scratch.
 */
export const progressDimensions = [
  'kind',
  'polymer',
  'sector',
  'working_group',
  'country',
  'organisation_kind',
] as const;
export type ProgressDimension = (typeof progressDimensions)[number];

const dimensionCheck = (column: unknown) =>
  sql`${column} in (${sql.join(
    progressDimensions.map((d) => sql.raw(`'${d}'`)),
    sql`, `,
  )})`;

/**
 * Accepted pledges of an alliance by one dimension's key (an enum value as the database spells it, 'PET' or
 * 'packaging'; a country code, 'DE'; a working group's id, or 'NONE') and kind. A key whose pledges all left keeps its row at zero.
 */
export const progressPledgedRollup = pgTable(
  'progress_pledged_rollup',
  {
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliance.id, { onDelete: 'cascade' }),
    dimension: text('dimension').$type<ProgressDimension>().notNull(),
    key: text('key').notNull(),
    kind: pledgeKind('kind').notNull(),
    pledgeCount: integer('pledge_count').notNull(),
    /** Unbounded numeric: a sum of numeric(14,3) values, exact, that may outgrow 14 digits. */
    tonnes: numeric('tonnes').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.allianceId, t.dimension, t.key, t.kind] }),
    check('progress_pledged_rollup_dimension', dimensionCheck(t.dimension)),
  ],
);

/**
 * Reports of accepted pledges of an alliance by year, one dimension's key and the pledge's kind: the validated
 * ones (`reportCount`, `tonnes`: the achieved figures) and, apart, the submitted ones waiting for validation
 * (`achievedIncludingSubmittedTonnes`). Queried reports count in neither.
 */
export const progressAchievedRollup = pgTable(
  'progress_achieved_rollup',
  {
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliance.id, { onDelete: 'cascade' }),
    dimension: text('dimension').$type<ProgressDimension>().notNull(),
    year: integer('year').notNull(),
    key: text('key').notNull(),
    kind: pledgeKind('kind').notNull(),
    reportCount: integer('report_count').notNull(),
    tonnes: numeric('tonnes').notNull(),
    submittedCount: integer('submitted_count').notNull().default(0),
    submittedTonnes: numeric('submitted_tonnes').notNull().default('0'),
  },
  (t) => [
    // (alliance, dimension, year): both the yearly totals of one kind and one year's breakdown are a range.
    primaryKey({ columns: [t.allianceId, t.dimension, t.year, t.key, t.kind] }),
    check('progress_achieved_rollup_dimension', dimensionCheck(t.dimension)),
  ],
);

export type ProgressPledgedRollup = typeof progressPledgedRollup.$inferSelect;
export type ProgressAchievedRollup = typeof progressAchievedRollup.$inferSelect;
