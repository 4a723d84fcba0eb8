import { badInput } from '../../errors.ts';
import { optionalText, requiredText } from '../../lib/validate.ts';
import { tonnesToKg } from '../progress/decimal.ts';

export const DEFAULT_REMINDER_DAYS = [30, 7, 1] as const;
export const DEFAULT_OVERDUE_NOTICE_DAYS = 1;
/** More reminders than this is nagging, not reminding. */
export const MAX_REMINDERS = 10;
/** The same ceiling as a pledge: 50 Mt a year is five times the CPA's whole target. */
export const REPORT_MAX_TONNES = 50_000_000;
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

export function parseCampaignInput(input: CampaignInput): ParsedCampaign {
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) {
    throw badInput('input.year', 'The year must be between 2000 and 2100.');
  }
  if (input.deadline < input.opensOn) {
    throw badInput('input.deadline', 'The deadline cannot be before the opening date.');
  }
  const days = input.reminderDays ?? DEFAULT_REMINDER_DAYS;
  if (!days.every(isDayCount)) {
    throw badInput('input.reminderDays', 'Each reminder day must be a whole number of days from 1 to 365.');
  }
  const reminderDays = [...new Set(days)].sort((a, b) => b - a);
  if (reminderDays.length > MAX_REMINDERS) {
    throw badInput('input.reminderDays', `At most ${MAX_REMINDERS} reminder days.`);
  }
  const overdueNoticeDays = input.overdueNoticeDays ?? DEFAULT_OVERDUE_NOTICE_DAYS;
  if (!isDayCount(overdueNoticeDays)) {
    throw badInput('input.overdueNoticeDays', 'The overdue notice goes out 1 to 365 days after the deadline.');
  }
  return { year: input.year, opensOn: input.opensOn, deadline: input.deadline, reminderDays, overdueNoticeDays };
}

/**
 * Tonnes as reported: zero or more, at most 3 decimals (the database keeps kilograms), at most 50 Mt. The
 * text is kept as given (the database normalises it); the checks run on exact integers, never on floats.
 */
export function parseTonnes(value: string, field: string): string {
  const text = value.trim();
  if (text.startsWith('-')) throw badInput(field, 'Tonnes cannot be negative.');
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw badInput(field, 'Write the tonnes as a number, such as "1250.5".');
  if ((match[2] ?? '').length > 3) throw badInput(field, 'At most 3 decimals (to the kilogram).');
  if (tonnesToKg(text) > BigInt(REPORT_MAX_TONNES) * 1000n) {
    throw badInput(field, `At most ${REPORT_MAX_TONNES.toLocaleString('en')} t.`);
  }
  return text;
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
export const parseMessage = (value: string, field: string) => requiredText(value, field, { max: MESSAGE_MAX });
