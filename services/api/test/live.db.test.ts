import { schema } from '@concord/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleMeeting } from '../src/modules/meeting/use-cases/schedule-meeting.ts';
import { loadActor } from '../src/modules/policy/actor.ts';
import type { TestApp } from './helper.ts';
import { type LiveMessage, liveUrlOf, registered, subscribeLive } from './live-client.ts';
import { meetingInput, SCHEDULE } from './meeting-fixtures.ts';
import { draft, ok, type Person, pledgeTestApp, SLUG, SUBMIT } from './pledge-fixtures.ts';

/**
 * [LIVE] The subscriptions of the live views, over a real WebSocket to the running app, on both databases: an event
 * arrives once its change committed, with what the query behind the view shows the subscriber then; a change that
 * rolled back, a private change and another group's change send nothing (the next event is the next visible change);
 * who may not read a queue by query is refused when subscribing.
 */
const ENTRY = `seq kind at workingGroupSlug workingGroupName subjectId subjectTitle meetingId declarationVersion
  commitmentStatus organisationId organisationName byOrganisationName`;
const ACTIVITY_ADDED = `subscription($since: Int, $group: String) {
  activityAdded(allianceSlug: "${SLUG}", since: $since, workingGroupSlug: $group) { ${ENTRY} } }`;
const FEED = `query($first: Int) { alliance(slug: "${SLUG}") { activity(first: $first) { nodes { ${ENTRY} } } } }`;
const QUEUE_CHANGED = `subscription($slug: String!) { reviewQueueChanged(allianceSlug: $slug) { queue count } }`;
const PLEDGE_QUEUE = `query { alliance(slug: "${SLUG}") { pledgeReviewQueue { totalCount } } }`;
const SCRIPT_CHANGED = `subscription($id: ID!) { meetingScriptChanged(meetingId: $id) { id status agenda { title } } }`;
const ADD_ITEM = `mutation($m: ID!, $input: AgendaItemInput!) { addAgendaItem(meetingId: $m, input: $input) { id } }`;
const JOIN = 'mutation($g: ID!, $o: ID!) { joinWorkingGroup(workingGroupId: $g, organisationId: $o) { role } }';

let t: TestApp;
let people: Record<'pledger' | 'chair' | 'elsewhere', Person>;
let cookies: Record<'pledger' | 'chair' | 'elsewhere' | 'staff', string>;
let url = '';
let groups: Record<string, string> = {};

beforeAll(async () => {
  ({ t, people, cookies } = await pledgeTestApp({
    pledgers: ['pledger'],
    chairs: { chair: 'packaging', elsewhere: 'automotive' },
  }));
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  url = liveUrlOf(t.app.server.address());
  const rows = await t.database.db.select().from(schema.workingGroup);
  groups = Object.fromEntries(rows.map((g) => [g.slug, g.id]));
}, 120_000);
afterAll(() => t?.close());

type Entry = { seq: number; kind: string; subjectId: string; subjectTitle: string | null };

async function newestEntries(first: number): Promise<Entry[]> {
  return (await ok<{ alliance: { activity: { nodes: Entry[] } } }>(t, FEED, { first })).alliance.activity.nodes;
}

const dataOf = (message: LiveMessage) => (message.payload as { data?: Record<string, unknown> }).data;
const codeOf = (message: LiveMessage) =>
  message.type === 'error' ? (message.payload as { extensions?: { code?: string } }[])[0]?.extensions?.code : null;

/** A public subscriber to the alliance's feed, caught up on its newest entry: proof that it is in place. */
async function followFeed(variables: Record<string, unknown> = {}) {
  const [newest] = await newestEntries(1);
  const live = subscribeLive(url, ACTIVITY_ADDED, { variables: { since: (newest?.seq ?? 1) - 1, ...variables } });
  expect(dataOf(await live.take())).toEqual({ activityAdded: newest });
  return live;
}

const scheduled = (title: string, cookie = cookies.chair) =>
  ok<{ scheduleMeeting: { id: string } }>(
    t,
    SCHEDULE,
    { slug: SLUG, group: groups.packaging, input: meetingInput({ title }) },
    cookie,
  ).then((data) => data.scheduleMeeting.id);

describe('[LIVE] activityAdded', () => {
  it('sends a public change once it committed, exactly as the feed shows it', async () => {
    const live = await followFeed();
    const meetingId = await scheduled('Live feed: trays');
    const event = await live.take();
    live.close();
    const [shown] = await newestEntries(1);
    expect(shown).toMatchObject({ kind: 'MEETING_SCHEDULED', subjectId: meetingId, subjectTitle: 'Live feed: trays' });
    expect(dataOf(event)).toEqual({ activityAdded: shown });
  });

  it('sends nothing of a change that rolled back, nor of private ones: the next event is the next public change', async () => {
    const live = await followFeed();
    // A chair schedules a meeting through the use case, in a transaction that then rolls back.
    const [chairPerson] = await t.database.db
      .select()
      .from(schema.person)
      .where(eq(schema.person.email, people.chair.email));
    const actor = await loadActor(t.database.db, chairPerson as schema.Person);
    const rolledBack = await t.database.db
      .transaction(async (tx) => {
        await scheduleMeeting({
          db: tx,
          actor,
          jobs: t.app.jobs,
          config: t.app.config,
          allianceSlug: SLUG,
          workingGroupId: groups.packaging ?? null,
          input: meetingInput({ title: 'Live feed: never held' }),
        });
        tx.rollback();
      })
      .then(
        () => 'committed',
        () => 'rolled back',
      );
    expect(rolledBack).toBe('rolled back');
    // Private: a pledge drafted and sent for review (the feed shows a pledge once accepted).
    const drafted = await draft(t, cookies.pledger, people.pledger.organisationId);
    await ok(t, SUBMIT, { id: drafted.id }, cookies.pledger);
    const meetingId = await scheduled('Live feed: held');
    const event = await live.take();
    live.close();
    expect(dataOf(event)).toMatchObject({ activityAdded: { kind: 'MEETING_SCHEDULED', subjectId: meetingId } });
  });

  it("keeps a group's feed to the group, and catches a reconnecting client up from `since`", async () => {
    const [before] = await newestEntries(1);
    const first = await scheduled('Live feed: first of two');
    const second = await scheduled('Live feed: second of two');
    // A subscriber that last saw `before` receives both, oldest first, then what comes next.
    const live = subscribeLive(url, ACTIVITY_ADDED, { variables: { since: before?.seq, group: 'packaging' } });
    const caughtUp = [await live.take(), await live.take()].map((m) => dataOf(m)?.activityAdded);
    expect(caughtUp).toMatchObject([{ subjectId: first }, { subjectId: second }]);
    live.close();
    const unknown = subscribeLive(url, ACTIVITY_ADDED, { variables: { group: 'no-such-group' } });
    expect(codeOf(await unknown.take())).toBe('NOT_FOUND');
    unknown.close();
  });
});

describe('[LIVE] reviewQueueChanged', () => {
  it('refuses the public, a representative who reviews nothing, and an unknown alliance, when subscribing', async () => {
    const cases = [
      { cookie: undefined, slug: SLUG, code: 'UNAUTHENTICATED' },
      { cookie: cookies.pledger, slug: SLUG, code: 'FORBIDDEN' },
      { cookie: cookies.staff, slug: 'no-such-alliance', code: 'NOT_FOUND' },
    ];
    for (const { cookie, slug, code } of cases) {
      const live = subscribeLive(url, QUEUE_CHANGED, { variables: { slug }, cookie });
      expect(codeOf(await live.take()), code).toBe(code);
      live.close();
    }
  });

  it("tells the secretariat and the group's chair of a pledge to review, with the count each query gives them; not another group's chair", async () => {
    const staff = subscribeLive(url, QUEUE_CHANGED, { variables: { slug: SLUG }, cookie: cookies.staff });
    const chair = subscribeLive(url, QUEUE_CHANGED, { variables: { slug: SLUG }, cookie: cookies.chair });
    const elsewhere = subscribeLive(url, QUEUE_CHANGED, { variables: { slug: SLUG }, cookie: cookies.elsewhere });
    await Promise.all([staff, chair, elsewhere].map(registered));
    const count = async (cookie: string) =>
      (await ok<{ alliance: { pledgeReviewQueue: { totalCount: number } } }>(t, PLEDGE_QUEUE, {}, cookie)).alliance
        .pledgeReviewQueue.totalCount;

    const inPackaging = await draft(t, cookies.pledger, people.pledger.organisationId, { polymer: 'PP' });
    await ok(t, SUBMIT, { id: inPackaging.id }, cookies.pledger);
    expect(dataOf(await staff.take())).toEqual({
      reviewQueueChanged: { queue: 'PLEDGES', count: await count(cookies.staff) },
    });
    expect(dataOf(await chair.take())).toEqual({
      reviewQueueChanged: { queue: 'PLEDGES', count: await count(cookies.chair) },
    });

    // A pledge in the other group: now the other chair hears of it, and this is the first they hear.
    const joined = await t.graphql(
      JOIN,
      { g: groups.automotive, o: people.pledger.organisationId },
      { cookie: cookies.pledger },
    );
    expect([undefined, 'CONFLICT']).toContain(joined.errors?.[0]?.extensions?.code); // a member already, or now
    const inAutomotive = await draft(t, cookies.pledger, people.pledger.organisationId, {
      polymer: 'ABS',
      sector: 'AUTOMOTIVE',
      workingGroupSlug: 'automotive',
    });
    await ok(t, SUBMIT, { id: inAutomotive.id }, cookies.pledger);
    expect(dataOf(await elsewhere.take())).toEqual({
      reviewQueueChanged: { queue: 'PLEDGES', count: await count(cookies.elsewhere) },
    });
    expect(dataOf(await staff.take())).toEqual({
      reviewQueueChanged: { queue: 'PLEDGES', count: await count(cookies.staff) },
    });
    for (const live of [staff, chair, elsewhere]) live.close();
  });
});

describe('[LIVE] meetingScriptChanged', () => {
  it('sends the meeting, read again, to anyone once its script changed; NOT_FOUND for no meeting', async () => {
    const meetingId = await scheduled('Live script: rehearsal');
    const live = subscribeLive(url, SCRIPT_CHANGED, { variables: { id: meetingId } });
    await registered(live);
    const input = { title: 'Opening circle', durationMinutes: 30, method: 'CIRCLE' };
    await ok(t, ADD_ITEM, { m: meetingId, input }, cookies.chair);
    expect(dataOf(await live.take())).toEqual({
      meetingScriptChanged: { id: meetingId, status: 'SCHEDULED', agenda: [{ title: 'Opening circle' }] },
    });
    live.close();
    const none = subscribeLive(url, SCRIPT_CHANGED, { variables: { id: '0190a2b4-0000-7000-8000-000000000000' } });
    expect(codeOf(await none.take())).toBe('NOT_FOUND');
    none.close();
  });
});
