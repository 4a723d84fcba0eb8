import { type Database, schema } from '@concord/db';
import { asc, eq } from 'drizzle-orm';
import { notFound } from '../../errors.ts';
import { isUuid } from '../../lib/validate.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../policy/policy.ts';
import { auditedScript } from './meeting-agenda.ts';
import { authorizeManage, existingMeeting, lockMeeting, mustBeScheduled, OBJECT_TYPE } from './meeting-changes.ts';

const { meetingAgendaItem } = schema;

export interface ScriptChange {
  tx: Database;
  meeting: schema.Meeting;
  items: schema.MeetingAgendaItem[];
}

/** The meeting an agenda item belongs to, for a change that names the item. */
export async function meetingOfItem(db: Database, actor: Actor | null, itemId: string): Promise<string> {
  if (!actor) return itemId;
  const [item] = isUuid(itemId)
    ? await db.select().from(meetingAgendaItem).where(eq(meetingAgendaItem.id, itemId)).limit(1)
    : [];
  if (!item) throw notFound('No such agenda item.');
  return item.meetingId;
}

/**
 * Every change of a script: rights, then in one transaction the meeting locked (two hosts editing at once take
 * turns), its items read, the change, and an audit event with the script before and after.
 */
export async function changeScript({
  db,
  actor,
  meetingId,
  change,
}: {
  db: Database;
  actor: Actor | null;
  meetingId: string;
  change: (c: ScriptChange) => Promise<void>;
}): Promise<schema.Meeting> {
  const current = await existingMeeting(db, actor, meetingId);
  const staff = await authorizeManage(db, actor, current);
  return db.transaction(async (tx) => {
    const meeting = await lockMeeting(tx, current.id);
    mustBeScheduled(meeting);
    const read = () =>
      tx
        .select()
        .from(meetingAgendaItem)
        .where(eq(meetingAgendaItem.meetingId, meeting.id))
        .orderBy(asc(meetingAgendaItem.position));
    const before = await read();
    await change({ tx, meeting, items: before });
    const after = await read();
    await recordAudit(tx, {
      allianceId: meeting.allianceId,
      actorPersonId: staff.personId,
      action: 'meeting.script_changed',
      objectType: OBJECT_TYPE,
      objectId: meeting.id,
      before: auditedScript(before),
      after: auditedScript(after),
    });
    return meeting;
  });
}

/** The item a change names, among the meeting's. */
export function itemIn(items: readonly schema.MeetingAgendaItem[], id: string): schema.MeetingAgendaItem {
  const item = items.find((i) => i.id === id);
  if (!item) throw notFound('No such agenda item.');
  return item;
}
