import { type ActionFailure, fail, redirect } from '@sveltejs/kit';
import type { CampaignDateChange, CampaignDatesForm } from '$lib/components/reporting/campaign-dates';
import {
  ReportingCloseCampaignDocument,
  ReportingExtendCampaignDocument,
  ReportingReopenCampaignDocument,
  ReportingRescheduleCampaignDocument,
} from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import { isIsoDate, parseReminderDays } from '$lib/reporting-form';
import { formText, problemsFrom } from './forms';
import { request } from './graphql';

/**
 * The secretariat's changes of a campaign's dates on the reporting page: extend the deadline, close the campaign
 * now, reopen it until a new deadline (telling the organisations still missing a report unless the box is unticked),
 * change its opening date and reminders. Plain posts (they work without JavaScript); a change made leads back to the
 * campaign with a notice (post, redirect, get), a refusal answers the form with the error beside its field.
 */
type Event = { request: Request; fetch: typeof fetch; url: URL; params: { slug: string } };

function refused(form: CampaignDatesForm): ActionFailure<{ campaignDates: CampaignDatesForm }> {
  return fail(400, { campaignDates: form });
}

async function changeDates(change: CampaignDateChange, { request: post, fetch, url, params }: Event) {
  const data = await post.formData();
  const yearText = formText(data, 'year');
  const deadline = formText(data, 'deadline');
  // A box not ticked is not posted.
  const notify = data.get('notify') !== null;
  const form: CampaignDatesForm = {
    change,
    deadline,
    notify,
    opensOn: formText(data, 'opensOn'),
    reminderDays: formText(data, 'reminderDays'),
    overdueNoticeDays: formText(data, 'overdueNoticeDays'),
    fieldErrors: {},
    formError: null,
  };
  if (!/^\d{4}$/.test(yearText)) return refused({ ...form, formError: m.reporting_campaign_year_invalid() });
  const year = Number(yearText);
  if (change === 'reschedule') return reschedule(form, year, { fetch, url, params });
  if (change !== 'close' && !isIsoDate(deadline)) {
    return refused({ ...form, fieldErrors: { deadline: m.reporting_campaign_date_invalid() } });
  }
  const variables = { slug: params.slug, year };
  const result =
    change === 'extend'
      ? await request(fetch, ReportingExtendCampaignDocument, { ...variables, deadline, notify })
      : change === 'reopen'
        ? await request(fetch, ReportingReopenCampaignDocument, { ...variables, deadline, notify })
        : await request(fetch, ReportingCloseCampaignDocument, variables);
  if (result.errors) {
    return refused({ ...form, ...problemsFrom(result.errors, { fields: ['deadline'], returnTo: url.pathname }) });
  }
  redirect(303, `${url.pathname}?year=${year}&changed=${change}`);
}

/** The opening date (sent only while the form offers it), the reminder days and the overdue notice's days. */
async function reschedule(
  form: CampaignDatesForm,
  year: number,
  { fetch, url, params }: Pick<Event, 'fetch' | 'url' | 'params'>,
) {
  const fieldErrors: CampaignDatesForm['fieldErrors'] = {};
  if (form.opensOn && !isIsoDate(form.opensOn)) fieldErrors.opensOn = m.reporting_campaign_date_invalid();
  const reminderDays = parseReminderDays(form.reminderDays);
  if (reminderDays === null) fieldErrors.reminderDays = m.reporting_campaign_reminders_invalid();
  const notice = form.overdueNoticeDays;
  if (notice && !/^\d{1,3}$/.test(notice)) fieldErrors.overdueNoticeDays = m.reporting_reschedule_notice_invalid();
  if (Object.keys(fieldErrors).length > 0) return refused({ ...form, fieldErrors });
  const input = {
    ...(form.opensOn ? { opensOn: form.opensOn } : {}),
    ...(reminderDays ? { reminderDays } : {}),
    ...(notice ? { overdueNoticeDays: Number(notice) } : {}),
  };
  const result = await request(fetch, ReportingRescheduleCampaignDocument, { slug: params.slug, year, input });
  if (result.errors) {
    const fields = ['opensOn', 'reminderDays', 'overdueNoticeDays'];
    return refused({ ...form, ...problemsFrom(result.errors, { prefix: 'input.', fields, returnTo: url.pathname }) });
  }
  redirect(303, `${url.pathname}?year=${year}&changed=reschedule`);
}

export const campaignDateActions = {
  rescheduleCampaign: (event: Event) => changeDates('reschedule', event),
  extendCampaign: (event: Event) => changeDates('extend', event),
  closeCampaign: (event: Event) => changeDates('close', event),
  reopenCampaign: (event: Event) => changeDates('reopen', event),
};
