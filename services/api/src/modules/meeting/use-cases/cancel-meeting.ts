import { schema } from '@concord/db';
import { eq } from 'drizzle-orm';
import { notFound } from '../../../errors.ts';
import { requiredText } from '../../../lib/validate.ts';
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
import { sendInvitations } from '../meeting-invitations.ts';

const { meeting } = schema;

/** Cancels a meeting with a reason everyone sees; its sequence goes up for the calendars' CANCEL. */
export async function cancelMeeting({
  db,
  actor,
  jobs,
  config,
  meetingId,
  reason,
  now = new Date(),
}: InvitingDeps & { meetingId: string; reason: string }): Promise<schema.Meeting> {
  const current = await existingMeeting(db, actor, meetingId);
  const staff = await authorizeManage(db, actor, current);
  const why = requiredText(reason, 'reason', { max: 2000, isMultiline: true });
  return db.transaction(async (tx) => {
    const before = await lockMeeting(tx, current.id);
    mustBeScheduled(before);
    const [cancelled] = await tx
      .update(meeting)
      .set({ status: 'cancelled', cancellationReason: why, sequence: before.sequence + 1, updatedAt: now })
      .where(eq(meeting.id, before.id))
      .returning();
    if (!cancelled) throw notFound('No such meeting.');
    await recordAudit(tx, {
      allianceId: cancelled.allianceId,
      actorPersonId: staff.personId,
      action: 'meeting.cancelled',
      objectType: OBJECT_TYPE,
      objectId: cancelled.id,
      before: auditedFields(before),
      after: auditedFields(cancelled),
    });
    await sendInvitations(tx, jobs, config, { row: cancelled, change: 'cancelled' });
    return cancelled;
  });
}
