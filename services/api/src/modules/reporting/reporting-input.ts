import { parseTonnes as parseTonnesValue } from '@concord/schema/values';
import { badInput } from '../../errors.ts';
import { optionalText, requiredText } from '../../lib/validate.ts';

export const DEFAULT_REMINDER_DAYS = [30, 7, 1] as const;
export const DEFAULT_OVERDUE_NOTICE_DAYS = 1;
/** More reminders than this is nagging, not reminding. */
export const MAX_REMINDERS = 10;
export const REPORT_TEXT_MAX = 200;
export const MESSAGE_MAX = 2000;

export interface CampaignInput {
  year: number;
  opensOn: string;
  deadline: string;
  reminderDays?: readonly number[] | null | undefined;
  overdueNoticeDays?: number | null | undefined;
}

export interface ParsedCampaign {
  year: number;
  opensOn: string;
  deadline: string;
  /** Deduplicated, largest first. */
  reminderDays: number[];
  overdueNoticeDays: number;
}

const isDayCount = (n: number) => Number.isInteger(n) && n >= 1 && n <= 365;

/**
 * A campaign asks for the figures of a year that has begun: it opens in that year or the next, and its deadline
 * falls after the year is over, within the year after it. Anything else cannot be meant (a campaign for 2099
 * opening in 2020 with a deadline a month later): refused, naming the field, before anything is written.
 */
export function parseCampaignInput(input: CampaignInput, today: string): ParsedCampaign {
  const thisYear = Number(today.slice(0, 4));
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > thisYear) {
    throw badInput(
      'input.year',
      `The year must be between 2000 and ${thisYear}: a campaign asks about a year that has begun.`,
    );
  }
  const { year } = input;
  checkOpensOn(year, input.opensOn, 'input.opensOn');
  if (input.deadline < input.opensOn) {
    throw badInput('input.deadline', 'The deadline cannot be before the opening date.');
  }
  if (input.deadline < `${year + 1}-01-01` || input.deadline > `${year + 2}-12-31`) {
    throw badInput(
      'input.deadline',
      `The deadline for ${year} falls once the year is over, in ${year + 1} or ${year + 2}.`,
    );
  }
  const reminderDays = parseReminderDays(input.reminderDays ?? DEFAULT_REMINDER_DAYS, 'input.reminderDays');
  const overdueNoticeDays = parseOverdueNoticeDays(
    input.overdueNoticeDays ?? DEFAULT_OVERDUE_NOTICE_DAYS,
    'input.overdueNoticeDays',
  );
  return { year: input.year, opensOn: input.opensOn, deadline: input.deadline, reminderDays, overdueNoticeDays };
}

/** A campaign for `year` opens in that year or the next (when opened, and when its opening date moves). */
export function checkOpensOn(year: number, opensOn: string, field: string): void {
  if (opensOn < `${year}-01-01` || opensOn > `${year + 1}-12-31`) {
    throw badInput(field, `A campaign for ${year} opens in ${year} or ${year + 1}.`);
  }
}

/** Reminder days: each 1 to 365, at most MAX_REMINDERS once deduplicated; answered largest first. */
export function parseReminderDays(days: readonly number[], field: string): number[] {
  if (!days.every(isDayCount)) {
    throw badInput(field, 'Each reminder day must be a whole number of days from 1 to 365.');
  }
  const reminderDays = [...new Set(days)].sort((a, b) => b - a);
  if (reminderDays.length > MAX_REMINDERS) throw badInput(field, `At most ${MAX_REMINDERS} reminder days.`);
  return reminderDays;
}

/** The overdue notice goes out 1 to 365 days after the deadline. */
export function parseOverdueNoticeDays(days: number, field: string): number {
  if (!isDayCount(days)) throw badInput(field, 'The overdue notice goes out 1 to 365 days after the deadline.');
  return days;
}

/** Tonnes as reported: zero or more, to the kilogram, at most 50 Mt; answered in canonical form (`12.500`). */
export function parseTonnes(value: string, field: string): string {
  const parsed = parseTonnesValue(value, { isZeroAllowed: true });
  if (!parsed.ok) throw badInput(field, parsed.message);
  return parsed.tonnes;
}

export interface ReportInput {
  pledgeId: string;
  year: number;
  tonnesAchieved: string;
  evidenceScheme?: string | null | undefined;
  certificateNumber?: string | null | undefined;
  auditor?: string | null | undefined;
}

export interface ParsedReport {
  pledgeId: string;
  year: number;
  tonnesAchieved: string;
  evidenceScheme: string | null;
  certificateNumber: string | null;
  auditor: string | null;
}

export function parseReportInput(input: ReportInput): ParsedReport {
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) {
    throw badInput('input.year', 'The year must be between 2000 and 2100.');
  }
  return {
    pledgeId: input.pledgeId,
    year: input.year,
    tonnesAchieved: parseTonnes(input.tonnesAchieved, 'input.tonnesAchieved'),
    evidenceScheme: optionalText(input.evidenceScheme, 'input.evidenceScheme', { max: REPORT_TEXT_MAX }),
    certificateNumber: optionalText(input.certificateNumber, 'input.certificateNumber', { max: REPORT_TEXT_MAX }),
    auditor: optionalText(input.auditor, 'input.auditor', { max: REPORT_TEXT_MAX }),
  };
}

/** A question, an answer or a reason: 1 to 2000 characters. */
export const parseMessage = (value: string, field: string) =>
  requiredText(value, field, { max: MESSAGE_MAX, isMultiline: true });
