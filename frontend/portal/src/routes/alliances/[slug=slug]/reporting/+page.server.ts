import { error, fail, redirect } from '@sveltejs/kit';
import { changedFrom } from '$lib/components/reporting/campaign-dates';
import type { FieldErrors } from '$lib/forms';
import {
  ReportingCampaignDetailDocument,
  ReportingDashboardDocument,
  ReportingOpenCampaignDocument,
  ReportingQueryDocument,
  ReportingReopenDocument,
  ReportingValidateDocument,
} from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import { currentCampaign, isIsoDate, parseReminderDays, suggestCampaign } from '$lib/reporting-form';
import { formText, problemsFrom } from '$lib/server/forms';
import { execute, request } from '$lib/server/graphql';
import { campaignDateActions } from '$lib/server/reporting-campaign-dates';
import { requireMe } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

const QUEUE_SIZE = 20;

/**
 * The secretariat's reporting dashboard. Anyone signed out goes to the log-in page and comes back; anyone
 * signed in but not of the secretariat gets the API's FORBIDDEN as a 403 page.
 */
export const load: PageServerLoad = async (event) => {
  const me = await requireMe(event);
  const { url, fetch, params } = event;
  const after = url.searchParams.get('after') || null;
  const { alliance } = await execute(fetch, ReportingDashboardDocument, {
    slug: params.slug,
    first: QUEUE_SIZE,
    after,
  });

  const yearParam = url.searchParams.get('year');
  if (yearParam !== null && !/^\d{4}$/.test(yearParam)) {
    error(400, { message: m.reporting_bad_year({ value: yearParam }), code: 'BAD_USER_INPUT', field: 'year' });
  }
  const selectedYear = yearParam ? Number(yearParam) : (currentCampaign(alliance.reportingCampaigns)?.year ?? null);
  const campaign = alliance.reportingCampaigns.find((c) => c.year === selectedYear) ?? null;
  if (yearParam && !campaign) error(404, { message: m.reporting_no_campaign({ year: yearParam }), code: 'NOT_FOUND' });
  const validatedAfter = url.searchParams.get('validatedAfter') || null;
  const detail = campaign
    ? (
        await execute(fetch, ReportingCampaignDetailDocument, {
          slug: params.slug,
          year: campaign.year,
          validatedAfter,
        })
      ).alliance
    : null;

  const opened = Number(url.searchParams.get('opened')) || null;
  return {
    person: me.person,
    dashboard: alliance,
    campaign,
    detail,
    after,
    validatedAfter,
    suggestion: suggestCampaign(alliance.reportingCampaigns, new Date().toISOString().slice(0, 10)),
    opened: opened && alliance.reportingCampaigns.some((c) => c.year === opened) ? opened : null,
    changed: campaign ? changedFrom(url) : null,
  };
};

type Decision = 'validate' | 'query' | 'reopen';

function refused(action: Decision, id: string, message: string, fieldErrors: FieldErrors, formError: string | null) {
  return fail(400, { decision: { action, id, message, fieldErrors, formError } });
}

export const actions: Actions = {
  ...campaignDateActions,

  open: async ({ request: post, fetch, url, params }) => {
    const data = await post.formData();
    const values = {
      year: formText(data, 'year'),
      opensOn: formText(data, 'opensOn'),
      deadline: formText(data, 'deadline'),
      reminderDays: formText(data, 'reminderDays'),
    };
    const fieldErrors: FieldErrors = {};
    if (!/^\d{4}$/.test(values.year)) fieldErrors.year = m.reporting_campaign_year_invalid();
    if (!isIsoDate(values.opensOn)) fieldErrors.opensOn = m.reporting_campaign_date_invalid();
    if (!isIsoDate(values.deadline)) fieldErrors.deadline = m.reporting_campaign_date_invalid();
    else if (isIsoDate(values.opensOn) && values.deadline < values.opensOn) {
      fieldErrors.deadline = m.reporting_campaign_deadline_before();
    }
    const reminderDays = parseReminderDays(values.reminderDays);
    if (reminderDays === null) fieldErrors.reminderDays = m.reporting_campaign_reminders_invalid();
    if (Object.keys(fieldErrors).length > 0) return fail(400, { campaign: { values, fieldErrors, formError: null } });

    const result = await request(fetch, ReportingOpenCampaignDocument, {
      slug: params.slug,
      input: {
        year: Number(values.year),
        opensOn: values.opensOn,
        deadline: values.deadline,
        ...(reminderDays ? { reminderDays } : {}),
      },
    });
    if (result.errors) {
      const problems = problemsFrom(result.errors, {
        prefix: 'input.',
        fields: ['year', 'opensOn', 'deadline', 'reminderDays'],
        returnTo: url.pathname,
      });
      return fail(400, { campaign: { values, ...problems } });
    }
    const { year } = result.data.openReportingCampaign;
    // Post, redirect, get: a reload does not open it twice, and the page shows the new campaign.
    redirect(303, `${url.pathname}?year=${year}&opened=${year}`);
  },

  validate: async ({ request: post, fetch, url }) => {
    const id = formText(await post.formData(), 'reportId');
    const result = await request(fetch, ReportingValidateDocument, { id });
    if (result.errors) {
      const problems = problemsFrom(result.errors, { fields: [], returnTo: url.pathname });
      return refused('validate', id, '', problems.fieldErrors, problems.formError);
    }
    return {
      done: 'validated' as const,
      organisation: result.data.validateProgressReport.pledge.organisation.legalName,
    };
  },

  query: async ({ request: post, fetch, url }) => {
    const data = await post.formData();
    const id = formText(data, 'reportId');
    const question = formText(data, 'question');
    if (!question) return refused('query', id, question, { question: m.reporting_query_question_required() }, null);
    const result = await request(fetch, ReportingQueryDocument, { id, question });
    if (result.errors) {
      const problems = problemsFrom(result.errors, { fields: ['question'], returnTo: url.pathname });
      return refused('query', id, question, problems.fieldErrors, problems.formError);
    }
    return { done: 'queried' as const, organisation: result.data.queryProgressReport.pledge.organisation.legalName };
  },

  reopen: async ({ request: post, fetch, url }) => {
    const data = await post.formData();
    const id = formText(data, 'reportId');
    const reason = formText(data, 'reason');
    if (!reason) return refused('reopen', id, reason, { reason: m.reporting_reopen_reason_required() }, null);
    const result = await request(fetch, ReportingReopenDocument, { id, reason });
    if (result.errors) {
      const problems = problemsFrom(result.errors, { fields: ['reason'], returnTo: url.pathname });
      return refused('reopen', id, reason, problems.fieldErrors, problems.formError);
    }
    return { done: 'reopened' as const, organisation: result.data.reopenProgressReport.pledge.organisation.legalName };
  },
};
