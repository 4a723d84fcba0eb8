import { schema } from '@concord/db';
import { eq } from 'drizzle-orm';
import { DomainError } from '../../../errors.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { authenticate, authorize } from '../../policy/policy.ts';
import { utcDate } from '../../reporting/reporting-dates.ts';
import { chairHoldersOf } from '../../working-group/chairs.ts';
import { authorRole, type Deps, existingCommitment, OBJECT_TYPE, refuseIfFinal } from '../commitment-changes.ts';
import { parseNote, parseReportedStatus } from '../commitment-input.ts';

const { commitment, commitmentUpdate } = schema;

/**
 * The taskholder (or a chair of the group, or the secretariat) reports progress: a dated note, with a new status or
 * none to keep the one it has. A commitment past its deadline takes only DONE or DROPPED: IN_PROGRESS would hide
 * that it is late (the chair moves the deadline instead).
 */
export async function reportCommitmentProgress({
  db,
  actor,
  commitmentId,
  status,
  note,
  now = new Date(),
}: Deps & {
  commitmentId: string;
  status?: schema.CommitmentStatus | null | undefined;
  note: string;
}): Promise<schema.Commitment> {
  const reported = parseReportedStatus(status);
  const text = parseNote(note);
  authenticate(actor);
  const current = await existingCommitment(db, actor, commitmentId);
  const chairs = await chairHoldersOf(db, current.workingGroupId);
  authorize(actor, {
    action: 'commitment.report',
    allianceId: current.allianceId,
    organisationId: current.taskholderOrganisationId,
    chairs,
  });
  return db.transaction(async (tx) => {
    const before = await existingCommitment(tx, actor, current.id, { forUpdate: true });
    refuseIfFinal(before);
    const isPastDeadline = before.deadline < utcDate(now);
    if (reported === 'in_progress' && (before.status === 'late' || isPastDeadline)) {
      throw new DomainError(
        'BAD_USER_INPUT',
        'The deadline has passed: report it DONE or DROPPED, or ask the chair to move the deadline.',
        'status',
      );
    }
    const next = reported ?? before.status;
    const [updated] = await tx
      .update(commitment)
      .set({ status: next, updatedAt: now })
      .where(eq(commitment.id, before.id))
      .returning();
    if (!updated) throw new Error('commitment not updated');
    const { byRole, byOrganisationId } = authorRole(actor, before, chairs);
    await tx.insert(commitmentUpdate).values({
      commitmentId: updated.id,
      occurredAt: now,
      fromStatus: before.status,
      toStatus: next,
      deadline: updated.deadline,
      note: text,
      byRole,
      byOrganisationId,
      authorPersonId: actor.personId,
    });
    await recordAudit(tx, {
      allianceId: updated.allianceId,
      actorPersonId: actor.personId,
      actorOrganisationId: byOrganisationId,
      action: next === before.status ? 'commitment.noted' : `commitment.${next}`,
      objectType: OBJECT_TYPE,
      objectId: updated.id,
      before: { status: before.status },
      after: { status: next, note: text, byRole },
    });
    return updated;
  });
}
