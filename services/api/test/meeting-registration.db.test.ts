import { schema } from '@concord/db';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelMeetingRegistration } from '../src/modules/meeting/use-cases/cancel-meeting-registration.ts';
import { registerForMeeting } from '../src/modules/meeting/use-cases/register-for-meeting.ts';
import { loadActor } from '../src/modules/policy/actor.ts';
import {
  type MeetingView,
  type MeetingWorld,
  meetingInput,
  meetingTestApp,
  SCHEDULE,
  SLUG,
  UPDATE,
} from './meeting-fixtures.ts';

/** Registration to capacity with a waiting list, under concurrency, on both databases; who may register. */

const REGISTER = `mutation($m: ID!, $o: ID) { registerForMeeting(meetingId: $m, organisationId: $o) {
  status waitingPosition organisation { id } } }`;
const UNREGISTER = `mutation($m: ID!) { cancelMeetingRegistration(meetingId: $m) { status } }`;
const COUNTS = `query($id: ID!) { meeting(id: $id) { placesTaken waitingCount myRegistration { status waitingPosition } } }`;

let w: MeetingWorld;
let chair = '';
beforeAll(async () => {
  w = await meetingTestApp();
  chair = await w.signIn(w.chair.email);
}, 120_000);
afterAll(() => w?.t.close());

async function schedule(overrides: Record<string, unknown>) {
  const res = await w.t.graphql<{ scheduleMeeting: MeetingView }>(
    SCHEDULE,
    { slug: SLUG, group: w.group.id, input: meetingInput(overrides) },
    { cookie: chair },
  );
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return res.data.scheduleMeeting;
}

const statuses = async (meetingId: string) =>
  w.t.database.db
    .select({ personId: schema.meetingRegistration.personId, status: schema.meetingRegistration.status })
    .from(schema.meetingRegistration)
    .where(eq(schema.meetingRegistration.meetingId, meetingId))
    .orderBy(schema.meetingRegistration.requestedAt, schema.meetingRegistration.id);

describe('[MEETINGS] registration', () => {
  it('takes exactly `capacity` places under concurrent registration; the rest wait, and move up in order', async () => {
    const meeting = await schedule({ capacity: 3, audience: 'SIGNED_IN', title: 'Open to all' });
    const db = w.t.database.db;
    const people = await db
      .insert(schema.person)
      .values(
        Array.from({ length: 9 }, (_, i) => ({
          email: `rush-${i}-${meeting.id.slice(-6)}@example.org`,
          name: `Rush ${i}`,
        })),
      )
      .returning();
    const actors = await Promise.all(people.map((p) => loadActor(db, p)));
    const results = await Promise.allSettled(
      actors.map((actor) => registerForMeeting({ db, actor, meetingId: meeting.id, organisationId: null })),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const rows = await statuses(meeting.id);
    expect(rows.filter((r) => r.status === 'registered')).toHaveLength(3);
    expect(rows.filter((r) => r.status === 'waiting')).toHaveLength(6);

    // The database itself refuses a fourth place, whatever the service would do.
    const waiting = rows.find((r) => r.status === 'waiting');
    await expect(
      db
        .update(schema.meetingRegistration)
        .set({ status: 'registered' })
        .where(
          and(
            eq(schema.meetingRegistration.meetingId, meeting.id),
            eq(schema.meetingRegistration.personId, waiting?.personId ?? ''),
          ),
        ),
    ).rejects.toThrow();

    // A place given up goes to the first who waited.
    const firstIn = rows.find((r) => r.status === 'registered');
    const leaver = actors.find((a) => a.personId === firstIn?.personId);
    if (!leaver) throw new Error('no registered person');
    await cancelMeetingRegistration({ db, actor: leaver, meetingId: meeting.id });
    const after = await statuses(meeting.id);
    expect(after.find((r) => r.personId === waiting?.personId)?.status).toBe('registered');
    expect(after.filter((r) => r.status === 'registered')).toHaveLength(3);
    expect(after.filter((r) => r.status === 'waiting')).toHaveLength(5);

    // Giving up places concurrently moves exactly as many up.
    const holders = after
      .filter((r) => r.status === 'registered')
      .map((r) => actors.find((a) => a.personId === r.personId));
    await Promise.all(
      holders.map((actor) => cancelMeetingRegistration({ db, actor: actor ?? null, meetingId: meeting.id })),
    );
    const last = await statuses(meeting.id);
    expect(last.filter((r) => r.status === 'registered')).toHaveLength(3);
    expect(last.filter((r) => r.status === 'waiting')).toHaveLength(2);
  });

  it('lets the group’s members register, not others; says where one stands; refuses twice; keeps the capacity above the places taken', async () => {
    const meeting = await schedule({ capacity: 1, title: 'Members only' });
    const outsider = await w.signIn(w.outsider.email);
    const refused = await w.t.graphql(REGISTER, { m: meeting.id }, { cookie: outsider });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const [first, second] = w.members;
    if (!first || !second) throw new Error('the group needs two members');
    const a = await w.signIn(first.email);
    const b = await w.signIn(second.email);
    const taken = await w.t.graphql<{ registerForMeeting: { status: string; organisation: { id: string } } }>(
      REGISTER,
      { m: meeting.id },
      { cookie: a },
    );
    expect(taken.data?.registerForMeeting).toMatchObject({
      status: 'REGISTERED',
      organisation: { id: first.organisationId },
    });
    const waits = await w.t.graphql<{ registerForMeeting: { status: string; waitingPosition: number } }>(
      REGISTER,
      { m: meeting.id },
      { cookie: b },
    );
    expect(waits.data?.registerForMeeting).toMatchObject({ status: 'WAITING', waitingPosition: 1 });
    const twice = await w.t.graphql(REGISTER, { m: meeting.id }, { cookie: b });
    expect(twice.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const notMine = await w.t.graphql(REGISTER, { m: meeting.id, o: w.outsider.organisationId }, { cookie: a });
    expect(notMine.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'organisationId' });
    const counts = await w.t.graphql<{
      meeting: { placesTaken: number; waitingCount: number; myRegistration: unknown };
    }>(COUNTS, { id: meeting.id }, { cookie: b });
    expect(counts.data?.meeting).toEqual({
      placesTaken: 1,
      waitingCount: 1,
      myRegistration: { status: 'WAITING', waitingPosition: 1 },
    });
    // Capacity 0 is not a meeting; capacity 1 keeps the one place taken. Raising it does not move anyone by itself.
    const lower = await w.t.graphql(
      UPDATE,
      { id: meeting.id, input: meetingInput({ capacity: 0 }) },
      { cookie: chair },
    );
    expect(lower.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.capacity' });
    const left = await w.t.graphql<{ cancelMeetingRegistration: { status: string } }>(
      UNREGISTER,
      { m: meeting.id },
      { cookie: a },
    );
    expect(left.data?.cancelMeetingRegistration.status).toBe('CANCELLED');
    const now = await w.t.graphql<{ meeting: { myRegistration: { status: string } } }>(
      COUNTS,
      { id: meeting.id },
      { cookie: b },
    );
    expect(now.data?.meeting.myRegistration.status).toBe('REGISTERED');
    const [row] = await w.t.database.rows<{ n: number }>(
      sql`select count(*)::int as n from audit_event where object_id = ${meeting.id} and action like 'meeting.%'`,
    );
    expect(Number(row?.n)).toBe(4);
  });
});
