import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { alliance, tonnes } from './alliance.ts';
import { id, timestamps } from './columns.ts';
import { progressReportStatus } from './enums.ts';
import { pledge } from './pledge.ts';

/** The secretariat opens one reporting campaign per alliance and year. */
export const reportingCampaign = pgTable(
  'reporting_campaign',
  {
    id: id(),
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliance.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    opensOn: date('opens_on').notNull(),
    deadline: date('deadline').notNull(),
    /** Days before the deadline on which reminders go out, e.g. {30,7,1}. */
    reminderDays: integer('reminder_days').array().notNull().default(sql`'{30,7,1}'`),
    ...timestamps(),
  },
  (t) => [
    unique('reporting_campaign_alliance_year_unique').on(t.allianceId, t.year),
    check('reporting_campaign_window', sql`${t.deadline} >= ${t.opensOn}`),
  ],
);

/** What one pledge achieved in one year, with its evidence. */
export const progressReport = pgTable(
  'progress_report',
  {
    id: id(),
    pledgeId: uuid('pledge_id')
      .notNull()
      .references(() => pledge.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id').references(() => reportingCampaign.id),
    year: integer('year').notNull(),
    tonnesAchieved: tonnes('tonnes_achieved').notNull(),
    status: progressReportStatus('status').notNull().default('submitted'),
    evidenceScheme: text('evidence_scheme'),
    certificateNumber: text('certificate_number'),
    auditor: text('auditor'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    validatedAt: timestamp('validated_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    unique('progress_report_pledge_year_unique').on(t.pledgeId, t.year),
    check('progress_report_tonnes_non_negative', sql`${t.tonnesAchieved} >= 0`),
    check('progress_report_validated_has_date', sql`${t.status} <> 'validated' or ${t.validatedAt} is not null`),
    index('progress_report_year_status_idx').on(t.year, t.status),
  ],
);

export type ReportingCampaign = typeof reportingCampaign.$inferSelect;
export type ProgressReport = typeof progressReport.$inferSelect;
export type NewProgressReport = typeof progressReport.$inferInsert;
