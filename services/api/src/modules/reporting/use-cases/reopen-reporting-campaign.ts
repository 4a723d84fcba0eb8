import type { schema } from '@concord/db';
import { badInput } from '../../../errors.ts';
import { changeCampaignDates, checkDeadlineInReach } from '../campaign-date-change.ts';
import type { Deps } from '../progress-report-transitions.ts';
import { isCampaignClosed } from '../reporting-dates.ts';

/**
 * The secretariat reopens a closed campaign (closed by its deadline or by the secretariat) until a new deadline,
 * today or later. Until then it no longer counts as closed: the progress pages show its year as in progress again
 * (validated reports only, as for any year in progress) and the headline falls back to the latest year still
 * closed; reporting statuses are derived from the closed campaigns before it. Reminders are scheduled for the new
 * deadline's steps still ahead.
 */
export async function reopenReportingCampaign({
  allianceSlug,
  year,
  deadline,
  notify = true,
  ...deps
}: Deps & {
  allianceSlug: string;
  year: number;
  deadline: string;
  /** Tell the organisations still expected to report (ADR 0030); false for a correction the secretariat tells itself. */
  notify?: boolean;
}): Promise<schema.ReportingCampaign> {
  return changeCampaignDates({
    ...deps,
    notify,
    allianceSlug,
    year,
    action: 'reopened',
    decide: (campaign, today) => {
      if (!isCampaignClosed(campaign, today)) {
        throw badInput('year', `The campaign for ${year} is open: extend its deadline instead.`);
      }
      if (deadline < today) throw badInput('deadline', `The new deadline cannot be in the past (today is ${today}).`);
      checkDeadlineInReach(campaign, deadline);
      return { deadline, closedAt: null };
    },
  });
}
