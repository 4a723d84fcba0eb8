import { schema } from '@concord/db';
import { and, eq, sql } from 'drizzle-orm';
import { DomainError, notFound } from '../../../errors.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import {
  auditedFields,
  authorizeManage,
  existingMeeting,
  type InvitingDeps,
  lockMeeting,
  mustBeScheduled,
  OBJECT_TYPE,
} from '../meeting-changes.ts';
import { type MeetingInput, parseMeetingInput } from '../meeting-input.ts';
import { sendInvitations } from '../meeting-invitations.ts';

const { meeting, meetingRegistration } = schema;

/** Changes a scheduled meeting; its sequence goes up, so that calendars take the change over the invitation. */
export async function updateMeeting({
  db,
  actor,
  jobs,
  config,
  meetingId,
  input,
  now = new Date(),
}: InvitingDeps & { meetingId: string; input: MeetingInput }): Promise<schema.Meeting> {
  const current = await existingMeeting(db, actor, meetingId);
  const staff = await authorizeManage(db, actor, current);
  const values = parseMeetingInput(input);
  return db.transaction(async (tx) => {
    const before = await lockMeeting(tx, current.id);
    mustBeScheduled(before);
    const [taken] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(meetingRegistration)
      .where(and(eq(meetingRegistration.meetingId, before.id), eq(meetingRegistration.status, 'registered')));
    if ((taken?.n ?? 0) > values.capacity) {
      throw new DomainError(
        'CONFLICT',
        `${taken?.n} places are taken: the capacity cannot be less until some are given up.`,
        'input.capacity',
      );
    }
    const [updated] = await tx
      .update(meeting)
      .set({ ...values, sequence: before.sequence + 1, updatedAt: now })
      .where(eq(meeting.id, before.id))
      .returning();
    if (!updated) throw notFound('No such meeting.');
    await recordAudit(tx, {
      allianceId: updated.allianceId,
      actorPersonId: staff.personId,
      action: 'meeting.updated',
      objectType: OBJECT_TYPE,
      objectId: updated.id,
      before: auditedFields(before),
      after: auditedFields(updated),
    });
    await sendInvitations(tx, jobs, config, { row: updated, change: 'changed' });
    return updated;
  });
}
