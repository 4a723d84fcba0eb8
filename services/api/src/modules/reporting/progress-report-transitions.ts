import { type Database, schema } from '@concord/db';
import { and, eq } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import { conflict, notFound } from '../../errors.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { isUuid } from '../../lib/validate.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, authenticate, authorize } from '../policy/policy.ts';
import { findReportContext, type ReportContext } from './reporting.reads.ts';
import { notifyOfQuestion } from './reporting-notifications.ts';

/**
 * What the reporting use cases (use-cases/*.ts) share: their dependencies, finding the report a request
 * names, the CONFLICT of a decision that lost a race, the revision kept when a figure is replaced, and the
 * question (a query or a reopening) the organisation answers. A decision is a conditional update on the
 * report's status, so two decisions racing each other end in one and a CONFLICT.
 */
const { progressReport, progressReportRevision } = schema;

export interface Deps {
  db: Database;
  jobs: JobQueue;
  config: Config;
  actor: Actor | null;
  now?: Date;
}

/** The earlier submission, kept when a resubmission or a corrected answer replaces it. */
export function revisionOf(report: schema.ProgressReport, now: Date): typeof progressReportRevision.$inferInsert {
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
export async function reportFor(db: Database, actor: Actor | null, reportId: string): Promise<ReportContext> {
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
export async function conflictNow(tx: Database, reportId: string) {
  const [now] = await tx
    .select({ status: progressReport.status, revision: progressReport.revision })
    .from(progressReport)
    .where(eq(progressReport.id, reportId));
  return now
    ? conflict(`This report is now ${STATUS_WORDS[now.status]} (revision ${now.revision}); reload it.`)
    : notFound('No such progress report.');
}

/**
 * Turns a submitted report (a query) or a validated one (a reopening) into a question the organisation
 * answers. A reopened report is no longer validated: it leaves the achieved figures until validated again.
 */
export async function putQuestion({
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
