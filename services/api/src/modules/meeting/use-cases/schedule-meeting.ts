import { schema } from '@concord/db';
import { and, eq } from 'drizzle-orm';
import { badInput, DomainError, notFound } from '../../../errors.ts';
import { isUuid } from '../../../lib/validate.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { authenticate, authorize } from '../../policy/policy.ts';
import { chairHoldersOf } from '../../working-group/chairs.ts';
import { auditedFields, type InvitingDeps, OBJECT_TYPE } from '../meeting-changes.ts';
import { type MeetingInput, parseMeetingInput } from '../meeting-input.ts';
import { sendInvitations } from '../meeting-invitations.ts';

const { alliance, meeting, workingGroup } = schema;

/**
 * A chair or co-chair of a working group, or the secretariat, schedules a meeting of the group; the secretariat
 * schedules a plenary of the alliance (no working group).
 */
export async function scheduleMeeting({
  db,
  actor,
  jobs,
  config,
  allianceSlug,
  workingGroupId,
  input,
  now = new Date(),
}: InvitingDeps & {
  allianceSlug: string;
  workingGroupId: string | null;
  input: MeetingInput;
}): Promise<schema.Meeting> {
  authenticate(actor);
  const values = parseMeetingInput(input);
  const [target] = await db.select().from(alliance).where(eq(alliance.slug, allianceSlug)).limit(1);
  if (!target) throw new DomainError('NOT_FOUND', `No alliance has the slug "${allianceSlug}".`, 'allianceSlug');
  let group: schema.WorkingGroup | undefined;
  if (workingGroupId !== null) {
    if (isUuid(workingGroupId)) {
      [group] = await db
        .select()
        .from(workingGroup)
        .where(and(eq(workingGroup.id, workingGroupId), eq(workingGroup.allianceId, target.id)))
        .limit(1);
    }
    if (!group) throw new DomainError('NOT_FOUND', 'This alliance has no such working group.', 'workingGroupId');
  }
  const chairs = await chairHoldersOf(db, group?.id ?? null);
  authorize(actor, { action: 'meeting.manage', allianceId: target.id, chairs });
  if (group?.status === 'closed')
    throw badInput('workingGroupId', 'This working group is closed: it holds no meetings.');
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(meeting)
      .values({
        ...values,
        allianceId: target.id,
        workingGroupId: group?.id ?? null,
        createdByPersonId: actor.personId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!created) throw notFound('The meeting was not created.');
    await recordAudit(tx, {
      allianceId: target.id,
      actorPersonId: actor.personId,
      action: 'meeting.scheduled',
      objectType: OBJECT_TYPE,
      objectId: created.id,
      after: auditedFields(created),
    });
    await sendInvitations(tx, jobs, config, { row: created, change: 'new' });
    return created;
  });
}
