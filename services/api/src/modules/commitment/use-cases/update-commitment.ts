import { type Database, schema } from '@concord/db';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../../audit/audit.service.ts';
import { authenticate, authorize } from '../../policy/policy.ts';
import { utcDate } from '../../reporting/reporting-dates.ts';
import { chairHoldersOf } from '../../working-group/chairs.ts';
import {
  auditedFields,
  checkTaskholder,
  type Deps,
  existingCommitment,
  managerRole,
  OBJECT_TYPE,
  personalPart,
  refuseIfFinal,
} from '../commitment-changes.ts';
import { type CommitmentInput, checkDeadline, parseCommitmentInput, parseNote } from '../commitment-input.ts';
import { scheduleDeadlineJobs } from '../commitment-schedule.ts';

const { commitment, commitmentUpdate } = schema;

/**
 * The chair or the secretariat changes what, who and when, with a note saying why. A LATE commitment whose deadline
 * moves to today or later goes back to the status it had before its deadline passed; a moved deadline gets new
 * reminder jobs (the old ones find their deadline gone and do nothing).
 */
export async function updateCommitment({
  db,
  actor,
  jobs,
  commitmentId,
  input,
  note,
  now = new Date(),
}: Deps & { commitmentId: string; input: CommitmentInput; note: string }): Promise<schema.Commitment> {
  const values = parseCommitmentInput(input, { today: null });
  const text = parseNote(note);
  authenticate(actor);
  const current = await existingCommitment(db, actor, commitmentId);
  const chairs = await chairHoldersOf(db, current.workingGroupId);
  authorize(actor, { action: 'commitment.manage', allianceId: current.allianceId, chairs });
  const today = utcDate(now);
  return db.transaction(async (tx) => {
    const before = await existingCommitment(tx, actor, current.id, { forUpdate: true });
    refuseIfFinal(before);
    checkDeadline(values.deadline, { today, currentDeadline: before.deadline });
    await checkTaskholder(tx, { allianceId: before.allianceId, workingGroupId: before.workingGroupId, values });
    const status =
      before.status === 'late' && values.deadline >= today ? await statusBeforeLate(tx, before.id) : before.status;
    const [updated] = await tx
      .update(commitment)
      .set({ ...values, status, updatedAt: now })
      .where(eq(commitment.id, before.id))
      .returning();
    if (!updated) throw new Error('commitment not updated');
    const { byRole, byOrganisationId } = managerRole(actor, chairs);
    await tx.insert(commitmentUpdate).values({
      commitmentId: updated.id,
      occurredAt: now,
      fromStatus: before.status,
      toStatus: updated.status,
      deadline: updated.deadline,
      note: text,
      byRole,
      byOrganisationId,
      authorPersonId: actor.personId,
    });
    if (updated.deadline !== before.deadline) await scheduleDeadlineJobs(tx, jobs, updated, now);
    await recordAudit(tx, {
      allianceId: updated.allianceId,
      actorPersonId: actor.personId,
      actorOrganisationId: byOrganisationId,
      action: 'commitment.updated',
      objectType: OBJECT_TYPE,
      objectId: updated.id,
      before: auditedFields(before),
      after: { ...auditedFields(updated), note: text },
      personal: personalPart(updated),
    });
    return updated;
  });
}

/** The status a commitment had when its deadline made it LATE: OPEN or IN_PROGRESS. */
async function statusBeforeLate(tx: Database, commitmentId: string): Promise<schema.CommitmentStatus> {
  const [entry] = await tx
    .select({ fromStatus: commitmentUpdate.fromStatus })
    .from(commitmentUpdate)
    .where(
      and(
        eq(commitmentUpdate.commitmentId, commitmentId),
        eq(commitmentUpdate.toStatus, 'late'),
        inArray(commitmentUpdate.fromStatus, ['open', 'in_progress']),
      ),
    )
    .orderBy(desc(commitmentUpdate.occurredAt))
    .limit(1);
  return entry?.fromStatus === 'in_progress' ? 'in_progress' : 'open';
}
