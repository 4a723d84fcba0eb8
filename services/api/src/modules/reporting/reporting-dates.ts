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

/** Open between its opening date and its deadline, both inclusive. */
export function isCampaignOpen(campaign: { opensOn: string; deadline: string }, today: string): boolean {
  return campaign.opensOn <= today && today <= campaign.deadline;
}

/** Closed once its deadline has passed: the campaigns the reporting status is derived from. */
export function isCampaignClosed(campaign: { deadline: string }, today: string): boolean {
  return campaign.deadline < today;
}

/**
 * Late reports are taken for a year after a campaign's deadline (a late report still counts, and lifts the
 * reporting status back): by then the next year's campaign has closed too. After that the campaign is closed
 * for reports: figures sent that late cannot be checked against the evidence of their year.
 */
export const LATE_REPORT_DAYS = 365;

/** The last day a campaign takes reports. */
export function reportsCloseOn(campaign: { deadline: string }): string {
  return addDays(campaign.deadline, LATE_REPORT_DAYS);
}
