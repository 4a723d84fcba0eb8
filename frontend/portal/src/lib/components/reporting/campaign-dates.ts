import type { FieldErrors } from '$lib/forms';

/** The secretariat's changes of a campaign's dates, and a refused one as its form shows it again. */
export type CampaignDateChange = 'extend' | 'close' | 'reopen' | 'reschedule';

export interface CampaignDatesForm {
  change: CampaignDateChange;
  deadline: string;
  /** Extend and reopen: whether the organisations still missing a report are told (ticked unless untick). */
  notify: boolean;
  /** Reschedule: the opening date, reminder days and overdue notice's days as typed. */
  opensOn: string;
  reminderDays: string;
  overdueNoticeDays: string;
  fieldErrors: FieldErrors;
  formError: string | null;
}

/** The change just made, read from the address it led to (`?changed=extend`), for its notice. */
export function changedFrom(url: URL): CampaignDateChange | null {
  const changed = url.searchParams.get('changed');
  return changed === 'extend' || changed === 'close' || changed === 'reopen' || changed === 'reschedule'
    ? changed
    : null;
}
