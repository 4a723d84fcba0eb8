import { describe, expect, it } from 'vitest';
import { DomainError } from '../../errors.ts';
import { parseCampaignInput, parseReportInput, parseTonnes } from './reporting-input.ts';

const fieldOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError && error.code === 'BAD_USER_INPUT') return error.field;
    throw error;
  }
  return undefined;
};

describe('parseCampaignInput', () => {
  const input = { year: 2025, opensOn: '2026-02-01', deadline: '2026-03-31' };
  const TODAY = '2026-12-03';

  it('fills the defaults and orders the reminder days', () => {
    expect(parseCampaignInput(input, TODAY)).toEqual({ ...input, reminderDays: [30, 7, 1], overdueNoticeDays: 1 });
    expect(parseCampaignInput({ ...input, reminderDays: [1, 14, 1, 7], overdueNoticeDays: 5 }, TODAY)).toMatchObject({
      reminderDays: [14, 7, 1],
      overdueNoticeDays: 5,
    });
    expect(parseCampaignInput({ ...input, reminderDays: [] }, TODAY).reminderDays).toEqual([]);
    expect(parseCampaignInput({ ...input, deadline: input.opensOn }, TODAY).deadline).toBe(input.opensOn);
    // The year that has begun may be asked about, with a deadline once it is over.
    expect(parseCampaignInput({ year: 2026, opensOn: TODAY, deadline: '2027-01-28' }, TODAY).year).toBe(2026);
  });

  it.each([
    [{ year: 1999 }, 'input.year'],
    [{ deadline: '2026-01-31' }, 'input.deadline'],
    [{ reminderDays: [0] }, 'input.reminderDays'],
    [{ reminderDays: [366] }, 'input.reminderDays'],
    [{ reminderDays: [1.5] }, 'input.reminderDays'],
    [{ reminderDays: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] }, 'input.reminderDays'],
    [{ overdueNoticeDays: 0 }, 'input.overdueNoticeDays'],
    [{ overdueNoticeDays: 400 }, 'input.overdueNoticeDays'],
    // Issue 9: what cannot be meant.
    [{ year: 2099, opensOn: '2020-01-01', deadline: '2020-02-01' }, 'input.year'],
    [{ year: 2027, opensOn: '2028-02-01', deadline: '2028-03-31' }, 'input.year'],
    [{ opensOn: '2020-01-01', deadline: '2020-02-01' }, 'input.opensOn'],
    [{ opensOn: '2027-01-01', deadline: '2027-03-31' }, 'input.opensOn'],
    [{ opensOn: '2025-06-01', deadline: '2025-12-31' }, 'input.deadline'],
    [{ deadline: '2099-12-31' }, 'input.deadline'],
  ])('refuses %j, naming %s', (change, field) => {
    expect(fieldOf(() => parseCampaignInput({ ...input, ...change }, TODAY))).toBe(field);
  });
});

describe('parseTonnes', () => {
  it.each([
    ['0', '0.000'],
    ['0.001', '0.001'],
    ['1250.5', '1250.500'],
    ['50000000', '50000000.000'],
    ['50000000.000', '50000000.000'],
    [' 12.340 ', '12.340'],
  ])('accepts %j as %s', (value, canonical) => {
    expect(parseTonnes(value, 'x')).toBe(canonical);
  });

  it.each(['-1', '-0.001', '1.2345', '50000000.001', '1e3', '', 'abc', '1,5'])('refuses %s', (value) => {
    expect(fieldOf(() => parseTonnes(value, 'input.tonnesAchieved'))).toBe('input.tonnesAchieved');
  });
});

describe('parseReportInput', () => {
  const input = { pledgeId: 'p', year: 2024, tonnesAchieved: '10' };

  it('trims texts and drops empty ones', () => {
    expect(parseReportInput({ ...input, auditor: '  Veritrace  ', evidenceScheme: ' ' })).toMatchObject({
      auditor: 'Veritrace',
      evidenceScheme: null,
      certificateNumber: null,
    });
  });

  it.each([
    ['evidenceScheme', 'input.evidenceScheme'],
    ['certificateNumber', 'input.certificateNumber'],
    ['auditor', 'input.auditor'],
  ])('refuses a %s over 200 characters', (key, field) => {
    expect(fieldOf(() => parseReportInput({ ...input, [key]: 'x'.repeat(201) }))).toBe(field);
    expect(fieldOf(() => parseReportInput({ ...input, [key]: 'x'.repeat(200) }))).toBeUndefined();
  });
});
