import { schema } from '@concord/db';
import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../audit/audit.service.ts';
import { authorize } from '../../policy/policy.ts';
import { conflictNow, type Deps, reportFor } from '../progress-report-transitions.ts';

const { progressReport } = schema;

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
