import { schema } from '@concord/db';
import { and, eq } from 'drizzle-orm';
import { notFound } from '../../../errors.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { authenticate, authorize } from '../../policy/policy.ts';
import { utcDate } from '../../reporting/reporting-dates.ts';
import {
  auditedFields,
  chairOrganisationsOf,
  checkTaskholder,
  type Deps,
  managerRole,
  OBJECT_TYPE,
  personalPart,
} from '../commitment-changes.ts';
import { type CommitmentInput, parseCommitmentInput, parseNote } from '../commitment-input.ts';
import { scheduleDeadlineJobs } from '../commitment-schedule.ts';

const { alliance, commitment, commitmentUpdate, workingGroup } = schema;

/**
 * A group's chair or the secretariat records a commitment of the group; the secretariat one of the alliance itself
 * (no group). The commitment, its first history entry, its audit event and its reminder jobs are one transaction.
 */
export async function createCommitment({
  db,
  actor,
  jobs,
  allianceSlug,
  workingGroupSlug,
  input,
  note,
  now = new Date(),
}: Deps & {
  allianceSlug: string;
  workingGroupSlug?: string | null | undefined;
  input: CommitmentInput;
  note: string;
}): Promise<schema.Commitment> {
  const values = parseCommitmentInput(input, { today: utcDate(now) });
  const text = parseNote(note);
  authenticate(actor);
  const [target] = await db.select().from(alliance).where(eq(alliance.slug, allianceSlug)).limit(1);
  if (!target) throw notFound(`No alliance has the slug "${allianceSlug}".`);
  let groupId: string | null = null;
  if (workingGroupSlug) {
    const [group] = await db
      .select()
      .from(workingGroup)
      .where(and(eq(workingGroup.allianceId, target.id), eq(workingGroup.slug, workingGroupSlug)))
      .limit(1);
    if (!group) throw notFound(`No working group has the slug "${workingGroupSlug}" in this alliance.`);
    groupId = group.id;
  }
  const chairs = await chairOrganisationsOf(db, groupId);
  authorize(actor, { action: 'commitment.manage', allianceId: target.id, chairOrganisationIds: chairs });
  return db.transaction(async (tx) => {
    await checkTaskholder(tx, { allianceId: target.id, workingGroupId: groupId, values });
    const [created] = await tx
      .insert(commitment)
      .values({
        ...values,
        allianceId: target.id,
        workingGroupId: groupId,
        status: 'open',
        createdByPersonId: actor.personId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!created) throw new Error('commitment not created');
    const { byRole, byOrganisationId } = managerRole(actor, chairs);
    await tx.insert(commitmentUpdate).values({
      commitmentId: created.id,
      occurredAt: now,
      fromStatus: null,
      toStatus: 'open',
      deadline: created.deadline,
      note: text,
      byRole,
      byOrganisationId,
      authorPersonId: actor.personId,
    });
    await scheduleDeadlineJobs(tx, jobs, created, now);
    await recordAudit(tx, {
      allianceId: target.id,
      actorPersonId: actor.personId,
      actorOrganisationId: byOrganisationId,
      action: 'commitment.created',
      objectType: OBJECT_TYPE,
      objectId: created.id,
      after: { ...auditedFields(created), note: text },
      personal: personalPart(created),
    });
    return created;
  });
}
