import { describe, expect, it } from 'vitest';
import { canonicalTimeZone, instantOf, offsetAt, wallClock } from './time-zone.ts';

describe('time zones', () => {
  it('takes IANA names in their canonical spelling and refuses the rest', () => {
    expect(canonicalTimeZone('Europe/Brussels')).toBe('Europe/Brussels');
    expect(canonicalTimeZone('europe/brussels')).toBe('Europe/Brussels');
    // ICU's canonical name may be the older alias (America/Buenos_Aires): a zone all the same.
    expect(canonicalTimeZone('America/Argentina/Buenos_Aires')).toMatch(/Buenos_Aires$/);
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    for (const bad of ['Mars/Olympus_Mons', '+01:00', 'CET1', '', 'Europe/Brussels\u0000', 'x'.repeat(100), '../etc']) {
      expect(canonicalTimeZone(bad), bad).toBeNull();
    }
  });

  it('turns a wall-clock time into the instant, on both sides of summer time', () => {
    expect(instantOf('2019-03-12T09:30', 'Europe/Brussels')).toEqual({
      ok: true,
      instant: new Date('2019-03-12T08:30:00Z'),
    });
    expect(instantOf('2019-07-01T09:30', 'Europe/Brussels')).toEqual({
      ok: true,
      instant: new Date('2019-07-01T07:30:00Z'),
    });
    expect(instantOf('2019-07-01T09:30', 'Asia/Kolkata')).toEqual({
      ok: true,
      instant: new Date('2019-07-01T04:00:00Z'),
    });
    expect(offsetAt(new Date('2019-07-01T00:00:00Z'), 'Europe/Brussels')).toBe(7_200_000);
  });

  it('refuses the hour the clocks skip, takes the first of the hour that repeats, and refuses non-dates', () => {
    expect(instantOf('2019-03-31T02:30', 'Europe/Brussels')).toMatchObject({ ok: false, problem: 'skipped' });
    expect(instantOf('2019-10-27T02:30', 'Europe/Brussels')).toEqual({
      ok: true,
      instant: new Date('2019-10-27T00:30:00Z'),
    });
    expect(instantOf('2019-02-30T10:00', 'Europe/Brussels')).toMatchObject({ ok: false, problem: 'not_a_date' });
    expect(instantOf('2019-02-01T24:00', 'Europe/Brussels')).toMatchObject({ ok: false, problem: 'not_a_date' });
    expect(instantOf('tomorrow', 'Europe/Brussels')).toMatchObject({ ok: false, problem: 'shape' });
  });

  it('writes an instant as the wall clock of a zone', () => {
    expect(wallClock(new Date('2019-03-12T08:30:00Z'), 'Europe/Brussels')).toBe('2019-03-12T09:30');
    expect(wallClock(new Date('2019-03-12T08:30:00Z'), 'America/New_York')).toBe('2019-03-12T04:30');
  });
});
