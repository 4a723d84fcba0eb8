import type { schema } from '@concord/db';
import { badInput } from '../../../errors.ts';
import { changeCampaignDates } from '../campaign-date-change.ts';
import type { Deps } from '../progress-report-transitions.ts';
import { isCampaignClosed } from '../reporting-dates.ts';
import { checkOpensOn, parseOverdueNoticeDays, parseReminderDays } from '../reporting-input.ts';

export interface ScheduleInput {
  opensOn?: string | null | undefined;
  reminderDays?: readonly number[] | null | undefined;
  overdueNoticeDays?: number | null | undefined;
}

/**
 * The secretariat changes a campaign's opening date, its reminder days or the day of its overdue notice (ADR 0030);
 * what is left out stays. The opening date moves only while the campaign has not opened (once open, representatives
 * may have reported and been reminded: its opening is a fact), to today or later and not after the deadline. The
 * reminders change while the campaign is not closed; the steps of the new schedule still ahead are scheduled for its
 * deadline, a removed step's job finds it gone and sends nothing, and a step already sent for this deadline is not
 * sent again (`campaign_reminder`'s key). Organisations are not e-mailed: their deadline has not moved.
 */
export async function rescheduleReportingCampaign({
  allianceSlug,
  year,
  input,
  ...deps
}: Deps & { allianceSlug: string; year: number; input: ScheduleInput }): Promise<schema.ReportingCampaign> {
  const reminderDays =
    input.reminderDays == null ? undefined : parseReminderDays(input.reminderDays, 'input.reminderDays');
  const overdueNoticeDays =
    input.overdueNoticeDays == null
      ? undefined
      : parseOverdueNoticeDays(input.overdueNoticeDays, 'input.overdueNoticeDays');
  const opensOn = input.opensOn ?? undefined;
  if (opensOn === undefined && reminderDays === undefined && overdueNoticeDays === undefined) {
    throw badInput('input', 'Give the opening date, the reminder days or the overdue notice’s day to change.');
  }
  return changeCampaignDates({
    ...deps,
    allianceSlug,
    year,
    action: 'rescheduled',
    notify: false,
    decide: (campaign, today) => {
      if (isCampaignClosed(campaign, today)) {
        throw badInput('year', `The campaign for ${year} is closed: reopen it to change its dates.`);
      }
      if (opensOn !== undefined && opensOn !== campaign.opensOn) {
        if (campaign.opensOn <= today) {
          throw badInput('input.opensOn', `The campaign for ${year} opened on ${campaign.opensOn}: that stays.`);
        }
        if (opensOn < today)
          throw badInput('input.opensOn', `The opening date cannot be in the past (today is ${today}).`);
        checkOpensOn(year, opensOn, 'input.opensOn');
        if (opensOn > campaign.deadline) {
          throw badInput('input.opensOn', `The campaign cannot open after its deadline (${campaign.deadline}).`);
        }
      }
      return {
        deadline: campaign.deadline,
        closedAt: campaign.closedAt,
        ...(opensOn !== undefined ? { opensOn } : {}),
        ...(reminderDays !== undefined ? { reminderDays } : {}),
        ...(overdueNoticeDays !== undefined ? { overdueNoticeDays } : {}),
      };
    },
  });
}
