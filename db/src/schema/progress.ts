import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { alliance, tonnes } from './alliance.ts';
import { createdAt, id, timestamps } from './columns.ts';
import { document } from './document.ts';
import { progressReportStatus, reminderStep } from './enums.ts';
import { organisation } from './organisation.ts';
import { person } from './person.ts';
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
    /** Days after the deadline on which the notice to late organisations goes out. */
    overdueNoticeDays: integer('overdue_notice_days').notNull().default(1),
    openedByPersonId: uuid('opened_by_person_id').references(() => person.id),
    /**
     * When the secretariat closed it to reports (closeReportingCampaign): from then on it counts as closed, as it
     * does once its deadline has passed, and takes no late reports. Null while its dates alone decide; reopening
     * clears it (the audit log keeps every change of dates).
     */
    closedAt: timestamp('closed_at', { withTimezone: true }),
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
    submittedByPersonId: uuid('submitted_by_person_id').references(() => person.id),
    validatedByPersonId: uuid('validated_by_person_id').references(() => person.id),
    /** Evidence file (a PDF in the document register), if attached. */
    evidenceDocumentId: uuid('evidence_document_id').references(() => document.id),
    /** The secretariat's question (status queried), and the organisation's answer. */
    queryQuestion: text('query_question'),
    queriedAt: timestamp('queried_at', { withTimezone: true }),
    queryAnswer: text('query_answer'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    /** How many times it was submitted: each earlier submission is kept in progress_report_revision. */
    revision: integer('revision').notNull().default(1),
    ...timestamps(),
  },
  (t) => [
    unique('progress_report_pledge_year_unique').on(t.pledgeId, t.year),
    check('progress_report_tonnes_non_negative', sql`${t.tonnesAchieved} >= 0`),
    check('progress_report_validated_has_date', sql`${t.status} <> 'validated' or ${t.validatedAt} is not null`),
    index('progress_report_year_status_idx').on(t.year, t.status),
    index('progress_report_campaign_idx').on(t.campaignId),
    check('progress_report_queried_has_question', sql`${t.status} <> 'queried' or ${t.queryQuestion} is not null`),
  ],
);

/** Each earlier submission of a report, kept when a resubmission replaces it. */
export const progressReportRevision = pgTable(
  'progress_report_revision',
  {
    id: id(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => progressReport.id, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    tonnesAchieved: tonnes('tonnes_achieved').notNull(),
    evidenceScheme: text('evidence_scheme'),
    certificateNumber: text('certificate_number'),
    auditor: text('auditor'),
    evidenceDocumentId: uuid('evidence_document_id').references(() => document.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    submittedByPersonId: uuid('submitted_by_person_id').references(() => person.id),
    createdAt: createdAt(),
  },
  (t) => [unique('progress_report_revision_unique').on(t.reportId, t.revision)],
);

/**
 * Reminders sent for a campaign: one per organisation, step and deadline, never twice (the unique key). The
 * deadline is the one the reminder was sent for: a deadline extended or set anew on reopening has steps of its
 * own, which go out again; the same step for the same deadline never does.
 */
export const campaignReminder = pgTable(
  'campaign_reminder',
  {
    id: id(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => reportingCampaign.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisation.id, { onDelete: 'cascade' }),
    step: reminderStep('step').notNull(),
    /** Days before the deadline for `before_deadline`; 0 for the notice after it. */
    daysBefore: integer('days_before').notNull(),
    /** The campaign's deadline when the reminder went out. */
    deadline: date('deadline').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('campaign_reminder_once_per_deadline').on(t.campaignId, t.organisationId, t.step, t.daysBefore, t.deadline),
    index('campaign_reminder_campaign_idx').on(t.campaignId, t.sentAt),
  ],
);

export type ProgressReportRevision = typeof progressReportRevision.$inferSelect;
export type CampaignReminder = typeof campaignReminder.$inferSelect;

export type ReportingCampaign = typeof reportingCampaign.$inferSelect;
export type ProgressReport = typeof progressReport.$inferSelect;
export type NewProgressReport = typeof progressReport.$inferInsert;
