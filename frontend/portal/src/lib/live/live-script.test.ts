import { describe, expect, test } from 'vitest';
import { nextLiveBoundary, tickLiveScript } from './live-script';

const item = (startsAt: string, endsAt: string) => ({ id: startsAt, startsAt, endsAt });
const meeting = {
  status: 'SCHEDULED',
  startsAt: '2026-03-10T09:00:00.000Z',
  endsAt: '2026-03-10T12:00:00.000Z',
};

describe('the live script between answers of the server', () => {
  const live = {
    at: '2026-03-10T09:20:00.000Z',
    minutesLeft: 25,
    now: item('2026-03-10T09:00:00.000Z', '2026-03-10T09:45:00.000Z'),
    next: item('2026-03-10T09:45:00.000Z', '2026-03-10T10:30:00.000Z'),
  };

  test('counts the minutes left down with the clock, as the server counts them, never below 0', () => {
    expect(tickLiveScript(live, Date.parse('2026-03-10T09:20:00.000Z')).minutesLeft).toBe(25);
    expect(tickLiveScript(live, Date.parse('2026-03-10T09:30:30.000Z'))).toMatchObject({
      at: '2026-03-10T09:30:30.000Z',
      minutesLeft: 15,
      now: live.now,
      next: live.next,
    });
    expect(tickLiveScript(live, Date.parse('2026-03-10T09:46:00.000Z')).minutesLeft).toBe(0);
    expect(tickLiveScript({ ...live, now: null, minutesLeft: null }, Date.now()).minutesLeft).toBeNull();
  });

  test('asks again when the item running ends, when the meeting starts, and not once it is over or cancelled', () => {
    expect(nextLiveBoundary({ ...meeting, liveScript: live })).toBe(Date.parse('2026-03-10T09:45:00.000Z'));
    const before = { at: '2026-03-10T08:00:00.000Z', minutesLeft: null, now: null, next: live.now };
    expect(nextLiveBoundary({ ...meeting, liveScript: before })).toBe(Date.parse('2026-03-10T09:00:00.000Z'));
    const after = { at: '2026-03-10T12:30:00.000Z', minutesLeft: null, now: null, next: null };
    expect(nextLiveBoundary({ ...meeting, liveScript: after })).toBeNull();
    expect(nextLiveBoundary({ ...meeting, status: 'CANCELLED', liveScript: live })).toBeNull();
  });
});
