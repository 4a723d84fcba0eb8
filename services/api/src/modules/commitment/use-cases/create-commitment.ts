import { schema } from '@concord/db';
import { and, eq, isNotNull } from 'drizzle-orm';
import { badInput, notFound } from '../../../errors.ts';
import { isUuid } from '../../../lib/validate.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { authenticate, authorize } from '../../policy/policy.ts';
import { utcDate } from '../../reporting/reporting-dates.ts';
import { chairHoldersOf } from '../../working-group/chairs.ts';
import {
  auditedFields,
  checkTaskholder,
  type Deps,
  managerRole,
  OBJECT_TYPE,
  personalPart,
} from '../commitment-changes.ts';
import { type CommitmentInput, parseCommitmentInput, parseNote } from '../commitment-input.ts';
import { scheduleDeadlineJobs } from '../commitment-schedule.ts';

const { alliance, commitment, commitmentUpdate, meeting, meetingDecision, meetingMinutes, workingGroup } = schema;

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
  decisionId = null,
  now = new Date(),
}: Deps & {
  allianceSlug: string;
  workingGroupSlug?: string | null | undefined;
  input: CommitmentInput;
  note: string;
  /** The published decision of one of the group's meetings that it arises from. */
  decisionId?: string | null | undefined;
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
  const chairs = await chairHoldersOf(db, groupId);
  authorize(actor, { action: 'commitment.manage', allianceId: target.id, chairs });
  const decision = decisionId ? await publishedDecision(db, decisionId) : null;
  if (decisionId && (!decision || decision.allianceId !== target.id)) {
    throw badInput('decisionId', 'No published decision of this alliance has this id.');
  }
  if (decision && decision.workingGroupId !== groupId) {
    throw badInput('decisionId', 'This decision was taken by another group: record the commitment there.');
  }
  return db.transaction(async (tx) => {
    await checkTaskholder(tx, { allianceId: target.id, workingGroupId: groupId, values });
    const [created] = await tx
      .insert(commitment)
      .values({
        ...values,
        allianceId: target.id,
        workingGroupId: groupId,
        status: 'open',
        decisionId: decision?.id ?? null,
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

/** A decision of published minutes (final, so its id stays), with its meeting's alliance and group; else undefined. */
async function publishedDecision(db: Deps['db'], id: string) {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select({ id: meetingDecision.id, allianceId: meeting.allianceId, workingGroupId: meeting.workingGroupId })
    .from(meetingDecision)
    .innerJoin(meeting, eq(meeting.id, meetingDecision.meetingId))
    .innerJoin(meetingMinutes, eq(meetingMinutes.meetingId, meeting.id))
    .where(and(eq(meetingDecision.id, id), isNotNull(meetingMinutes.publishedAt)))
    .limit(1);
  return row;
}
