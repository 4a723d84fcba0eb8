import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type MeetingView,
  type MeetingWorld,
  meetingInput,
  meetingTestApp,
  SCHEDULE,
  SLUG,
} from './meeting-fixtures.ts';

/** A meeting's script: contiguous items through inserts, moves and removals; overruns flagged; now and next. */

const ITEM =
  'id position title startOffsetMinutes durationMinutes localStartTime startsAt endsAt method hosts question';
const SCRIPT = `agenda { ${ITEM} } agendaOverrunMinutes`;
const ADD = `mutation($m: ID!, $p: Int, $input: AgendaItemInput!) { addAgendaItem(meetingId: $m, position: $p, input: $input) { ${SCRIPT} } }`;
const CHANGE = `mutation($id: ID!, $input: AgendaItemInput!) { updateAgendaItem(id: $id, input: $input) { ${SCRIPT} } }`;
const MOVE = `mutation($id: ID!, $p: Int!) { moveAgendaItem(id: $id, position: $p) { ${SCRIPT} } }`;
const REMOVE = `mutation($id: ID!) { removeAgendaItem(id: $id) { ${SCRIPT} } }`;
const LIVE = `query($id: ID!, $at: DateTime) { meeting(id: $id) { liveScript(at: $at) { at minutesLeft now { title } next { title } } } }`;

interface Item {
  id: string;
  position: number;
  title: string;
  startOffsetMinutes: number;
  durationMinutes: number;
  localStartTime: string;
  method: string;
}
interface Script {
  agenda: Item[];
  agendaOverrunMinutes: number;
}

let w: MeetingWorld;
let chair = '';
let meetingId = '';
beforeAll(async () => {
  w = await meetingTestApp();
  chair = await w.signIn(w.chair.email);
  // 09:30 to 12:30 in Brussels: 180 minutes.
  const res = await w.t.graphql<{ scheduleMeeting: MeetingView }>(
    SCHEDULE,
    { slug: SLUG, group: w.group.id, input: meetingInput({ end: '2027-03-12T12:30' }) },
    { cookie: chair },
  );
  meetingId = res.data?.scheduleMeeting.id ?? '';
}, 120_000);
afterAll(() => w?.t.close());

const item = (title: string, durationMinutes: number, method = 'PLENARY', extra: Record<string, unknown> = {}) => ({
  title,
  durationMinutes,
  method,
  ...extra,
});

async function call<K extends string>(query: string, variables: Record<string, unknown>, key: K, cookie = chair) {
  const res = await w.t.graphql<Record<K, Script>>(query, variables, { cookie });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data?.[key] as Script;
}

/** Every item starts where the one before ends, from 0, in positions 0, 1, 2… */
function expectContiguous(script: Script) {
  let offset = 0;
  script.agenda.forEach((i, position) => {
    expect(i.position).toBe(position);
    expect(i.startOffsetMinutes).toBe(offset);
    offset += i.durationMinutes;
  });
}

describe('the script', () => {
  it('stays contiguous through additions, an insertion, a change, a move and a removal', async () => {
    await call(ADD, { m: meetingId, input: item('Welcome and the question', 20, 'CIRCLE') }, 'addAgendaItem');
    await call(ADD, { m: meetingId, input: item('World Café: three rounds', 75, 'WORLD_CAFE') }, 'addAgendaItem');
    let script = await call(ADD, { m: meetingId, input: item('Harvest', 30) }, 'addAgendaItem');
    expect(script.agenda.map((i) => i.localStartTime)).toEqual(['09:30', '09:50', '11:05']);
    // A break inserted before the harvest.
    script = await call(ADD, { m: meetingId, p: 2, input: item('Coffee', 15, 'BREAK') }, 'addAgendaItem');
    expect(script.agenda.map((i) => i.title)).toEqual([
      'Welcome and the question',
      'World Café: three rounds',
      'Coffee',
      'Harvest',
    ]);
    expectContiguous(script);
    const cafe = script.agenda[1] as Item;
    script = await call(
      CHANGE,
      {
        id: cafe.id,
        input: item(cafe.title, 90, 'WORLD_CAFE', {
          hosts: 'Ana and Jules',
          question: 'What stops design for recycling?',
        }),
      },
      'updateAgendaItem',
    );
    expect(script.agenda.map((i) => i.localStartTime)).toEqual(['09:30', '09:50', '11:20', '11:35']);
    script = await call(MOVE, { id: (script.agenda[0] as Item).id, p: 3 }, 'moveAgendaItem');
    expect(script.agenda.map((i) => i.title)).toEqual([
      'World Café: three rounds',
      'Coffee',
      'Harvest',
      'Welcome and the question',
    ]);
    expectContiguous(script);
    script = await call(MOVE, { id: (script.agenda[3] as Item).id, p: 0 }, 'moveAgendaItem');
    script = await call(REMOVE, { id: (script.agenda[2] as Item).id }, 'removeAgendaItem');
    expect(script.agenda.map((i) => i.title)).toEqual([
      'Welcome and the question',
      'World Café: three rounds',
      'Harvest',
    ]);
    expectContiguous(script);
    expect(script.agendaOverrunMinutes).toBe(0);
  });

  it('flags a script that runs past the meeting’s end, by how much', async () => {
    const script = await call(
      ADD,
      { m: meetingId, input: item('Open Space marketplace', 60, 'OPEN_SPACE') },
      'addAgendaItem',
    );
    // 20 + 90 + 30 + 60 = 200 minutes in a meeting of 180.
    expect(script.agendaOverrunMinutes).toBe(20);
    expectContiguous(script);
  });

  it('shows what runs now and next', async () => {
    const live = async (at: string) =>
      (
        await w.t.graphql<{
          meeting: {
            liveScript: { now: { title: string } | null; next: { title: string } | null; minutesLeft: number | null };
          };
        }>(LIVE, { id: meetingId, at })
      ).data?.meeting.liveScript;
    expect(await live('2027-03-12T08:00:00Z')).toMatchObject({
      now: null,
      next: { title: 'Welcome and the question' },
    });
    // 10:00 in Brussels: 10 minutes into the café, 80 left.
    expect(await live('2027-03-12T09:00:00Z')).toMatchObject({
      now: { title: 'World Café: three rounds' },
      next: { title: 'Harvest' },
      minutesLeft: 80,
    });
    expect(await live('2027-03-12T20:00:00Z')).toMatchObject({ now: null, next: null, minutesLeft: null });
  });

  it('refuses a member who does not chair, places out of range and wrong durations, by field', async () => {
    const member = await w.signIn(w.members[0]?.email ?? '');
    const refused = await w.t.graphql(ADD, { m: meetingId, input: item('Mine', 10) }, { cookie: member });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const cases: [string, Record<string, unknown>, string][] = [
      [ADD, { m: meetingId, p: 99, input: item('Far', 10) }, 'position'],
      [ADD, { m: meetingId, p: -1, input: item('Before', 10) }, 'position'],
      [ADD, { m: meetingId, input: item('Zero', 0) }, 'input.durationMinutes'],
      [ADD, { m: meetingId, input: item('Day and a half', 2000) }, 'input.durationMinutes'],
      [ADD, { m: meetingId, input: item('', 10) }, 'input.title'],
    ];
    for (const [query, variables, field] of cases) {
      const res = await w.t.graphql(query, variables, { cookie: chair });
      expect(res.errors?.[0]?.extensions, JSON.stringify(variables)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const script = await w.t.graphql<{ meeting: Script }>(`query($id: ID!) { meeting(id: $id) { ${SCRIPT} } }`, {
      id: meetingId,
    });
    expect(script.data?.meeting.agenda).toHaveLength(4);
    const gone = await w.t.graphql(REMOVE, { id: '018f0000-0000-7000-8000-000000000000' }, { cookie: chair });
    expect(gone.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
