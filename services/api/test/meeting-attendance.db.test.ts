import { schema } from '@concord/db';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MeetingWorld, meetingInput, meetingTestApp, SCHEDULE, SECRETARIAT, SLUG } from './meeting-fixtures.ts';

/**
 * Attendance: the hosts record which organisations took part, against the group's members, by stage and by country;
 * members and registered organisations only, once the meeting started; the hosts' alone to see and to change.
 */

let w: MeetingWorld;
beforeAll(async () => {
  w = await meetingTestApp();
}, 120_000);
afterAll(() => w?.t.close());

const FIELDS = `recordedAt attendees { organisation { id country stages } isExpected isRegistered isPresent }
  byStage { stage present expected } byCountry { country present expected }`;
const ATTENDANCE = `attendance { ${FIELDS} }`;
const RECORD = `mutation($id: ID!, $ids: [ID!]!) { recordMeetingAttendance(meetingId: $id, organisationIds: $ids) {
  ${FIELDS} } }`;

interface Attendance {
  recordedAt: string | null;
  attendees: {
    organisation: { id: string; country: string; stages: string[] };
    isExpected: boolean;
    isRegistered: boolean;
    isPresent: boolean;
  }[];
  byStage: { stage: string; present: number; expected: number }[];
  byCountry: { country: string; present: number; expected: number }[];
}

async function pastMeeting(title: string, start = '2020-03-12T09:30') {
  const chair = await w.signIn(w.chair.email);
  const res = await w.t.graphql<{ scheduleMeeting: { id: string } }>(
    SCHEDULE,
    {
      slug: SLUG,
      group: w.group.id,
      input: meetingInput({ title, start, end: start.replace('09:30', '16:00'), audience: 'SIGNED_IN' }),
    },
    { cookie: chair },
  );
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return res.data.scheduleMeeting.id;
}

const record = async (cookie: string, id: string, ids: string[]) =>
  w.t.graphql<{ recordMeetingAttendance: Attendance }>(RECORD, { id, ids }, { cookie });

const attendanceRows = async (meetingId: string) =>
  Number(
    (
      await w.t.database.db
        .select({ n: sql<number>`count(*)::int` })
        .from(schema.meetingAttendance)
        .where(eq(schema.meetingAttendance.meetingId, meetingId))
    )[0]?.n,
  );

describe('[MEETINGS] attendance', () => {
  it('the chair records members and a registered outsider present; counts by stage and country; an audit event', async () => {
    const id = await pastMeeting('Held in 2020');
    const outsider = await w.signIn(w.outsider.email);
    const registered = await w.t.graphql(
      'mutation($id: ID!, $o: ID!) { registerForMeeting(meetingId: $id, organisationId: $o) { status } }',
      { id, o: w.outsider.organisationId },
      { cookie: outsider },
    );
    expect(registered.errors).toBeUndefined();
    const [first, second] = w.members;
    if (!first || !second) throw new Error('the group needs two members');
    const chair = await w.signIn(w.chair.email);
    const present = [w.chair.organisationId, first.organisationId, w.outsider.organisationId];
    const res = await record(chair, id, present);
    expect(res.errors).toBeUndefined();
    const attendance = res.data?.recordMeetingAttendance as Attendance;
    const byId = new Map(attendance.attendees.map((a) => [a.organisation.id, a]));
    expect(byId.get(w.chair.organisationId)).toMatchObject({ isExpected: true, isPresent: true });
    expect(byId.get(second.organisationId)).toMatchObject({ isExpected: true, isPresent: false });
    expect(byId.get(w.outsider.organisationId)).toMatchObject({
      isExpected: false,
      isRegistered: true,
      isPresent: true,
    });
    expect(attendance.recordedAt).not.toBeNull();
    // Each country counts the organisations present and the members expected from it.
    const members = attendance.attendees.filter((a) => a.isExpected);
    expect(attendance.byCountry.reduce((sum, c) => sum + c.expected, 0)).toBe(members.length);
    expect(attendance.byCountry.reduce((sum, c) => sum + c.present, 0)).toBe(3);
    // Each stage counts the organisations of that stage: present ones, and expected members.
    const stages = [...new Set(attendance.attendees.flatMap((a) => a.organisation.stages))];
    const counted = (stage: string, pick: (a: Attendance['attendees'][number]) => boolean) =>
      attendance.attendees.filter((a) => pick(a) && a.organisation.stages.includes(stage)).length;
    expect(attendance.byStage.length).toBeGreaterThan(0);
    expect(new Set(attendance.byStage.map((s) => s.stage))).toEqual(
      new Set(stages.filter((stage) => counted(stage, (a) => a.isExpected || a.isPresent) > 0)),
    );
    for (const row of attendance.byStage) {
      expect(row, row.stage).toEqual({
        stage: row.stage,
        present: counted(row.stage, (a) => a.isPresent),
        expected: counted(row.stage, (a) => a.isExpected),
      });
    }

    // Recorded again: the new list replaces the old one.
    const again = await record(chair, id, [first.organisationId, first.organisationId]);
    expect(
      again.data?.recordMeetingAttendance.attendees.filter((a) => a.isPresent).map((a) => a.organisation.id),
    ).toEqual([first.organisationId]);
    expect(await attendanceRows(id)).toBe(1);
    const events = await w.t.database.db
      .select()
      .from(schema.auditEvent)
      .where(and(eq(schema.auditEvent.objectId, id), eq(schema.auditEvent.action, 'meeting.attendance_recorded')));
    expect(events).toHaveLength(2);
    expect(events.map((e) => e.after)).toContainEqual({ organisationIds: [first.organisationId] });
  });

  it('is the hosts’: a member and the public see null and are refused; the secretariat records it', async () => {
    const id = await pastMeeting('Hosts only');
    const member = w.members[0];
    if (!member) throw new Error('the group has no members');
    const memberCookie = await w.signIn(member.email);
    const seen = await w.t.graphql<{ meeting: { attendance: Attendance | null } }>(
      `query($id: ID!) { meeting(id: $id) { ${ATTENDANCE} } }`,
      { id },
      { cookie: memberCookie },
    );
    expect(seen.data?.meeting.attendance).toBeNull();
    const anonymous = await w.t.graphql<{ meeting: { attendance: Attendance | null } }>(
      `query($id: ID!) { meeting(id: $id) { ${ATTENDANCE} } }`,
      { id },
    );
    expect(anonymous.data?.meeting.attendance).toBeNull();
    expect((await record(memberCookie, id, [member.organisationId])).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await record('', id, [member.organisationId])).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await attendanceRows(id)).toBe(0);
    const staff = await w.signIn(SECRETARIAT);
    expect((await record(staff, id, [member.organisationId])).errors).toBeUndefined();
    expect(await attendanceRows(id)).toBe(1);
  });

  it('refuses an organisation neither member nor registered by its index, a meeting not started, and writes nothing', async () => {
    const id = await pastMeeting('Refusals');
    const chair = await w.signIn(w.chair.email);
    const refused = await record(chair, id, [w.chair.organisationId, w.outsider.organisationId]);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organisationIds[1]' });
    const malformed = await record(chair, id, ['not-an-id']);
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organisationIds[0]' });
    expect(await attendanceRows(id)).toBe(0);
    const coming = await pastMeeting('Not yet', '2031-03-12T09:30');
    const early = await record(chair, coming, [w.chair.organisationId]);
    expect(early.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await attendanceRows(coming)).toBe(0);
  });

  it('two hosts recording at once leave one whole list, not a mixture', async () => {
    const id = await pastMeeting('At once');
    const [first, second] = w.members;
    if (!first || !second) throw new Error('the group needs two members');
    const chair = await w.signIn(w.chair.email);
    const staff = await w.signIn(SECRETARIAT);
    const lists = [[w.chair.organisationId, first.organisationId], [second.organisationId]];
    const results = await Promise.all([record(chair, id, lists[0] ?? []), record(staff, id, lists[1] ?? [])]);
    expect(results.map((r) => r.errors)).toEqual([undefined, undefined]);
    const rows = await w.t.database.db
      .select({ id: schema.meetingAttendance.organisationId })
      .from(schema.meetingAttendance)
      .where(eq(schema.meetingAttendance.meetingId, id));
    const kept = rows.map((r) => r.id).sort();
    expect(lists.map((l) => [...l].sort())).toContainEqual(kept);
  });
});
