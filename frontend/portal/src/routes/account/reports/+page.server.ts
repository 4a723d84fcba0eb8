import { fail, redirect } from '@sveltejs/kit';
import { type ReportRefusal, submitFields } from '$lib/components/reporting/report-form';
import type { FieldErrors } from '$lib/forms';
import {
  ReportingAccountDocument,
  ReportingAnswerDocument,
  ReportingSubmitDocument,
} from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import { loginHref } from '$lib/paths';
import { currentCampaign } from '$lib/reporting-form';
import { formText, problemsFrom } from '$lib/server/forms';
import { execute, request } from '$lib/server/graphql';
import { deleteSessionCookies } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

/**
 * A representative's progress reports: for each organisation, its accepted pledges and the report of each
 * for the current campaign. The schema gives a pledge no alliance, so a pledge is reported to the alliance
 * whose declaration its organisation signed (active signatures first).
 */
export const load: PageServerLoad = async ({ fetch, locals, url, cookies }) => {
  const toLogin = loginHref(url.pathname + url.search);
  if (!locals.hasSession) redirect(303, toLogin);
  const { me, alliances } = await execute(fetch, ReportingAccountDocument, {});
  if (!me) {
    deleteSessionCookies(cookies);
    redirect(303, toLogin);
  }
  const bySlug = new Map(alliances.nodes.map((alliance) => [alliance.slug, alliance]));
  const organisations = me.organisations.map(({ organisation, signatures }) => {
    const ranked = [...signatures].sort((a, b) => Number(b.status === 'ACTIVE') - Number(a.status === 'ACTIVE'));
    const alliance = ranked.map((s) => bySlug.get(s.alliance.slug)).find((a) => a !== undefined) ?? null;
    return {
      organisation,
      alliance: alliance ? { slug: alliance.slug, name: alliance.name } : null,
      campaign: alliance ? currentCampaign(alliance.reportingCampaigns) : null,
      pledges: organisation.pledges.filter((pledge) => pledge.status === 'ACCEPTED'),
    };
  });
  return {
    person: me.person,
    organisations,
    submitted: url.searchParams.get('submitted'),
    answered: url.searchParams.get('answered'),
  };
};

/**
 * Digit groups typed with spaces ("12 500.5") are not a mistake. Commas are left to the API to refuse: "1,250"
 * is 1250 t to some readers and 1.25 t to others, and a report must not guess.
 */
const withoutSpaces = (text: string) => text.replace(/[\s\u00a0\u202f]/g, '');

function refuse(refusal: ReportRefusal) {
  return fail(400, { refusal });
}

export const actions: Actions = {
  submit: async ({ request: post, fetch, url }) => {
    const data = await post.formData();
    const pledgeId = formText(data, 'pledgeId');
    const year = Number(formText(data, 'year'));
    const values = Object.fromEntries(submitFields.map((field) => [field, formText(data, field)]));
    const fieldErrors: FieldErrors = {};
    if (!values.tonnesAchieved) fieldErrors.tonnesAchieved = m.reporting_form_tonnes_required();
    if (Object.keys(fieldErrors).length > 0) {
      return refuse({ action: 'submit', pledgeId, values, fieldErrors, formError: null });
    }
    const result = await request(fetch, ReportingSubmitDocument, {
      input: {
        pledgeId,
        year,
        tonnesAchieved: withoutSpaces(values.tonnesAchieved ?? ''),
        evidenceScheme: values.evidenceScheme || null,
        certificateNumber: values.certificateNumber || null,
        auditor: values.auditor || null,
      },
    });
    if (result.errors) {
      const problems = problemsFrom(result.errors, { prefix: 'input.', fields: submitFields, returnTo: url.pathname });
      return refuse({ action: 'submit', pledgeId, values, ...problems });
    }
    redirect(
      303,
      `${url.pathname}?submitted=${encodeURIComponent(pledgeId)}#pledge-${encodeURIComponent(pledgeId)}-heading`,
    );
  },

  answer: async ({ request: post, fetch, url }) => {
    const data = await post.formData();
    const pledgeId = formText(data, 'pledgeId');
    const id = formText(data, 'reportId');
    const values = { answer: formText(data, 'answer'), tonnesAchieved: formText(data, 'tonnesAchieved') };
    if (!values.answer) {
      return refuse({
        action: 'answer',
        pledgeId,
        values,
        fieldErrors: { answer: m.reporting_answer_required() },
        formError: null,
      });
    }
    const tonnes = withoutSpaces(values.tonnesAchieved);
    const result = await request(fetch, ReportingAnswerDocument, {
      id,
      answer: values.answer,
      tonnesAchieved: tonnes || null,
    });
    if (result.errors) {
      const problems = problemsFrom(result.errors, { fields: ['answer', 'tonnesAchieved'], returnTo: url.pathname });
      return refuse({ action: 'answer', pledgeId, values, ...problems });
    }
    redirect(
      303,
      `${url.pathname}?answered=${encodeURIComponent(pledgeId)}#pledge-${encodeURIComponent(pledgeId)}-heading`,
    );
  },
};
