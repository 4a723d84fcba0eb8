/**
 * Campaign dates are calendar dates (`YYYY-MM-DD`) in UTC, as PostgreSQL's `date` and the GraphQL `Date`
 * scalar carry them. Plain strings compare in calendar order, so no Date objects are needed to compare them.
 */
const DAY_MS = 86_400_000;

/** The UTC calendar date of an instant: what "today" is for campaigns. */
export function utcDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return utcDate(new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS));
}

/** 08:00 UTC of a date: when reminders go out (morning in every EU time zone, never at night). */
export function reminderInstant(date: string): Date {
  return new Date(`${date}T08:00:00Z`);
}

/** What the campaign's state depends on: its dates, and whether the secretariat closed it. */
export interface CampaignDates {
  opensOn: string;
  deadline: string;
  closedAt?: Date | null;
}

/** Open between its opening date and its deadline, both inclusive, unless the secretariat closed it. */
export function isCampaignOpen(campaign: CampaignDates, today: string): boolean {
  return !campaign.closedAt && campaign.opensOn <= today && today <= campaign.deadline;
}

/**
 * Closed once its deadline has passed or the secretariat closed it: the campaigns the reporting status and the
 * headline year are derived from (reporting.sql.ts `isClosedOn` says the same in SQL).
 */
export function isCampaignClosed(campaign: Pick<CampaignDates, 'deadline' | 'closedAt'>, today: string): boolean {
  return Boolean(campaign.closedAt) || campaign.deadline < today;
}

/**
 * Late reports are taken for a year after a campaign's deadline (a late report still counts, and lifts the
 * reporting status back): by then the next year's campaign has closed too. After that the campaign is closed
 * for reports: figures sent that late cannot be checked against the evidence of their year.
 */
export const LATE_REPORT_DAYS = 365;

/** The last day a campaign takes reports by its dates (unless the secretariat closes it before). */
export function reportsCloseOn(campaign: { deadline: string }): string {
  return addDays(campaign.deadline, LATE_REPORT_DAYS);
}

/** Whether it takes reports on `today`: opened, not closed by the secretariat, and within a year of its deadline. */
export function takesReports(campaign: CampaignDates, today: string): boolean {
  return !campaign.closedAt && campaign.opensOn <= today && today <= reportsCloseOn(campaign);
}
