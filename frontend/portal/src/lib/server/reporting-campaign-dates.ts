import { type ActionFailure, fail, redirect } from '@sveltejs/kit';
import type { CampaignDateChange, CampaignDatesForm } from '$lib/components/reporting/campaign-dates';
import {
  ReportingCloseCampaignDocument,
  ReportingExtendCampaignDocument,
  ReportingReopenCampaignDocument,
} from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import { isIsoDate } from '$lib/reporting-form';
import { formText, problemsFrom } from './forms';
import { request } from './graphql';

/**
 * The secretariat's changes of a campaign's dates on the reporting page: extend the deadline, close the campaign
 * now, reopen it until a new deadline. Plain posts (they work without JavaScript); a change made leads back to the
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
  const form: CampaignDatesForm = { change, deadline, fieldErrors: {}, formError: null };
  if (!/^\d{4}$/.test(yearText)) return refused({ ...form, formError: m.reporting_campaign_year_invalid() });
  const year = Number(yearText);
  if (change !== 'close' && !isIsoDate(deadline)) {
    return refused({ ...form, fieldErrors: { deadline: m.reporting_campaign_date_invalid() } });
  }
  const variables = { slug: params.slug, year };
  const result =
    change === 'extend'
      ? await request(fetch, ReportingExtendCampaignDocument, { ...variables, deadline })
      : change === 'reopen'
        ? await request(fetch, ReportingReopenCampaignDocument, { ...variables, deadline })
        : await request(fetch, ReportingCloseCampaignDocument, variables);
  if (result.errors) {
    return refused({ ...form, ...problemsFrom(result.errors, { fields: ['deadline'], returnTo: url.pathname }) });
  }
  redirect(303, `${url.pathname}?year=${year}&changed=${change}`);
}

export const campaignDateActions = {
  extendCampaign: (event: Event) => changeDates('extend', event),
  closeCampaign: (event: Event) => changeDates('close', event),
  reopenCampaign: (event: Event) => changeDates('reopen', event),
};
