import type { schema } from '@concord/db';
import { badInput } from '../../../errors.ts';
import { changeCampaignDates, checkDeadlineInReach } from '../campaign-date-change.ts';
import type { Deps } from '../progress-report-transitions.ts';
import { isCampaignClosed } from '../reporting-dates.ts';

/**
 * The secretariat moves the deadline of a campaign still open (or not yet open) to a later day. Its reminders follow
 * the new deadline: each of its steps still ahead goes out for it, also to organisations reminded of the same step
 * before the old deadline, and the overdue notice comes after the new one. A campaign already closed is reopened
 * instead (reopen-reporting-campaign.ts), as that changes what the progress pages show.
 */
export async function extendReportingCampaign({
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
    action: 'extended',
    decide: (campaign, today) => {
      if (isCampaignClosed(campaign, today)) {
        throw badInput('year', `The campaign for ${year} is closed: reopen it with a new deadline instead.`);
      }
      if (deadline <= campaign.deadline) {
        throw badInput('deadline', `An extension moves the deadline later than ${campaign.deadline}.`);
      }
      checkDeadlineInReach(campaign, deadline);
      return { deadline, closedAt: null };
    },
  });
}
