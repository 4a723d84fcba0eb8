import { describe, expect, it } from 'vitest';
import { isStepDue, reminderSchedule } from './reporting-schedule.ts';

const campaign = { deadline: '2026-03-31', reminderDays: [7, 30, 1, 7], overdueNoticeDays: 3 };

describe('reminderSchedule', () => {
  it('schedules each reminder day once, largest first, then the overdue notice, at 08:00 UTC', () => {
    const steps = reminderSchedule(campaign, new Date('2026-01-01T00:00:00Z'));
    expect(steps.map((s) => [s.step, s.daysBefore, s.startAfter.toISOString()])).toEqual([
      ['before_deadline', 30, '2026-03-01T08:00:00.000Z'],
      ['before_deadline', 7, '2026-03-24T08:00:00.000Z'],
      ['before_deadline', 1, '2026-03-30T08:00:00.000Z'],
      ['after_deadline', 0, '2026-04-03T08:00:00.000Z'],
    ]);
  });

  it('leaves out the steps whose time has passed', () => {
    const steps = reminderSchedule(campaign, new Date('2026-03-24T08:00:00Z'));
    expect(steps.map((s) => s.sendOn)).toEqual(['2026-03-30', '2026-04-03']);
    expect(reminderSchedule(campaign, new Date('2026-03-24T07:59:59Z'))).toHaveLength(3);
    expect(reminderSchedule(campaign, new Date('2026-04-03T08:00:00Z'))).toEqual([]);
  });

  it('crosses month and leap-year boundaries on the calendar', () => {
    const steps = reminderSchedule(
      { deadline: '2028-03-01', reminderDays: [1, 365], overdueNoticeDays: 1 },
      new Date('2020-01-01'),
    );
    expect(steps.map((s) => s.sendOn)).toEqual(['2027-03-02', '2028-02-29', '2028-03-02']);
  });
});

describe('isStepDue', () => {
  it('reminds up to the deadline day and sends the notice only after it', () => {
    expect(isStepDue('before_deadline', '2026-03-31', '2026-03-31')).toBe(true);
    expect(isStepDue('before_deadline', '2026-03-31', '2026-04-01')).toBe(false);
    expect(isStepDue('after_deadline', '2026-03-31', '2026-03-31')).toBe(false);
    expect(isStepDue('after_deadline', '2026-03-31', '2026-04-01')).toBe(true);
  });
});
