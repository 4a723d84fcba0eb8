import { addDays, reminderInstant } from './reporting-dates.ts';

export type ReminderStepKind = 'before_deadline' | 'after_deadline';

/** One step of a campaign's reminder schedule, as a job carries it. */
export interface ReminderStep {
  step: ReminderStepKind;
  /** Days before the deadline; 0 for the notice after it (as `campaign_reminder.days_before` stores it). */
  daysBefore: number;
  /** The calendar date it goes out on. */
  sendOn: string;
  /** 08:00 UTC of `sendOn`: the job's startAfter. */
  startAfter: Date;
}

/**
 * The reminders a campaign sends: one on each reminder day before the deadline, then the notice
 * `overdueNoticeDays` after it. Steps whose time has already passed are left out: opening a campaign
 * late must not fire a burst of stale reminders at once.
 */
export function reminderSchedule(
  campaign: { deadline: string; reminderDays: readonly number[]; overdueNoticeDays: number },
  now: Date,
): ReminderStep[] {
  const before = [...new Set(campaign.reminderDays)]
    .sort((a, b) => b - a)
    .map((days): ReminderStep => {
      const sendOn = addDays(campaign.deadline, -days);
      return { step: 'before_deadline', daysBefore: days, sendOn, startAfter: reminderInstant(sendOn) };
    });
  const noticeOn = addDays(campaign.deadline, campaign.overdueNoticeDays);
  const after: ReminderStep = {
    step: 'after_deadline',
    daysBefore: 0,
    sendOn: noticeOn,
    startAfter: reminderInstant(noticeOn),
  };
  return [...before, after].filter((s) => s.startAfter.getTime() > now.getTime());
}

/** Whether a step still makes sense at `today`: a reminder after the deadline, or a notice before it, does not. */
export function isStepDue(step: ReminderStepKind, deadline: string, today: string): boolean {
  return step === 'before_deadline' ? today <= deadline : today > deadline;
}

/**
 * Whether a step is still in the campaign's schedule: a reminder day the secretariat removed is not, and neither is an
 * overdue notice whose day has moved later (the job of the new day sends it). A notice moved earlier goes out on its
 * new day, and its old job then finds it sent (`campaign_reminder` keeps one per deadline).
 */
export function isStepScheduled(
  step: ReminderStepKind,
  daysBefore: number,
  campaign: { deadline: string; reminderDays: readonly number[]; overdueNoticeDays: number },
  today: string,
): boolean {
  return step === 'before_deadline'
    ? campaign.reminderDays.includes(daysBefore)
    : today >= addDays(campaign.deadline, campaign.overdueNoticeDays);
}
