import { type Database, schema } from '@concord/db';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';

/** Counting places and the waiting list, for the use cases and the fields that show them. */
const { meetingRegistration } = schema;

export async function placesTaken(db: Database, meetingId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(meetingRegistration)
    .where(and(eq(meetingRegistration.meetingId, meetingId), eq(meetingRegistration.status, 'registered')));
  return Number(row?.n ?? 0);
}

/** Per meeting asked for: places taken and people waiting, in one statement. */
export async function loadCounts(
  db: Database,
  meetingIds: readonly string[],
): Promise<{ taken: number; waiting: number }[]> {
  const wanted = [...new Set(meetingIds)];
  const rows =
    wanted.length === 0
      ? []
      : await db
          .select({
            meetingId: meetingRegistration.meetingId,
            taken: sql<number>`count(*) filter (where ${meetingRegistration.status} = 'registered')::int`,
            waiting: sql<number>`count(*) filter (where ${meetingRegistration.status} = 'waiting')::int`,
          })
          .from(meetingRegistration)
          .where(inArray(meetingRegistration.meetingId, wanted))
          .groupBy(meetingRegistration.meetingId);
  const byId = new Map(rows.map((r) => [r.meetingId, { taken: Number(r.taken), waiting: Number(r.waiting) }]));
  return meetingIds.map((id) => byId.get(id) ?? { taken: 0, waiting: 0 });
}

/** The waiting list in order: who asked first moves up first. */
export async function waitingList(db: Database, meetingId: string): Promise<schema.MeetingRegistration[]> {
  return db
    .select()
    .from(meetingRegistration)
    .where(and(eq(meetingRegistration.meetingId, meetingId), eq(meetingRegistration.status, 'waiting')))
    .orderBy(asc(meetingRegistration.requestedAt), asc(meetingRegistration.id));
}

export async function registrationOf(
  db: Database,
  meetingId: string,
  personId: string,
): Promise<schema.MeetingRegistration | undefined> {
  const [row] = await db
    .select()
    .from(meetingRegistration)
    .where(and(eq(meetingRegistration.meetingId, meetingId), eq(meetingRegistration.personId, personId)));
  return row;
}

export interface RegistrationView extends schema.MeetingRegistration {
  waitingPosition: number | null;
}

export async function withPosition(db: Database, row: schema.MeetingRegistration): Promise<RegistrationView> {
  if (row.status !== 'waiting') return { ...row, waitingPosition: null };
  const list = await waitingList(db, row.meetingId);
  return { ...row, waitingPosition: list.findIndex((r) => r.id === row.id) + 1 };
}
