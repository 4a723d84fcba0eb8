import { schema } from '@concord/db';
import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../audit/audit.service.ts';
import { authorize } from '../../policy/policy.ts';
import { tonnesToKg } from '../../progress/decimal.ts';
import { conflictNow, type Deps, reportFor, revisionOf } from '../progress-report-transitions.ts';
import { loadSecretariatStaff } from '../reporting.reads.ts';
import { parseMessage, parseTonnes } from '../reporting-input.ts';
import { pledgeSummary } from '../reporting-notifications.ts';

const { progressReport, progressReportRevision } = schema;

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
