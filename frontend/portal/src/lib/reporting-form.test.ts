import { describe, expect, it } from 'vitest';
import {
  addDays,
  currentCampaign,
  isIsoDate,
  parseReminderDays,
  reportedPercent,
  suggestCampaign,
} from './reporting-form';

describe('isIsoDate', () => {
  it('takes real calendar dates only', () => {
    expect(isIsoDate('2026-02-01')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-04-31')).toBe(false);
    expect(isIsoDate('01/02/2026')).toBe(false);
    expect(isIsoDate('')).toBe(false);
  });
});

describe('addDays', () => {
  it('counts across months and years in UTC', () => {
    expect(addDays('2026-11-26', 56)).toBe('2027-01-21');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  });
});

describe('parseReminderDays', () => {
  it('reads days however they are separated, largest first, once each', () => {
    expect(parseReminderDays('30, 7, 1')).toEqual([30, 7, 1]);
    expect(parseReminderDays('1 7 30 7')).toEqual([30, 7, 1]);
    expect(parseReminderDays('14;3')).toEqual([14, 3]);
  });
  it('leaves an empty field to the API default', () => {
    expect(parseReminderDays('  ')).toBeUndefined();
  });
  it('refuses what is not 1 to 365 whole days', () => {
    expect(parseReminderDays('30, seven')).toBeNull();
    expect(parseReminderDays('0')).toBeNull();
    expect(parseReminderDays('366')).toBeNull();
    expect(parseReminderDays('1.5')).toBeNull();
    expect(parseReminderDays('-3')).toBeNull();
  });
});

describe('suggestCampaign', () => {
  it('offers the year after the latest campaign, opening today, eight weeks to report', () => {
    expect(suggestCampaign([{ year: 2023 }, { year: 2024 }], '2026-11-26')).toEqual({
      year: 2025,
      opensOn: '2026-11-26',
      deadline: '2027-01-21',
      reminderDays: '30, 7, 1',
    });
  });
  it('offers last year for a first campaign', () => {
    expect(suggestCampaign([], '2026-11-26').year).toBe(2025);
  });
});

describe('currentCampaign', () => {
  const c = (year: number, isOpen: boolean) => ({ year, isOpen });
  it('prefers the open campaign, the latest of several', () => {
    expect(currentCampaign([c(2025, false), c(2023, true), c(2024, true)])).toEqual(c(2024, true));
  });
  it('falls back to the latest, and to nothing', () => {
    expect(currentCampaign([c(2023, false), c(2024, false)])).toEqual(c(2024, false));
    expect(currentCampaign([])).toBeNull();
  });
});

describe('reportedPercent', () => {
  it('is a share between 0 and 100', () => {
    expect(reportedPercent(110, 113)).toBeCloseTo(97.35, 2);
    expect(reportedPercent(0, 0)).toBe(100);
    expect(reportedPercent(5, 4)).toBe(100);
  });
});
