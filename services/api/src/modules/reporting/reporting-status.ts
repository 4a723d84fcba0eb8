/**
 * An organisation's reporting status, as the UN Global Compact derives a participant's from its yearly
 * Communication on Progress. The database derives it in one statement (reporting.sql.ts); this is the same
 * rule written out, for reading and for tests.
 */
import { isCampaignClosed } from './reporting-dates.ts';

export type ReportingStatus = 'new' | 'active' | 'not_reporting' | 'inactive';

/** What one campaign asked of an organisation, and whether it answered. */
export interface CampaignOutcome {
  /** The campaign's deadline, `YYYY-MM-DD`. */
  deadline: string;
  /** Set when the secretariat closed it: then it counts as closed whatever its deadline. */
  closedAt?: Date | null;
  /** It had at least one accepted pledge that counts for this campaign (accepted before the deadline). */
  isExpected: boolean;
  /** Every pledge that counts has a report for the campaign's year (in any status: submitted is reported). */
  hasReported: boolean;
}

/**
 * - NEW: no closed campaign (deadline before `today`, or closed by the secretariat) expected a report of it yet;
 * - ACTIVE: it reported for the last closed campaign that expected one;
 * - NOT_REPORTING: it missed that one;
 * - INACTIVE: it missed that one and the one before, in a row.
 * A late report still counts: the status recovers once the report is in, as a Communication on Progress does.
 */
export function deriveReportingStatus(history: readonly CampaignOutcome[], today: string): ReportingStatus {
  const relevant = history
    .filter((c) => c.isExpected && isCampaignClosed(c, today))
    .sort((a, b) => (a.deadline < b.deadline ? 1 : a.deadline > b.deadline ? -1 : 0));
  const [last, previous] = relevant;
  return statusFromLastTwo(last?.hasReported ?? null, previous?.hasReported ?? null);
}

/** The rule on the last two closed campaigns that expected a report (null: there was none). */
export function statusFromLastTwo(last: boolean | null, previous: boolean | null): ReportingStatus {
  if (last === null) return 'new';
  if (last) return 'active';
  return previous === false ? 'inactive' : 'not_reporting';
}
