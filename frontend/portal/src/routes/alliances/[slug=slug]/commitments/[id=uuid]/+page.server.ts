import { error, fail } from '@sveltejs/kit';
import { isReportableStatus } from '$lib/commitment-labels';
import { CommitmentPageDocument, ReportCommitmentProgressDocument } from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import { formText, problemsFrom } from '$lib/server/forms';
import { execute, request } from '$lib/server/graphql';
import type { Actions, PageServerLoad } from './$types';

/** One commitment, public with its history; the taskholder, the chairs and the secretariat also report on it. */
export const load: PageServerLoad = async ({ fetch, params }) => {
  const { alliance } = await execute(fetch, CommitmentPageDocument, { slug: params.slug, id: params.id });
  if (!alliance.commitment) error(404, { message: m.commitment_not_found(), code: 'NOT_FOUND' });
  return { commitment: alliance.commitment };
};

export const actions: Actions = {
  report: async ({ request: post, fetch, params, url }) => {
    const data = await post.formData();
    const status = formText(data, 'status');
    const note = formText(data, 'note');
    const values = { status, note };
    const fieldErrors: Record<string, string> = {};
    if (status && !isReportableStatus(status)) fieldErrors.status = m.commitment_status_required();
    if (!note) fieldErrors.note = m.commitment_note_required();
    if (Object.keys(fieldErrors).length > 0) return fail(400, { values, fieldErrors, formError: null });
    const result = await request(fetch, ReportCommitmentProgressDocument, {
      id: params.id,
      status: isReportableStatus(status) ? status : null,
      note,
    });
    if (result.errors) {
      const problems = problemsFrom(result.errors, { fields: ['status', 'note'], returnTo: url.pathname });
      return fail(400, { values, ...problems });
    }
    return { reported: result.data.reportCommitmentProgress.status };
  },
};
