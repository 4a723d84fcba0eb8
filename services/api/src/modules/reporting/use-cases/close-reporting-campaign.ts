import type { schema } from '@concord/db';
import { badInput } from '../../../errors.ts';
import { changeCampaignDates } from '../campaign-date-change.ts';
import type { Deps } from '../progress-report-transitions.ts';
import { reportsCloseOn, utcDate } from '../reporting-dates.ts';

/**
 * The secretariat closes a campaign to reports now: it counts as closed from this moment (the headline year and the
 * reporting statuses are derived from closed campaigns), takes no more reports, late ones included, and sends no
 * more reminders. A deadline still ahead becomes today, so that the pledges it expects are those accepted before
 * the day it closed, not ones accepted after it could no longer be reported on.
 */
export async function closeReportingCampaign({
  allianceSlug,
  year,
  ...deps
}: Deps & { allianceSlug: string; year: number }): Promise<schema.ReportingCampaign> {
  const now = deps.now ?? new Date();
  return changeCampaignDates({
    ...deps,
    now,
    // Always told: an organisation that can no longer report must hear it from the secretariat (ADR 0030).
    notify: true,
    allianceSlug,
    year,
    action: 'closed',
    decide: (campaign, today) => {
      if (campaign.closedAt) {
        throw badInput(
          'year',
          `The campaign for ${year} is already closed: it closed on ${utcDate(campaign.closedAt)}.`,
        );
      }
      if (today < campaign.opensOn) {
        throw badInput('year', `The campaign for ${year} has not opened yet (it opens on ${campaign.opensOn}).`);
      }
      if (today > reportsCloseOn(campaign)) {
        throw badInput(
          'year',
          `The campaign for ${year} is already closed: it took its last reports on ${reportsCloseOn(campaign)}.`,
        );
      }
      // A deadline already passed stays (the campaign was taking late reports); one still ahead becomes today.
      const hasDeadlinePassed = campaign.deadline < today;
      return { deadline: hasDeadlinePassed ? campaign.deadline : today, closedAt: now };
    },
  });
}
