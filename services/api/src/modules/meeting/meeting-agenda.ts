import { type Database, schema } from '@concord/db';
import { wallClock } from '@concord/schema/values';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { badInput } from '../../errors.ts';
import { optionalText, requiredText } from '../../lib/validate.ts';

/**
 * A meeting's script: items in order, each starting when the one before it ends. Offsets are never stored, so
 * the script cannot have a gap or an overlap; what the hosts see is computed here from the durations.
 */
const { meetingAgendaItem } = schema;

export interface AgendaItemInput {
  title: string;
  durationMinutes: number;
  method: schema.MeetingMethod;
  hosts?: string | null | undefined;
  question?: string | null | undefined;
  materials?: string | null | undefined;
  reviewsOpenCommitments?: boolean | null | undefined;
}

export const AGENDA_ITEMS_MAX = 100;

export function parseAgendaItemInput(input: AgendaItemInput) {
  const title = requiredText(input.title, 'input.title', { max: 200 });
  if (!Number.isInteger(input.durationMinutes) || input.durationMinutes < 1 || input.durationMinutes > 1440) {
    throw badInput('input.durationMinutes', 'Give the duration in whole minutes, from 1 to 1440.');
  }
  return {
    title,
    durationMinutes: input.durationMinutes,
    method: input.method,
    hosts: optionalText(input.hosts, 'input.hosts', { max: 300 }),
    question: optionalText(input.question, 'input.question', { max: 1000, isMultiline: true }),
    materials: optionalText(input.materials, 'input.materials', { max: 1000, isMultiline: true }),
    reviewsOpenCommitments: input.reviewsOpenCommitments ?? false,
  };
}

export interface TimedAgendaItem extends schema.MeetingAgendaItem {
  startOffsetMinutes: number;
  startsAt: Date;
  endsAt: Date;
  localStartTime: string;
}

/** When a meeting starts, and on whose clock: all that its script's times depend on. */
type MeetingClock = Pick<schema.Meeting, 'startsAt' | 'timeZone'>;

/** The items of a meeting with their times, in order. */
export function timed(meeting: MeetingClock, items: readonly schema.MeetingAgendaItem[]): TimedAgendaItem[] {
  let offset = 0;
  return [...items]
    .sort((a, b) => a.position - b.position)
    .map((item) => {
      const startsAt = new Date(meeting.startsAt.getTime() + offset * 60_000);
      const startOffsetMinutes = offset;
      offset += item.durationMinutes;
      return {
        ...item,
        startOffsetMinutes,
        startsAt,
        endsAt: new Date(startsAt.getTime() + item.durationMinutes * 60_000),
        localStartTime: wallClock(startsAt, meeting.timeZone).slice(11),
      };
    });
}

/** Minutes the script runs past the meeting's end (0 when it fits). */
export function overrunMinutes(
  meeting: Pick<schema.Meeting, 'startsAt' | 'endsAt'>,
  items: readonly schema.MeetingAgendaItem[],
): number {
  const total = items.reduce((sum, item) => sum + item.durationMinutes, 0);
  const length = Math.round((meeting.endsAt.getTime() - meeting.startsAt.getTime()) / 60_000);
  return Math.max(0, total - length);
}

/**
 * The item running at an instant and the one after it (before the start: the first is next). An item runs from
 * its start, included, to its end, excluded, so at each boundary exactly one item is now; an item past the
 * meeting's end (an overrun) still runs; after the last item nothing does. Instants, not wall-clock times, so the
 * reader's and the meeting's time zones and their changes of clock play no part.
 */
export function liveScript(meeting: MeetingClock, items: readonly schema.MeetingAgendaItem[], at: Date) {
  const script = timed(meeting, items);
  const index = script.findIndex((item) => item.startsAt <= at && at < item.endsAt);
  const now = index >= 0 ? script[index] : undefined;
  const next = index >= 0 ? script[index + 1] : script.find((item) => item.startsAt > at);
  return {
    at,
    now: now ?? null,
    next: next ?? null,
    minutesLeft: now ? Math.ceil((now.endsAt.getTime() - at.getTime()) / 60_000) : null,
  };
}

export async function loadAgendas(db: Database, meetingIds: readonly string[]): Promise<schema.MeetingAgendaItem[][]> {
  const wanted = [...new Set(meetingIds)];
  const rows =
    wanted.length === 0
      ? []
      : await db
          .select()
          .from(meetingAgendaItem)
          .where(inArray(meetingAgendaItem.meetingId, wanted))
          .orderBy(asc(meetingAgendaItem.meetingId), asc(meetingAgendaItem.position));
  return meetingIds.map((id) => rows.filter((row) => row.meetingId === id));
}

/**
 * Writes the order given (ids, first to last) as positions 0, 1, 2… In two steps, through positions past any in
 * use, so that the unique (meeting, position) never sees two items on one place midway.
 */
export async function renumber(tx: Database, meetingId: string, order: readonly string[]): Promise<void> {
  if (order.length === 0) return;
  await tx
    .update(meetingAgendaItem)
    .set({ position: sql`${meetingAgendaItem.position} + ${AGENDA_ITEMS_MAX * 10}` })
    .where(eq(meetingAgendaItem.meetingId, meetingId));
  for (const [position, id] of order.entries()) {
    await tx.update(meetingAgendaItem).set({ position }).where(eq(meetingAgendaItem.id, id));
  }
}

/** What the audit log keeps of a script: each item's place, title, duration and method. */
export const auditedScript = (items: readonly schema.MeetingAgendaItem[]) => ({
  agenda: [...items]
    .sort((a, b) => a.position - b.position)
    .map((i) => ({
      id: i.id,
      title: i.title,
      durationMinutes: i.durationMinutes,
      method: i.method,
      ...(i.reviewsOpenCommitments ? { reviewsOpenCommitments: true } : {}),
    })),
});
