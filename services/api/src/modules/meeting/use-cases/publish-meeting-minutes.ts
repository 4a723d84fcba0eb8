import { schema } from '@concord/db';
import { eq } from 'drizzle-orm';
import { DomainError } from '../../../errors.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { authorizeManage, type Deps, existingMeeting, lockMeeting, OBJECT_TYPE } from '../meeting-changes.ts';
import { type MinutesView, minutesOf } from '../meeting-minutes.ts';

/** A chair of the group (or the secretariat) publishes the minutes: public from then on, and final. */
export async function publishMeetingMinutes({
  db,
  actor,
  meetingId,
  now = new Date(),
}: Deps & { meetingId: string }): Promise<MinutesView> {
  const current = await existingMeeting(db, actor, meetingId);
  const staff = await authorizeManage(db, actor, current);
  return db.transaction(async (tx) => {
    const row = await lockMeeting(tx, current.id);
    const before = await minutesOf(tx, row.id);
    if (!before) throw new DomainError('CONFLICT', 'This meeting has no minutes to publish yet.');
    if (before.publishedAt) throw new DomainError('CONFLICT', 'These minutes are already published.');
    await tx
      .update(schema.meetingMinutes)
      .set({ publishedAt: now, publishedByPersonId: staff.personId, updatedAt: now })
      .where(eq(schema.meetingMinutes.meetingId, row.id));
    await recordAudit(tx, {
      allianceId: row.allianceId,
      actorPersonId: staff.personId,
      action: 'meeting.minutes_published',
      objectType: OBJECT_TYPE,
      objectId: row.id,
      after: { text: before.text, decisions: before.decisions.map((d) => ({ id: d.id, text: d.text })) },
    });
    const published = await minutesOf(tx, row.id);
    if (!published) throw new DomainError('CONFLICT', 'The minutes were not published.');
    return published;
  });
}
