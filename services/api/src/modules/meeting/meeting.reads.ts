import { type Database, schema } from '@concord/db';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { badInput } from '../../errors.ts';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import { type Page, toPage } from '../../lib/pagination.ts';
import { isUuid } from '../../lib/validate.ts';
import { findMeeting } from './meeting-changes.ts';

const { meeting, workingGroup } = schema;

/** Meetings are public (docs/visibility.md): the working-out-loud pages show those held and coming. */
export const getMeeting = (db: Database, id: string) => findMeeting(db, id);

export const meetingCursor = (row: schema.Meeting) => encodeCursor([row.startsAt.toISOString(), row.id]);

/** Meetings earliest first: a group's, or an alliance's (every group's and the plenaries, or plenaries only). */
export async function listMeetings(
  db: Database,
  where: { workingGroupId: string } | { allianceId: string; plenariesOnly: boolean },
  { first, after }: { first: number; after?: string | null | undefined },
): Promise<Page<schema.Meeting>> {
  const cursor = after ? (decodeCursor(after, ['string', 'string']) as [string, string]) : undefined;
  if (cursor && (Number.isNaN(Date.parse(cursor[0])) || !isUuid(cursor[1]))) {
    throw badInput('after', 'The cursor is not one this API issued.');
  }
  const scope =
    'workingGroupId' in where
      ? eq(meeting.workingGroupId, where.workingGroupId)
      : and(eq(meeting.allianceId, where.allianceId), where.plenariesOnly ? isNull(meeting.workingGroupId) : undefined);
  const rows = await db
    .select()
    .from(meeting)
    .where(
      and(
        scope,
        cursor
          ? sql`(${meeting.startsAt}, ${meeting.id}) > (${cursor[0]}::timestamptz, ${cursor[1]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(asc(meeting.startsAt), asc(meeting.id))
    .limit(first + 1);
  return toPage(rows, first);
}

/** The working groups of meetings, in the order asked (null for a plenary). */
export async function loadGroupsOfMeetings(
  db: Database,
  groupIds: readonly (string | null)[],
): Promise<(schema.WorkingGroup | null)[]> {
  const wanted = [...new Set(groupIds.filter((id): id is string => id !== null))];
  const rows = wanted.length === 0 ? [] : await db.select().from(workingGroup).where(inArray(workingGroup.id, wanted));
  const byId = new Map(rows.map((row) => [row.id, row]));
  return groupIds.map((id) => (id === null ? null : (byId.get(id) ?? null)));
}
