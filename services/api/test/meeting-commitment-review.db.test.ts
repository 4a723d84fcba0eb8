import { schema } from '@concord/db';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CommitmentView, CREATE_COMMITMENT, commitmentInput, REPORT_PROGRESS } from './commitment-fixtures.ts';
import type { TestApp } from './helper.ts';
import { type MeetingView, meetingInput, SCHEDULE } from './meeting-fixtures.ts';
import { jobsSettled, ok, type Person, pledgeTestApp, SLUG } from './pledge-fixtures.ts';

/**
 * [MEETINGS] Follow-up from one meeting to the next: a script item that reviews the open commitments lists those
 * of the meeting's group (of the alliance itself, for a plenary) that were open when the meeting began, by
 * deadline, each with its status now; a meeting still to come lists what is open now. One statement for every
 * reviewing item of a page; the flag is in the script's audit trail.
 */

const MARK = 'Review test: ';
const ADD = `mutation($m: ID!, $input: AgendaItemInput!) { addAgendaItem(meetingId: $m, input: $input) { id } }`;
const UPDATE = `mutation($id: ID!, $input: AgendaItemInput!) { updateAgendaItem(id: $id, input: $input) { id } }`;
const AGENDA = `query($id: ID!) { meeting(id: $id) { agenda { id title reviewsOpenCommitments
  openCommitments { title status deadline taskholder { id } } } } }`;

interface AgendaView {
  id: string;
  title: string;
  reviewsOpenCommitments: boolean;
  openCommitments: { title: string; status: string; deadline: string; taskholder: { id: string } }[] | null;
}

let t: TestApp;
let people: Record<'taskholder' | 'chair' | 'otherChair', Person>;
let cookies: Record<'taskholder' | 'chair' | 'otherChair' | 'staff', string>;
const ids: Record<string, string> = {};

async function commit(
  title: string,
  cookie: string,
  group: string | null,
  deadlineDays: number,
  taskholder = people.taskholder.organisationId,
) {
  const deadline = new Date(Date.now() + deadlineDays * 86_400_000).toISOString().slice(0, 10);
  const data = await ok<{ createCommitment: CommitmentView }>(
    t,
    CREATE_COMMITMENT,
    {
      slug: SLUG,
      group,
      input: commitmentInput(taskholder, { title: `${MARK}${title}`, deadline }),
      note: 'Agreed.',
    },
    cookie,
  );
  ids[title] = data.createCommitment.id;
  return data.createCommitment.id;
}

async function schedule(cookie: string, groupSlug: string | null, items: { title: string; reviews: boolean }[]) {
  const [group] = groupSlug
    ? await t.database.db.select().from(schema.workingGroup).where(eq(schema.workingGroup.slug, groupSlug))
    : [];
  const { scheduleMeeting } = await ok<{ scheduleMeeting: MeetingView }>(
    t,
    SCHEDULE,
    { slug: SLUG, group: group?.id ?? null, input: meetingInput({ audience: group ? 'GROUP_MEMBERS' : null }) },
    cookie,
  );
  for (const item of items) {
    await ok(
      t,
      ADD,
      {
        m: scheduleMeeting.id,
        input: { title: item.title, durationMinutes: 20, method: 'PLENARY', reviewsOpenCommitments: item.reviews },
      },
      cookie,
    );
  }
  return scheduleMeeting.id;
}

async function agenda(meetingId: string): Promise<AgendaView[]> {
  return (await ok<{ meeting: { agenda: AgendaView[] } }>(t, AGENDA, { id: meetingId })).meeting.agenda;
}

/** The titles a review lists, of this test's commitments only (the demo data has its own, long done). */
const listed = (item: AgendaView | undefined) =>
  item?.openCommitments?.filter((c) => c.title.startsWith(MARK)).map((c) => [c.title.slice(MARK.length), c.status]);

beforeAll(async () => {
  ({ t, people, cookies } = await pledgeTestApp({
    pledgers: ['taskholder'],
    chairs: { chair: 'packaging', otherChair: 'construction' },
  }));
  // Deadlines out of creation order: the review lists by deadline.
  await commit('open, due later', cookies.chair, 'packaging', 60);
  await commit('in progress, due first', cookies.chair, 'packaging', 20);
  await ok(
    t,
    REPORT_PROGRESS,
    { id: ids['in progress, due first'], status: 'IN_PROGRESS', note: 'Started.' },
    cookies.taskholder,
  );
  await commit('done', cookies.chair, 'packaging', 40);
  await ok(t, REPORT_PROGRESS, { id: ids.done, status: 'DONE', note: 'Finished.' }, cookies.taskholder);
  await commit('dropped', cookies.chair, 'packaging', 45);
  await ok(t, REPORT_PROGRESS, { id: ids.dropped, status: 'DROPPED', note: 'Not needed.' }, cookies.chair);
  await commit('of another group', cookies.otherChair, 'construction', 30, people.otherChair.organisationId);
  await commit('of the alliance', cookies.staff, null, 30);
}, 120_000);
afterAll(() => t?.close());

describe('a script item that reviews the open commitments', () => {
  it('lists the group’s open commitments by deadline, under that item only, to the public too', async () => {
    const meetingId = await schedule(cookies.chair, 'packaging', [
      { title: 'Check-in', reviews: false },
      { title: 'Review of open commitments', reviews: true },
    ]);
    const [checkIn, review] = await agenda(meetingId);
    expect(checkIn).toMatchObject({ reviewsOpenCommitments: false, openCommitments: null });
    expect(review?.reviewsOpenCommitments).toBe(true);
    expect(listed(review)).toEqual([
      ['in progress, due first', 'IN_PROGRESS'],
      ['open, due later', 'OPEN'],
    ]);
    // Nothing of another group's, nor the alliance's own, nor anything done or dropped, from the demo data either.
    const groupOf = await t.database.db
      .select({ status: schema.commitment.status, group: schema.workingGroup.slug })
      .from(schema.commitment)
      .innerJoin(schema.workingGroup, eq(schema.workingGroup.id, schema.commitment.workingGroupId))
      .where(
        inArray(
          schema.commitment.title,
          (review?.openCommitments ?? []).map((c) => c.title),
        ),
      );
    expect(groupOf.length).toBeGreaterThanOrEqual(2);
    for (const row of groupOf) {
      expect(row.group).toBe('packaging');
      expect(['open', 'in_progress', 'late']).toContain(row.status);
    }
  });

  it('in a plenary, lists the alliance’s own commitments', async () => {
    const meetingId = await schedule(cookies.staff, null, [{ title: 'Review', reviews: true }]);
    const [review] = await agenda(meetingId);
    expect(listed(review)).toEqual([['of the alliance', 'OPEN']]);
  });

  it('for a meeting held, lists what was open when it began, with the status now', async () => {
    const meetingId = await schedule(cookies.chair, 'packaging', [{ title: 'Review', reviews: true }]);
    const created = Object.values(ids);
    // Recorded in January, the one done finished in June; the meeting met in March.
    await t.database.db
      .update(schema.commitmentUpdate)
      .set({
        occurredAt: sql`case when ${schema.commitmentUpdate.fromStatus} is null then timestamptz '2026-01-10T10:00Z'
          else timestamptz '2026-06-10T10:00Z' end`,
      })
      .where(inArray(schema.commitmentUpdate.commitmentId, created));
    await t.database.db
      .update(schema.meeting)
      .set({ startsAt: new Date('2026-03-12T08:30Z'), endsAt: new Date('2026-03-12T15:00Z') })
      .where(eq(schema.meeting.id, meetingId));
    // Recorded after that meeting: not on its review.
    await commit('recorded later', cookies.chair, 'packaging', 10);
    const [review] = await agenda(meetingId);
    expect(listed(review)).toEqual([
      ['in progress, due first', 'IN_PROGRESS'],
      ['done', 'DONE'],
      ['dropped', 'DROPPED'],
      ['open, due later', 'OPEN'],
    ]);
  });

  it('reads every reviewing item of a meeting in one statement, however many', async () => {
    const statements = async (reviewing: number) => {
      const meetingId = await schedule(
        cookies.chair,
        'packaging',
        Array.from({ length: 4 }, (_, i) => ({ title: `Item ${i}`, reviews: i < reviewing })),
      );
      await jobsSettled(t);
      t.resetQueryCount();
      const items = await agenda(meetingId);
      expect(items.filter((i) => i.openCommitments !== null)).toHaveLength(reviewing);
      return t.queryCount();
    };
    const one = await statements(1);
    expect(await statements(4)).toBe(one);
  });

  it('keeps the flag in the script’s audit trail when an item is changed to review', async () => {
    const meetingId = await schedule(cookies.chair, 'packaging', [{ title: 'Round', reviews: false }]);
    const [item] = await agenda(meetingId);
    await ok(
      t,
      UPDATE,
      { id: item?.id, input: { title: 'Round', durationMinutes: 20, method: 'PLENARY', reviewsOpenCommitments: true } },
      cookies.chair,
    );
    const [event] = await t.database.db
      .select({ after: schema.auditEvent.after })
      .from(schema.auditEvent)
      .where(eq(schema.auditEvent.objectId, meetingId))
      .orderBy(sql`${schema.auditEvent.seq} desc`)
      .limit(1);
    expect(event?.after).toMatchObject({ agenda: [{ title: 'Round', reviewsOpenCommitments: true }] });
  });
});
