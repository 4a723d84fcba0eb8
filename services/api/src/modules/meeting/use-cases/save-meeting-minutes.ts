import { schema } from '@concord/db';
import { DomainError } from '../../../errors.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { authorizeManage, type Deps, existingMeeting, lockMeeting, OBJECT_TYPE } from '../meeting-changes.ts';
import {
  type MinutesInput,
  type MinutesView,
  minutesOf,
  parseMinutesInput,
  replaceDecisions,
} from '../meeting-minutes.ts';

/** The meeting's hosts write its minutes and decisions, as a draft until they are published. */
export async function saveMeetingMinutes({
  db,
  actor,
  meetingId,
  input,
  now = new Date(),
}: Deps & { meetingId: string; input: MinutesInput }): Promise<MinutesView> {
  const current = await existingMeeting(db, actor, meetingId);
  const staff = await authorizeManage(db, actor, current);
  const values = parseMinutesInput(input);
  return db.transaction(async (tx) => {
    const row = await lockMeeting(tx, current.id);
    const before = await minutesOf(tx, row.id);
    if (before?.publishedAt) {
      throw new DomainError('CONFLICT', 'These minutes are published: they take no more changes.');
    }
    await tx
      .insert(schema.meetingMinutes)
      .values({ meetingId: row.id, text: values.text, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: schema.meetingMinutes.meetingId, set: { text: values.text, updatedAt: now } });
    await replaceDecisions(tx, row.id, values.decisions);
    await recordAudit(tx, {
      allianceId: row.allianceId,
      actorPersonId: staff.personId,
      action: 'meeting.minutes_saved',
      objectType: OBJECT_TYPE,
      objectId: row.id,
      after: { decisions: values.decisions.length, length: values.text.length },
    });
    const saved = await minutesOf(tx, row.id);
    if (!saved) throw new DomainError('CONFLICT', 'The minutes were not saved.');
    return saved;
  });
}
