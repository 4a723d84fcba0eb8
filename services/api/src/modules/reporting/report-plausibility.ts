import type { schema } from '@concord/db';
import { tonnesToKg } from '../progress/decimal.ts';

/**
 * What is merely unlikely in a report, as opposed to what cannot be true (refused at submission): it is taken,
 * and flagged for the secretariat, who asks before validating. Nothing unvalidated counts in a public figure,
 * so a flagged report changes no public total until someone has looked at it.
 */
export type ReportFlag = 'above_twice_pledged';

/** A pledge is a promise of tonnes a year; twice as much achieved is possible, but worth a question. */
export const IMPLAUSIBLE_FACTOR = 2n;

export function reportFlags(
  report: Pick<schema.ProgressReport, 'tonnesAchieved'>,
  pledge: Pick<schema.Pledge, 'tonnesPerYear'>,
): ReportFlag[] {
  const flags: ReportFlag[] = [];
  if (tonnesToKg(report.tonnesAchieved) > IMPLAUSIBLE_FACTOR * tonnesToKg(pledge.tonnesPerYear)) {
    flags.push('above_twice_pledged');
  }
  return flags;
}
