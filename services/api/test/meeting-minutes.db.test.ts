import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inDays } from './commitment-fixtures.ts';
import {
  type MeetingView,
  type MeetingWorld,
  meetingInput,
  meetingTestApp,
  SCHEDULE,
  SECRETARIAT,
  SLUG,
} from './meeting-fixtures.ts';

/** Minutes with decisions: the hosts' draft, published by the chair, then public and final. */

const MINUTES = 'text publishedAt decisions { id position text }';
const SAVE = `mutation($m: ID!, $input: MeetingMinutesInput!) { saveMeetingMinutes(meetingId: $m, input: $input) { ${MINUTES} } }`;
const PUBLISH = `mutation($m: ID!) { publishMeetingMinutes(meetingId: $m) { ${MINUTES} } }`;
const READ = `query($id: ID!) { meeting(id: $id) { minutes { ${MINUTES} } } }`;

interface Minutes {
  text: string;
  publishedAt: string | null;
  decisions: { id: string; position: number; text: string }[];
}

let w: MeetingWorld;
let chair = '';
let meetingId = '';
beforeAll(async () => {
  w = await meetingTestApp();
  chair = await w.signIn(w.chair.email);
  const res = await w.t.graphql<{ scheduleMeeting: MeetingView }>(
    SCHEDULE,
    { slug: SLUG, group: w.group.id, input: meetingInput() },
    { cookie: chair },
  );
  meetingId = res.data?.scheduleMeeting.id ?? '';
}, 120_000);
afterAll(() => w?.t.close());

const text = '# Minutes\n\nWe agreed on **two** things. <script>alert(1)</script> stays text.\n\n- one\n- two';

describe('[MEETINGS] minutes and decisions', () => {
  it('a draft only the hosts see, published by the chair, then public and final', async () => {
    const saved = await w.t.graphql<{ saveMeetingMinutes: Minutes }>(
      SAVE,
      {
        m: meetingId,
        input: {
          text,
          decisions: ['Draft a design-for-recycling guide for PET trays.', 'Map sorting capacity by country.'],
        },
      },
      { cookie: chair },
    );
    expect(saved.errors).toBeUndefined();
    expect(saved.data?.saveMeetingMinutes).toMatchObject({ text, publishedAt: null });
    expect(saved.data?.saveMeetingMinutes.decisions.map((d) => d.position)).toEqual([0, 1]);

    const member = await w.signIn(w.members[0]?.email ?? '');
    const hidden = await w.t.graphql<{ meeting: { minutes: Minutes | null } }>(
      READ,
      { id: meetingId },
      { cookie: member },
    );
    expect(hidden.data?.meeting.minutes).toBeNull();
    const refused = await w.t.graphql(PUBLISH, { m: meetingId }, { cookie: member });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const staff = await w.signIn(SECRETARIAT);
    const staffSees = await w.t.graphql<{ meeting: { minutes: Minutes } }>(READ, { id: meetingId }, { cookie: staff });
    expect(staffSees.data?.meeting.minutes.decisions).toHaveLength(2);

    const published = await w.t.graphql<{ publishMeetingMinutes: Minutes }>(
      PUBLISH,
      { m: meetingId },
      { cookie: chair },
    );
    expect(published.data?.publishMeetingMinutes.publishedAt).toEqual(expect.any(String));
    const pub = await w.t.graphql<{ meeting: { minutes: Minutes } }>(READ, { id: meetingId });
    expect(pub.data?.meeting.minutes).toMatchObject({ text, decisions: [{ position: 0 }, { position: 1 }] });

    const late = await w.t.graphql(
      SAVE,
      { m: meetingId, input: { text: 'Rewritten.', decisions: [] } },
      { cookie: chair },
    );
    expect(late.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const again = await w.t.graphql(PUBLISH, { m: meetingId }, { cookie: chair });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('refuses empty minutes and empty decisions by field', async () => {
    const res = await w.t.graphql<{ scheduleMeeting: MeetingView }>(
      SCHEDULE,
      { slug: SLUG, group: w.group.id, input: meetingInput({ title: 'Second' }) },
      { cookie: chair },
    );
    const m = res.data?.scheduleMeeting.id;
    const empty = await w.t.graphql(SAVE, { m, input: { text: ' ', decisions: [] } }, { cookie: chair });
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.text' });
    const blank = await w.t.graphql(SAVE, { m, input: { text: 'Notes.', decisions: ['One', ''] } }, { cookie: chair });
    expect(blank.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.decisions[1]' });
    const none = await w.t.graphql(PUBLISH, { m }, { cookie: chair });
    expect(none.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('records a commitment from a published decision of the group, and refuses any other decision by field', async () => {
    const staff = await w.signIn(SECRETARIAT);
    const CREATE = `mutation($slug: String!, $group: String, $input: CommitmentInput!, $d: ID) {
      createCommitment(allianceSlug: $slug, workingGroupSlug: $group, input: $input, note: "From the minutes.",
        decisionId: $d) { id decision { id position meeting { id } } } }`;
    const scheduled = await w.t.graphql<{ scheduleMeeting: MeetingView }>(
      SCHEDULE,
      { slug: SLUG, group: w.group.id, input: meetingInput({ title: 'Third' }) },
      { cookie: chair },
    );
    const m = scheduled.data?.scheduleMeeting.id;
    const draft = await w.t.graphql<{ saveMeetingMinutes: Minutes }>(
      SAVE,
      { m, input: { text: 'Notes.', decisions: ['Map the sorting plants.'] } },
      { cookie: chair },
    );
    const draftDecision = draft.data?.saveMeetingMinutes.decisions[0]?.id;
    const taskholder = w.members[0]?.organisationId;
    const input = { title: 'Map the sorting plants', taskholderOrganisationId: taskholder, deadline: inDays(60) };
    const count = async () =>
      Number((await w.t.database.rows<{ n: number }>(sql`select count(*)::int as n from commitment`))[0]?.n);
    const before = await count();
    // A draft's decisions are replaced whole until publication: nothing may point at one.
    const fromDraft = await w.t.graphql(
      CREATE,
      { slug: SLUG, group: w.group.slug, input, d: draftDecision },
      { cookie: chair },
    );
    expect(fromDraft.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'decisionId' });
    const unknown = await w.t.graphql(CREATE, { slug: SLUG, group: w.group.slug, input, d: 'nope' }, { cookie: chair });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'decisionId' });

    await w.t.graphql(PUBLISH, { m }, { cookie: chair });
    // The alliance's own commitment (no group) cannot come from a group's decision.
    const otherGroup = await w.t.graphql(
      CREATE,
      { slug: SLUG, group: null, input, d: draftDecision },
      { cookie: staff },
    );
    expect(otherGroup.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'decisionId' });
    expect(await count()).toBe(before);

    const created = await w.t.graphql<{
      createCommitment: { id: string; decision: { id: string; meeting: { id: string } } };
    }>(CREATE, { slug: SLUG, group: w.group.slug, input, d: draftDecision }, { cookie: chair });
    expect(created.errors).toBeUndefined();
    expect(created.data?.createCommitment.decision).toMatchObject({ id: draftDecision, meeting: { id: m } });
    const read = await w.t.graphql<{ meeting: { minutes: { decisions: { commitments: { id: string }[] }[] } } }>(
      `query($id: ID!) { meeting(id: $id) { minutes { decisions { commitments { id } } } } }`,
      { id: m },
    );
    expect(read.data?.meeting.minutes.decisions[0]?.commitments.map((c) => c.id)).toEqual([
      created.data?.createCommitment.id,
    ]);
  });
});
