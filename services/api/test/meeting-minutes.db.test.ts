import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
