import { type Database, schema } from '@concord/db';
import { and, eq } from 'drizzle-orm';
import { badInput, conflict, notFound } from '../../../errors.ts';
import { isUuid } from '../../../lib/validate.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { authenticate, authorize } from '../../policy/policy.ts';
import { tonnesToKg } from '../../progress/decimal.ts';
import { type Deps, revisionOf } from '../progress-report-transitions.ts';
import { findCampaign } from '../reporting-campaign.reads.ts';
import { reportsCloseOn, utcDate } from '../reporting-dates.ts';
import { parseReportInput, type ReportInput } from '../reporting-input.ts';

const { pledge, progressReport, progressReportRevision, reportingCampaign } = schema;

/** Refused once the secretariat closed the campaign, or a year after its deadline (ADR 0011, 0030). */
function refuseIfClosed(campaign: schema.ReportingCampaign, now: Date): void {
  if (campaign.closedAt) {
    throw badInput(
      'input.year',
      `The secretariat closed the reporting campaign for ${campaign.year} on ${utcDate(campaign.closedAt)}; ask it to reopen the campaign for a late report.`,
    );
  }
  const closesOn = reportsCloseOn(campaign);
  if (utcDate(now) > closesOn) {
    throw badInput(
      'input.year',
      `The reporting campaign for ${campaign.year} took its last reports on ${closesOn}; ask the secretariat about a late report.`,
    );
  }
}

/**
 * A representative reports what a pledge achieved in a year. Before validation a resubmission replaces the
 * report and keeps the previous submission as a revision; a validated report changes only after the
 * secretariat reopens it. Submitting what the report already says changes nothing and answers the report as
 * it is, so a form sent twice (or twenty times at once) has one effect: the report's row is locked for the
 * transaction, and a first submission racing another waits for it (ON CONFLICT DO NOTHING) and then finds it.
 * Refused: a year not over yet, and a campaign closed for reports (LATE_REPORT_DAYS after its deadline, or closed
 * by the secretariat).
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
  refuseIfClosed(campaign, now);
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
    // The campaign as it is now, share-locked: a closing that went first is seen, one that comes after waits.
    const [current] = await tx
      .select()
      .from(reportingCampaign)
      .where(eq(reportingCampaign.id, campaign.id))
      .for('share');
    if (current) refuseIfClosed(current, now);
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
