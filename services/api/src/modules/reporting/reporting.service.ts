import { type Database, databaseErrorOf, SQLSTATE, schema } from '@concord/db';
import type { PledgeSummary } from '@concord/notifications';
import { and, eq } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import { badInput, conflict, notFound } from '../../errors.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { isUuid } from '../../lib/validate.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, authenticate, authorize } from '../policy/policy.ts';
import { tonnesToKg } from '../progress/decimal.ts';
import {
  findCampaign,
  findReportContext,
  loadRepresentatives,
  loadSecretariatStaff,
  type ReportContext,
} from './reporting.reads.ts';
import { reportsCloseOn, utcDate } from './reporting-dates.ts';
import {
  type CampaignInput,
  parseCampaignInput,
  parseMessage,
  parseReportInput,
  parseTonnes,
  type ReportInput,
} from './reporting-input.ts';
import { reminderSchedule } from './reporting-schedule.ts';

const { alliance, pledge, progressReport, progressReportRevision, reportingCampaign } = schema;

interface Deps {
  db: Database;
  jobs: JobQueue;
  config: Config;
  actor: Actor | null;
  now?: Date;
}

/**
 * The secretariat opens the campaign for a year and, in the same transaction, schedules its reminders as
 * jobs that wait for their date: the schedule exists if and only if the campaign does. A second campaign for
 * the same year is refused by the database's unique key, so two secretaries opening it at once end in one.
 */
export async function openReportingCampaign({
  db,
  jobs,
  actor,
  allianceSlug,
  input,
  now = new Date(),
}: Deps & { allianceSlug: string; input: CampaignInput }): Promise<schema.ReportingCampaign> {
  const values = parseCampaignInput(input, utcDate(now));
  authenticate(actor);
  const [target] = await db.select().from(alliance).where(eq(alliance.slug, allianceSlug)).limit(1);
  if (!target) throw notFound(`No alliance has the slug "${allianceSlug}".`);
  authorize(actor, { action: 'campaign.open', allianceId: target.id });
  const steps = reminderSchedule(values, now);
  try {
    return await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(reportingCampaign)
        .values({ allianceId: target.id, ...values, openedByPersonId: actor.personId, createdAt: now, updatedAt: now })
        .returning();
      if (!created) throw new Error('reporting campaign not created');
      for (const step of steps) {
        await jobs.enqueue(
          tx,
          'campaign-reminder',
          { campaignId: created.id, step: step.step, daysBefore: step.daysBefore },
          {
            startAfter: step.startAfter,
            singletonKey: `campaign-reminder:${created.id}:${step.step}:${step.daysBefore}`,
          },
        );
      }
      await recordAudit(tx, {
        allianceId: target.id,
        actorPersonId: actor.personId,
        action: 'reporting_campaign.opened',
        objectType: 'reporting_campaign',
        objectId: created.id,
        after: {
          ...values,
          scheduled: steps.map((s) => ({ step: s.step, daysBefore: s.daysBefore, sendOn: s.sendOn })),
        },
      });
      return created;
    });
  } catch (error) {
    const info = databaseErrorOf(error);
    if (info?.code === SQLSTATE.uniqueViolation && info.constraint === 'reporting_campaign_alliance_year_unique') {
      throw conflict(`The reporting campaign for ${values.year} is already open.`);
    }
    throw error;
  }
}

/**
 * A representative reports what a pledge achieved in a year. Before validation a resubmission replaces the
 * report and keeps the previous submission as a revision; a validated report changes only after the
 * secretariat reopens it. Submitting what the report already says changes nothing and answers the report as
 * it is, so a form sent twice (or twenty times at once) has one effect: the report's row is locked for the
 * transaction, and a first submission racing another waits for it (ON CONFLICT DO NOTHING) and then finds it.
 * Refused: a year not over yet, and a campaign closed for reports (LATE_REPORT_DAYS after its deadline).
 */
export async function submitProgressReport({
  db,
  actor,
  input,
  now = new Date(),
}: Deps & { input: ReportInput }): Promise<schema.ProgressReport> {
  const values = parseReportInput(input);
  authenticate(actor);
  const [target] = isUuid(values.pledgeId)
    ? await db.select().from(pledge).where(eq(pledge.id, values.pledgeId)).limit(1)
    : [];
  if (!target) throw notFound('No such pledge.');
  authorize(actor, { action: 'report.submit', organisationId: target.organisationId });
  if (target.status !== 'accepted') {
    throw conflict(`Only an accepted pledge is reported on; this one is ${target.status.replace('_', ' ')}.`);
  }
  if (values.year >= now.getUTCFullYear()) {
    throw badInput('input.year', `${values.year} is not over yet: its figures are reported once the year has ended.`);
  }
  const campaign = await findCampaign(db, target.allianceId, values.year);
  if (!campaign) {
    throw badInput('input.year', `The secretariat has not opened a reporting campaign for ${values.year}.`);
  }
  const closesOn = reportsCloseOn(campaign);
  if (utcDate(now) > closesOn) {
    throw badInput(
      'input.year',
      `The reporting campaign for ${values.year} took its last reports on ${closesOn}; ask the secretariat about a late report.`,
    );
  }
  const figures = {
    tonnesAchieved: values.tonnesAchieved,
    evidenceScheme: values.evidenceScheme,
    certificateNumber: values.certificateNumber,
    auditor: values.auditor,
  };
  const audit = {
    allianceId: target.allianceId,
    actorPersonId: actor.personId,
    actorOrganisationId: target.organisationId,
    objectType: 'progress_report',
  };
  const lockReport = (tx: Database) =>
    tx
      .select()
      .from(progressReport)
      .where(and(eq(progressReport.pledgeId, target.id), eq(progressReport.year, values.year)))
      .limit(1)
      .for('update');
  return db.transaction(async (tx) => {
    let [existing] = await lockReport(tx);
    if (!existing) {
      const [created] = await tx
        .insert(progressReport)
        .values({
          pledgeId: target.id,
          campaignId: campaign.id,
          year: values.year,
          ...figures,
          status: 'submitted',
          submittedAt: now,
          submittedByPersonId: actor.personId,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing({ target: [progressReport.pledgeId, progressReport.year] })
        .returning();
      if (created) {
        await recordAudit(tx, {
          ...audit,
          action: 'progress_report.submitted',
          objectId: created.id,
          after: { status: 'submitted', year: created.year, tonnesAchieved: created.tonnesAchieved, revision: 1 },
        });
        return created;
      }
      // A concurrent first submission committed meanwhile: carry on from the report it made.
      [existing] = await lockReport(tx);
      if (!existing) throw new Error('progress report neither inserted nor found');
    }
    if (existing.status !== 'queried' && isSameSubmission(existing, figures)) return existing;
    if (existing.status === 'validated') {
      throw conflict(`The report for ${values.year} is validated; ask the secretariat to reopen it if it must change.`);
    }
    const [replaced] = await tx
      .update(progressReport)
      .set({
        ...figures,
        status: 'submitted',
        campaignId: existing.campaignId ?? campaign.id,
        submittedAt: now,
        submittedByPersonId: actor.personId,
        revision: existing.revision + 1,
        updatedAt: now,
      })
      .where(eq(progressReport.id, existing.id))
      .returning();
    if (!replaced) throw new Error('locked progress report not updated');
    await tx.insert(progressReportRevision).values(revisionOf(existing, now));
    await recordAudit(tx, {
      ...audit,
      action: 'progress_report.resubmitted',
      objectId: replaced.id,
      before: { status: existing.status, tonnesAchieved: existing.tonnesAchieved, revision: existing.revision },
      after: { status: 'submitted', tonnesAchieved: replaced.tonnesAchieved, revision: replaced.revision },
    });
    return replaced;
  });
}

/** The report already says this: same tonnes (to the kilogram, however written) and the same evidence. */
function isSameSubmission(
  report: schema.ProgressReport,
  figures: Pick<schema.ProgressReport, 'tonnesAchieved' | 'evidenceScheme' | 'certificateNumber' | 'auditor'>,
): boolean {
  return (
    tonnesToKg(report.tonnesAchieved) === tonnesToKg(figures.tonnesAchieved) &&
    report.evidenceScheme === figures.evidenceScheme &&
    report.certificateNumber === figures.certificateNumber &&
    report.auditor === figures.auditor
  );
}

/** The earlier submission, kept when a resubmission or a corrected answer replaces it. */
function revisionOf(report: schema.ProgressReport, now: Date): typeof progressReportRevision.$inferInsert {
  return {
    reportId: report.id,
    revision: report.revision,
    tonnesAchieved: report.tonnesAchieved,
    evidenceScheme: report.evidenceScheme,
    certificateNumber: report.certificateNumber,
    auditor: report.auditor,
    evidenceDocumentId: report.evidenceDocumentId,
    submittedAt: report.submittedAt,
    submittedByPersonId: report.submittedByPersonId,
    createdAt: now,
  };
}

/** The report and its pledge; the public learns nothing about ids, signed-in people get NOT_FOUND. */
async function reportFor(db: Database, actor: Actor | null, reportId: string): Promise<ReportContext> {
  const context = isUuid(reportId) ? await findReportContext(db, reportId) : null;
  authenticate(actor);
  if (!context) throw notFound('No such progress report.');
  return context;
}

/** What a report is, in the words of a conflict message. */
const STATUS_WORDS: Record<schema.ProgressReportStatus, string> = {
  submitted: 'submitted and waiting for validation',
  validated: 'validated',
  queried: "queried and waiting for the organisation's answer",
};

/**
 * The CONFLICT of a decision whose conditional update found the report in another state: it says what the
 * report is now (read again in the transaction), not what the request expected it to be.
 */
async function conflictNow(tx: Database, reportId: string) {
  const [now] = await tx
    .select({ status: progressReport.status, revision: progressReport.revision })
    .from(progressReport)
    .where(eq(progressReport.id, reportId));
  return now
    ? conflict(`This report is now ${STATUS_WORDS[now.status]} (revision ${now.revision}); reload it.`)
    : notFound('No such progress report.');
}

/**
 * The secretariat validates a submitted report: it counts in the achieved figures from now on. The
 * conditional update makes a validation and a query racing each other end in one decision and CONFLICT.
 */
export async function validateProgressReport({
  db,
  actor,
  reportId,
  now = new Date(),
}: Deps & { reportId: string }): Promise<schema.ProgressReport> {
  const context = await reportFor(db, actor, reportId);
  authorize(actor, { action: 'report.validate', allianceId: context.pledge.allianceId });
  return db.transaction(async (tx) => {
    const [validated] = await tx
      .update(progressReport)
      .set({ status: 'validated', validatedAt: now, validatedByPersonId: actor.personId, updatedAt: now })
      .where(and(eq(progressReport.id, context.report.id), eq(progressReport.status, 'submitted')))
      .returning();
    if (!validated) throw await conflictNow(tx, context.report.id);
    await recordAudit(tx, {
      allianceId: context.pledge.allianceId,
      actorPersonId: actor.personId,
      action: 'progress_report.validated',
      objectType: 'progress_report',
      objectId: validated.id,
      before: { status: 'submitted' },
      after: { status: 'validated', tonnesAchieved: validated.tonnesAchieved, revision: validated.revision },
    });
    return validated;
  });
}

/** The secretariat asks the organisation about a submitted report; its representatives get the question. */
export async function queryProgressReport(
  options: Deps & { reportId: string; question: string },
): Promise<schema.ProgressReport> {
  return putQuestion({ ...options, text: parseMessage(options.question, 'question'), from: 'submitted' });
}

/** The secretariat reopens a validated report, with the reason as the question the organisation answers. */
export async function reopenProgressReport(
  options: Deps & { reportId: string; reason: string },
): Promise<schema.ProgressReport> {
  return putQuestion({ ...options, text: parseMessage(options.reason, 'reason'), from: 'validated' });
}

/**
 * Turns a submitted report (a query) or a validated one (a reopening) into a question the organisation
 * answers. A reopened report is no longer validated: it leaves the achieved figures until validated again.
 */
async function putQuestion({
  db,
  jobs,
  config,
  actor,
  reportId,
  text,
  from,
  now = new Date(),
}: Deps & { reportId: string; text: string; from: 'submitted' | 'validated' }): Promise<schema.ProgressReport> {
  const isReopening = from === 'validated';
  const context = await reportFor(db, actor, reportId);
  authorize(actor, { action: 'report.validate', allianceId: context.pledge.allianceId });
  return db.transaction(async (tx) => {
    const [queried] = await tx
      .update(progressReport)
      .set({
        status: 'queried',
        queryQuestion: text,
        queriedAt: now,
        queryAnswer: null,
        answeredAt: null,
        ...(isReopening ? { validatedAt: null, validatedByPersonId: null } : {}),
        updatedAt: now,
      })
      .where(and(eq(progressReport.id, context.report.id), eq(progressReport.status, from)))
      .returning();
    if (!queried) throw await conflictNow(tx, context.report.id);
    await recordAudit(tx, {
      allianceId: context.pledge.allianceId,
      actorPersonId: actor.personId,
      action: isReopening ? 'progress_report.reopened' : 'progress_report.queried',
      objectType: 'progress_report',
      objectId: queried.id,
      before: isReopening
        ? { status: 'validated', validatedAt: context.report.validatedAt?.toISOString() ?? null }
        : { status: 'submitted' },
      after: { status: 'queried', question: text },
    });
    await notifyOfQuestion(tx, jobs, config, { ...context, report: queried }, isReopening);
    return queried;
  });
}

/**
 * A representative answers the secretariat's question; with a corrected figure the previous one is kept as
 * a revision. The report then waits for validation again, and the secretariat hears of the answer.
 */
export async function answerProgressReportQuery({
  db,
  jobs,
  config,
  actor,
  reportId,
  answer,
  tonnesAchieved,
  now = new Date(),
}: Deps & { reportId: string; answer: string; tonnesAchieved?: string | null | undefined }) {
  const text = parseMessage(answer, 'answer');
  const tonnes =
    tonnesAchieved === null || tonnesAchieved === undefined ? null : parseTonnes(tonnesAchieved, 'tonnesAchieved');
  const context = await reportFor(db, actor, reportId);
  authorize(actor, { action: 'report.submit', organisationId: context.pledge.organisationId });
  const current = context.report;
  const isRevised = tonnes !== null && tonnesToKg(tonnes) !== tonnesToKg(current.tonnesAchieved);
  return db.transaction(async (tx) => {
    const [answered] = await tx
      .update(progressReport)
      .set({
        status: 'submitted',
        queryAnswer: text,
        answeredAt: now,
        updatedAt: now,
        ...(isRevised && tonnes !== null
          ? {
              tonnesAchieved: tonnes,
              revision: current.revision + 1,
              submittedAt: now,
              submittedByPersonId: actor.personId,
            }
          : {}),
      })
      .where(
        and(
          eq(progressReport.id, current.id),
          eq(progressReport.status, 'queried'),
          eq(progressReport.revision, current.revision),
        ),
      )
      .returning();
    if (!answered) throw await conflictNow(tx, current.id);
    if (isRevised) await tx.insert(progressReportRevision).values(revisionOf(current, now));
    await recordAudit(tx, {
      allianceId: context.pledge.allianceId,
      actorPersonId: actor.personId,
      actorOrganisationId: context.pledge.organisationId,
      action: 'progress_report.answered',
      objectType: 'progress_report',
      objectId: answered.id,
      before: { status: 'queried', tonnesAchieved: current.tonnesAchieved, revision: current.revision },
      after: {
        status: 'submitted',
        answer: text,
        tonnesAchieved: answered.tonnesAchieved,
        revision: answered.revision,
      },
    });
    const staff = await loadSecretariatStaff(tx, context.pledge.allianceId);
    for (const member of staff) {
      await jobs.enqueue(tx, 'send-email', {
        idempotencyKey: `progress-report-answered:${answered.id}:${now.getTime()}:${member.personId}`,
        template: 'progress-report-answered',
        to: member.email,
        locale: member.locale,
        data: {
          organisationName: context.organisationName,
          allianceName: context.alliance.name,
          year: answered.year,
          pledge: pledgeSummary(context.pledge),
          answer: text,
          tonnesAchieved: answered.tonnesAchieved,
          isRevised,
          reviewUrl: `${config.publicUrl}/alliances/${context.alliance.slug}/reporting`,
        },
      });
    }
    return answered;
  });
}

export const pledgeSummary = (row: schema.Pledge): PledgeSummary => ({
  kind: row.kind,
  polymer: row.polymer,
  tonnesPerYear: row.tonnesPerYear,
  targetYear: row.targetYear,
  version: row.currentVersion,
});

/** Where a representative reports (the portal's /account/reports, on the campaign's year). */
export const reportUrl = (config: Config, allianceSlug: string, year: number) =>
  `${config.publicUrl}/account/reports?alliance=${encodeURIComponent(allianceSlug)}&year=${year}`;

async function notifyOfQuestion(
  tx: Database,
  jobs: JobQueue,
  config: Config,
  context: ReportContext,
  isReopened: boolean,
): Promise<void> {
  const { report } = context;
  const representatives = await loadRepresentatives(tx, [context.pledge.organisationId]);
  for (const person of representatives) {
    await jobs.enqueue(tx, 'send-email', {
      idempotencyKey: `progress-report-queried:${report.id}:${report.queriedAt?.getTime()}:${person.personId}`,
      template: 'progress-report-queried',
      to: person.email,
      locale: person.locale,
      data: {
        organisationName: context.organisationName,
        allianceName: context.alliance.name,
        year: report.year,
        pledge: pledgeSummary(context.pledge),
        question: report.queryQuestion ?? '',
        isReopened,
        reportUrl: reportUrl(config, context.alliance.slug, report.year),
      },
    });
  }
}
