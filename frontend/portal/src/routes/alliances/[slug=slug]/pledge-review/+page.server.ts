import { error, fail, redirect } from '@sveltejs/kit';
import { PledgeReviewDocument, type PledgeReviewFilter, ReviewPledgeDocument } from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import { loginHref } from '$lib/paths';
import { isDecision, isPledgeKind } from '$lib/pledge-labels';
import { formText, problemsFrom } from '$lib/server/forms';
import { request, throwApiError } from '$lib/server/graphql';
import { requireMe } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

/** Chairs see their groups' pledges waiting for a decision, the secretariat all; anyone else gets a 403. */
export const load: PageServerLoad = async (event) => {
  const me = await requireMe(event);
  const { url, params, fetch } = event;
  const values = {
    workingGroup: (url.searchParams.get('workingGroup') ?? '').trim().toLowerCase(),
    kind: (url.searchParams.get('kind') ?? '').trim().toUpperCase(),
  };
  if (values.kind && !isPledgeKind(values.kind)) {
    error(400, {
      message: m.pledge_filter_invalid_kind({ value: values.kind }),
      code: 'BAD_USER_INPUT',
      field: 'kind',
    });
  }
  const filter: PledgeReviewFilter = {
    ...(values.workingGroup ? { workingGroup: values.workingGroup } : {}),
    ...(values.kind && isPledgeKind(values.kind) ? { kind: values.kind } : {}),
  };
  const result = await request(fetch, PledgeReviewDocument, { slug: params.slug, filter });
  if (result.errors) {
    // The session ended between the two questions: sign in again and come back.
    if (result.errors.some((e) => e.code === 'UNAUTHENTICATED')) redirect(303, loginHref(url.pathname + url.search));
    throwApiError(result.errors);
  }
  const { alliance } = result.data;
  return {
    person: me.person,
    values,
    queue: alliance.queue,
    all: alliance.all,
    workingGroups: alliance.workingGroups.nodes,
  };
};

export const actions: Actions = {
  decide: async ({ request: post, fetch, url }) => {
    const data = await post.formData();
    const pledgeId = formText(data, 'pledgeId');
    const organisation = formText(data, 'organisationName');
    const decision = formText(data, 'decision');
    const comment = formText(data, 'comment');
    const refused = { pledgeId, decision, comment };
    const fieldErrors: Record<string, string> = {};
    if (!isDecision(decision)) fieldErrors.decision = m.pledge_review_decision_required();
    else if (decision !== 'ACCEPT' && !comment) fieldErrors.comment = m.pledge_review_comment_required();
    if (!isDecision(decision) || Object.keys(fieldErrors).length > 0) {
      return fail(400, { ...refused, fieldErrors, formError: null, isConflict: false });
    }
    const result = await request(fetch, ReviewPledgeDocument, { pledgeId, decision, comment: comment || null });
    if (result.errors) {
      const isConflict = result.errors.some((e) => e.code === 'CONFLICT');
      if (isConflict) {
        return fail(409, {
          ...refused,
          fieldErrors: {},
          formError: m.pledge_review_conflict({ organisation }),
          isConflict,
        });
      }
      const problems = problemsFrom(result.errors, { fields: ['comment'], returnTo: url.pathname + url.search });
      return fail(400, { ...refused, ...problems, isConflict });
    }
    return { done: decision, organisation: result.data.reviewPledge.organisation.legalName };
  },
};
