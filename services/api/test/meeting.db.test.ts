import { schema } from '@concord/db';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CANCEL,
  MEETING,
  type MeetingView,
  type MeetingWorld,
  meetingInput,
  meetingTestApp,
  SCHEDULE,
  SECRETARIAT,
  SLUG,
  UPDATE,
} from './meeting-fixtures.ts';

/** Scheduling, changing and cancelling meetings: rights per role, errors per field, audit events. */

let w: MeetingWorld;
beforeAll(async () => {
  w = await meetingTestApp();
}, 120_000);
afterAll(() => w?.t.close());

const meetingCount = async () => {
  const [row] = await w.t.database.db.select({ n: sql<number>`count(*)::int` }).from(schema.meeting);
  return Number(row?.n);
};

async function schedule(cookie: string, group: string | null, input = meetingInput()) {
  return w.t.graphql<{ scheduleMeeting: MeetingView }>(SCHEDULE, { slug: SLUG, group, input }, { cookie });
}

describe('scheduling a meeting', () => {
  it('a chair schedules a meeting of their group: times in its zone, sequence 0, an audit event', async () => {
    const cookie = await w.signIn(w.chair.email);
    const res = await schedule(cookie, w.group.id);
    expect(res.errors).toBeUndefined();
    const m = res.data?.scheduleMeeting;
    expect(m).toMatchObject({
      startsAt: '2027-03-12T08:30:00.000Z',
      endsAt: '2027-03-12T15:00:00.000Z',
      timeZone: 'Europe/Brussels',
      localStart: '2027-03-12T09:30',
      localEnd: '2027-03-12T16:00',
      capacity: 30,
      audience: 'GROUP_MEMBERS',
      status: 'SCHEDULED',
      sequence: 0,
      onlineUrl: 'https://meet.example.org/cpa-dfr-2',
      workingGroup: { id: w.group.id },
    });
    const events = await w.t.database.db
      .select()
      .from(schema.auditEvent)
      .where(and(eq(schema.auditEvent.objectId, m?.id ?? ''), eq(schema.auditEvent.action, 'meeting.scheduled')));
    expect(events).toHaveLength(1);
    expect(events[0]?.actorPersonId).toBe(w.chair.personId);
  });

  it('the public sees the meeting without its online link; the group lists it', async () => {
    const cookie = await w.signIn(w.chair.email);
    const created = (await schedule(cookie, w.group.id, meetingInput({ title: 'Seen by all' }))).data?.scheduleMeeting;
    const pub = await w.t.graphql<{ meeting: MeetingView }>(MEETING, { id: created?.id });
    expect(pub.data?.meeting).toMatchObject({ title: 'Seen by all', onlineUrl: null, place: expect.any(String) });
    const listed = await w.t.graphql<{ alliance: { workingGroup: { meetings: { nodes: { id: string }[] } } } }>(
      `query($g: String!) { alliance(slug: "${SLUG}") { workingGroup(slug: $g) { meetings { nodes { id } } } } }`,
      { g: w.group.slug },
    );
    expect(listed.data?.alliance.workingGroup.meetings.nodes.map((n) => n.id)).toContain(created?.id);
    const unknown = await w.t.graphql<{ meeting: null }>(MEETING, { id: 'not-an-id' });
    expect(unknown.data?.meeting).toBeNull();
  });

  it('names its alliance, and tells the group’s chair and the secretariat, not a member or the public, they manage it', async () => {
    const chair = await w.signIn(w.chair.email);
    const created = (await schedule(chair, w.group.id, meetingInput({ title: 'Who hosts' }))).data?.scheduleMeeting;
    const member = w.members[0];
    if (!member) throw new Error('the group has no members');
    const query = 'query($id: ID!) { meeting(id: $id) { alliance { slug } viewerCanManage } }';
    const seenBy = async (cookie: string) =>
      (
        await w.t.graphql<{ meeting: { alliance: { slug: string }; viewerCanManage: boolean } }>(
          query,
          { id: created?.id },
          { cookie },
        )
      ).data?.meeting;
    expect(await seenBy('')).toEqual({ alliance: { slug: SLUG }, viewerCanManage: false });
    expect((await seenBy(await w.signIn(member.email)))?.viewerCanManage).toBe(false);
    expect((await seenBy(await w.signIn(w.outsider.email)))?.viewerCanManage).toBe(false);
    expect((await seenBy(chair))?.viewerCanManage).toBe(true);
    expect((await seenBy(await w.signIn(SECRETARIAT)))?.viewerCanManage).toBe(true);
  });

  it('the secretariat schedules a plenary; a chair may not, nor a member a group meeting, nor the public', async () => {
    const staff = await w.signIn(SECRETARIAT);
    const plenary = await schedule(staff, null, meetingInput({ title: 'Plenary', audience: 'ALLIANCE_SIGNATORIES' }));
    expect(plenary.errors).toBeUndefined();
    expect(plenary.data?.scheduleMeeting.workingGroup).toBeNull();
    const before = await meetingCount();
    const chair = await w.signIn(w.chair.email);
    expect((await schedule(chair, null)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const member = w.members[0];
    if (!member) throw new Error('the group has no members');
    const memberCookie = await w.signIn(member.email);
    expect((await schedule(memberCookie, w.group.id)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await schedule('', w.group.id)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await meetingCount()).toBe(before);
  });

  it('refuses each wrong field by name, and writes nothing', async () => {
    const cookie = await w.signIn(w.chair.email);
    const cases: [Record<string, unknown>, string][] = [
      [{ timeZone: 'Mars/Olympus_Mons' }, 'input.timeZone'],
      [{ timeZone: '+01:00' }, 'input.timeZone'],
      [{ start: '12/03/2027 09:30' }, 'input.start'],
      [{ start: '2027-02-30T09:30' }, 'input.start'],
      // The clocks skip from 02:00 to 03:00 in Brussels that night.
      [{ start: '2027-03-28T02:30', end: '2027-03-28T05:00' }, 'input.start'],
      [{ end: '2027-03-12T09:00' }, 'input.end'],
      [{ end: '2027-03-30T09:00' }, 'input.end'],
      [{ place: null, onlineUrl: null }, 'input.place'],
      [{ place: '   ', onlineUrl: '' }, 'input.place'],
      [{ onlineUrl: 'javascript:alert(1)' }, 'input.onlineUrl'],
      [{ onlineUrl: 'https://user:secret@meet.example.org/x' }, 'input.onlineUrl'],
      [{ onlineUrl: 'meet dot example' }, 'input.onlineUrl'],
      [{ capacity: 0 }, 'input.capacity'],
      [{ capacity: 100_001 }, 'input.capacity'],
      [{ title: '' }, 'input.title'],
      [{ purpose: 'x'.repeat(2001) }, 'input.purpose'],
    ];
    const before = await meetingCount();
    for (const [overrides, field] of cases) {
      const res = await schedule(cookie, w.group.id, meetingInput(overrides));
      expect(res.errors?.[0]?.extensions, JSON.stringify(overrides)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const unknownGroup = await schedule(cookie, '018f0000-0000-7000-8000-000000000000');
    expect(unknownGroup.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'workingGroupId' });
    expect(await meetingCount()).toBe(before);
  });

  it('takes a time zone in any case and stores its canonical name', async () => {
    const cookie = await w.signIn(w.chair.email);
    const res = await schedule(cookie, w.group.id, meetingInput({ timeZone: 'europe/lisbon', place: null }));
    expect(res.data?.scheduleMeeting).toMatchObject({
      timeZone: 'Europe/Lisbon',
      startsAt: '2027-03-12T09:30:00.000Z',
      place: null,
    });
  });
});

describe('changing and cancelling a meeting', () => {
  it('each change raises the sequence; cancelling keeps the reason; a cancelled meeting takes no change', async () => {
    const chair = await w.signIn(w.chair.email);
    const created = (await schedule(chair, w.group.id)).data?.scheduleMeeting;
    const updated = await w.t.graphql<{ updateMeeting: MeetingView }>(
      UPDATE,
      { id: created?.id, input: meetingInput({ start: '2027-03-12T10:00', capacity: 12 }) },
      { cookie: chair },
    );
    expect(updated.data?.updateMeeting).toMatchObject({ localStart: '2027-03-12T10:00', capacity: 12, sequence: 1 });
    const member = w.members[0];
    const memberCookie = await w.signIn(member?.email ?? '');
    const refused = await w.t.graphql(CANCEL, { id: created?.id, reason: 'No.' }, { cookie: memberCookie });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const staff = await w.signIn(SECRETARIAT);
    const cancelled = await w.t.graphql<{ cancelMeeting: MeetingView }>(
      CANCEL,
      { id: created?.id, reason: 'The venue is closed for a strike.' },
      { cookie: staff },
    );
    expect(cancelled.data?.cancelMeeting).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: 'The venue is closed for a strike.',
      sequence: 2,
    });
    const again = await w.t.graphql(CANCEL, { id: created?.id, reason: 'Twice.' }, { cookie: staff });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const late = await w.t.graphql(UPDATE, { id: created?.id, input: meetingInput() }, { cookie: chair });
    expect(late.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const empty = await w.t.graphql(CANCEL, { id: created?.id, reason: '  ' }, { cookie: staff });
    expect(empty.errors?.[0]?.extensions?.code).toMatch(/BAD_USER_INPUT|CONFLICT/);
    const actions = await w.t.database.db
      .select({ action: schema.auditEvent.action })
      .from(schema.auditEvent)
      .where(eq(schema.auditEvent.objectId, created?.id ?? ''))
      .orderBy(schema.auditEvent.seq);
    expect(actions.map((a) => a.action)).toEqual(['meeting.scheduled', 'meeting.updated', 'meeting.cancelled']);
  });

  it('a cancellation without a reason is refused on `reason`', async () => {
    const chair = await w.signIn(w.chair.email);
    const created = (await schedule(chair, w.group.id)).data?.scheduleMeeting;
    const res = await w.t.graphql(CANCEL, { id: created?.id, reason: '' }, { cookie: chair });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
  });
});
