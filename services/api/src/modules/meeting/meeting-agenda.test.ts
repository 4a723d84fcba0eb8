import type { schema } from '@concord/db';
import { describe, expect, it } from 'vitest';
import { liveScript, overrunMinutes, timed } from './meeting-agenda.ts';

/** Now and next, computed from the meeting's start and the items' durations, at every kind of instant. */

const MINUTE = 60_000;

function script(startsAt: string, timeZone: string, minutes: number, durations: [string, number][]) {
  const start = new Date(startsAt);
  const meeting = { startsAt: start, endsAt: new Date(start.getTime() + minutes * MINUTE), timeZone };
  const created = new Date('2027-01-01T00:00:00Z');
  // Given out of order: the positions decide.
  const items: schema.MeetingAgendaItem[] = durations
    .map(([title, durationMinutes], position) => ({
      id: `item-${position}`,
      meetingId: 'meeting',
      position,
      title,
      durationMinutes,
      method: 'plenary' as const,
      hosts: null,
      question: null,
      materials: null,
      reviewsOpenCommitments: false,
      createdAt: created,
      updatedAt: created,
    }))
    .reverse();
  const at = (minutesFromStart: number) => new Date(start.getTime() + minutesFromStart * MINUTE);
  const live = (minutesFromStart: number) => {
    const { now, next, minutesLeft } = liveScript(meeting, items, at(minutesFromStart));
    return { now: now?.title ?? null, next: next?.title ?? null, minutesLeft };
  };
  return { meeting, items, at, live };
}

// 09:30 to 12:30 in Brussels (UTC+1 in March): 20 + 90 + 15 + 30 = 155 minutes of script in 180.
const CAFE = script('2027-03-12T08:30:00Z', 'Europe/Brussels', 180, [
  ['Welcome', 20],
  ['World Café', 90],
  ['Coffee', 15],
  ['Harvest', 30],
]);

describe(liveScript.name, () => {
  it('before the start: nothing now, the first item next', () => {
    expect(CAFE.live(-600)).toEqual({ now: null, next: 'Welcome', minutesLeft: null });
    expect(CAFE.live(-1)).toEqual({ now: null, next: 'Welcome', minutesLeft: null });
  });

  it('during each item: that item now, the one after it next, the whole minutes left', () => {
    expect(CAFE.live(0)).toEqual({ now: 'Welcome', next: 'World Café', minutesLeft: 20 });
    expect(CAFE.live(19.5)).toEqual({ now: 'Welcome', next: 'World Café', minutesLeft: 1 });
    expect(CAFE.live(30)).toEqual({ now: 'World Café', next: 'Coffee', minutesLeft: 80 });
    expect(CAFE.live(110)).toEqual({ now: 'Coffee', next: 'Harvest', minutesLeft: 15 });
    expect(CAFE.live(150)).toEqual({ now: 'Harvest', next: null, minutesLeft: 5 });
  });

  it('at each boundary the item starting is now, never both or neither', () => {
    for (const [minute, title] of [
      [20, 'World Café'],
      [110, 'Coffee'],
      [125, 'Harvest'],
    ] as const) {
      expect(CAFE.live(minute - 1 / 60).now).not.toBe(title);
      expect(CAFE.live(minute).now).toBe(title);
    }
  });

  it('between the script’s end and the meeting’s, and after the end: nothing now or next', () => {
    expect(CAFE.live(155)).toEqual({ now: null, next: null, minutesLeft: null });
    expect(CAFE.live(179)).toEqual({ now: null, next: null, minutesLeft: null });
    expect(CAFE.live(180)).toEqual({ now: null, next: null, minutesLeft: null });
    expect(CAFE.live(24 * 60)).toEqual({ now: null, next: null, minutesLeft: null });
  });

  it('an item that runs past the meeting’s end is still now until it ends', () => {
    const long = script('2027-03-12T08:30:00Z', 'Europe/Brussels', 60, [
      ['Open Space', 50],
      ['Closing circle', 30],
    ]);
    expect(overrunMinutes(long.meeting, long.items)).toBe(20);
    expect(long.live(55)).toEqual({ now: 'Closing circle', next: null, minutesLeft: 25 });
    expect(long.live(70)).toEqual({ now: 'Closing circle', next: null, minutesLeft: 10 });
    expect(long.live(80)).toEqual({ now: null, next: null, minutesLeft: null });
  });

  it('an empty script has nothing now or next', () => {
    const empty = script('2027-03-12T08:30:00Z', 'Europe/Brussels', 60, []);
    expect(empty.live(-5)).toEqual({ now: null, next: null, minutesLeft: null });
    expect(empty.live(5)).toEqual({ now: null, next: null, minutesLeft: null });
  });

  it('counts in instants: the same answers across the change to summer time and in any zone', () => {
    // 01:30 in Brussels on 28 March 2027, when the clocks jump from 02:00 to 03:00.
    const night = script('2027-03-28T00:30:00Z', 'Europe/Brussels', 120, [
      ['Before the jump', 60],
      ['After the jump', 60],
    ]);
    expect(timed(night.meeting, night.items).map((i) => i.localStartTime)).toEqual(['01:30', '03:30']);
    expect(night.live(59)).toEqual({ now: 'Before the jump', next: 'After the jump', minutesLeft: 1 });
    expect(night.live(60)).toEqual({ now: 'After the jump', next: null, minutesLeft: 60 });
    // The same script on another clock answers the same at the same instants; only the wall-clock times differ.
    const tokyo = script('2027-03-28T00:30:00Z', 'Asia/Tokyo', 120, [
      ['Before the jump', 60],
      ['After the jump', 60],
    ]);
    expect(timed(tokyo.meeting, tokyo.items).map((i) => i.localStartTime)).toEqual(['09:30', '10:30']);
    for (const minute of [-1, 0, 59, 60, 119, 120]) expect(tokyo.live(minute)).toEqual(night.live(minute));
  });
});
