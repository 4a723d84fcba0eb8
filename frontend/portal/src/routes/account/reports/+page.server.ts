import { fail, redirect } from '@sveltejs/kit';
import { evidenceField, type ReportRefusal, submitFields } from '$lib/components/reporting/report-form';
import type { FieldErrors } from '$lib/forms';
import {
  ReportingAccountDocument,
  ReportingAnswerDocument,
  ReportingSubmitDocument,
} from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import { loginHref } from '$lib/paths';
import { type PdfProblem, readPdfFile } from '$lib/pdf-file';
import { currentCampaign } from '$lib/reporting-form';
import { formText, problemsFrom } from '$lib/server/forms';
import { execute, request } from '$lib/server/graphql';
import { deleteSessionCookies } from '$lib/server/session';
import { uploadEvidence } from '$lib/server/upload';
import type { Actions, PageServerLoad } from './$types';

/**
 * A representative's progress reports: for each organisation, its accepted pledges grouped by the alliance they
 * were made to, each group with that alliance's current campaign and the report of each pledge for its year.
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
    const accepted = organisation.pledges.filter((pledge) => pledge.status === 'ACCEPTED');
    const slugs = [...new Set(accepted.map((pledge) => pledge.alliance.slug))];
    const groups = slugs.map((slug) => {
      const alliance = bySlug.get(slug);
      return {
        alliance: { slug, name: alliance?.name ?? slug },
        // Its forms are offered while the API says it takes reports (`takesReportsNow`: the rule's one home).
        campaign: alliance ? currentCampaign(alliance.reportingCampaigns) : null,
        // The status in this alliance, from its newest signature; null when it never signed it.
        reportingStatus: signatures.find((s) => s.alliance.slug === slug)?.reportingStatus ?? null,
        pledges: accepted.filter((pledge) => pledge.alliance.slug === slug),
      };
    });
    return { organisation, groups };
  });
  const evidence = url.searchParams.get('evidence');
  return {
    person: me.person,
    organisations,
    submitted: url.searchParams.get('submitted'),
    answered: url.searchParams.get('answered'),
    evidence: evidence === 'attached' || evidence === 'failed' ? evidence : null,
  };
};

const evidenceProblems: Record<PdfProblem, () => string> = {
  not_pdf: m.reporting_form_evidence_not_pdf,
  too_large: m.reporting_form_evidence_too_large,
};

/** The posted form, or null when the body was over the portal's limit (an evidence file far too big). */
async function formDataOf(post: Request): Promise<FormData | null> {
  try {
    return await post.formData();
  } catch {
    return null;
  }
}

const bodyTooLarge = (action: ReportRefusal['action']) =>
  fail(413, {
    refusal: {
      action,
      pledgeId: '',
      values: {},
      fieldErrors: { [evidenceField]: m.reporting_form_body_too_large() },
      formError: null,
    } satisfies ReportRefusal,
  });

/** Where a pledge's report is on the page, after a redirect with a notice. */
const pledgeAnchor = (pledgeId: string) => `#pledge-${encodeURIComponent(pledgeId)}-heading`;

/**
 * Digit groups typed with spaces ("12 500.5") are not a mistake. Commas are left to the API to refuse: "1,250"
 * is 1250 t to some readers and 1.25 t to others, and a report must not guess.
 */
const withoutSpaces = (text: string) => text.replace(/[\s\u00a0\u202f]/g, '');

function refuse(refusal: ReportRefusal) {
  return fail(400, { refusal });
}

export const actions: Actions = {
  submit: async (event) => {
    const { fetch, url } = event;
    const data = await formDataOf(event.request);
    if (!data) return bodyTooLarge('submit');
    const pledgeId = formText(data, 'pledgeId');
    const year = Number(formText(data, 'year'));
    const values = Object.fromEntries(submitFields.map((field) => [field, formText(data, field)]));
    const fieldErrors: FieldErrors = {};
    if (!values.tonnesAchieved) fieldErrors.tonnesAchieved = m.reporting_form_tonnes_required();
    const evidence = await readPdfFile(data, evidenceField);
    if (evidence.problem) fieldErrors[evidenceField] = evidenceProblems[evidence.problem]();
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
    const report = result.data?.submitProgressReport;
    // The figures are in: a file the API then refuses is said on the page, and the evidence form takes it again.
    const upload = evidence.file && report ? await uploadEvidence(event, report.id, evidence.file) : null;
    const failed = upload && !upload.ok ? '&evidence=failed' : '';
    redirect(303, `${url.pathname}?submitted=${encodeURIComponent(pledgeId)}${failed}${pledgeAnchor(pledgeId)}`);
  },

  evidence: async (event) => {
    const data = await formDataOf(event.request);
    if (!data) return bodyTooLarge('evidence');
    const pledgeId = formText(data, 'pledgeId');
    const reportId = formText(data, 'reportId');
    const refuseEvidence = (message: string, formError: string | null = null) =>
      refuse({ action: 'evidence', pledgeId, values: {}, fieldErrors: { [evidenceField]: message }, formError });
    const { file, problem } = await readPdfFile(data, evidenceField);
    if (problem) return refuseEvidence(evidenceProblems[problem]());
    if (!file) return refuseEvidence(m.reporting_evidence_required());
    const upload = await uploadEvidence(event, reportId, file);
    if (!upload.ok) return refuseEvidence(upload.message || m.reporting_evidence_failed());
    redirect(303, `${event.url.pathname}?evidence=attached${pledgeAnchor(pledgeId)}`);
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
    redirect(303, `${url.pathname}?answered=${encodeURIComponent(pledgeId)}${pledgeAnchor(pledgeId)}`);
  },
};
