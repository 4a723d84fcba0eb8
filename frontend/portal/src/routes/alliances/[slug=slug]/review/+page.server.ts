import { fail } from '@sveltejs/kit';
import {
  ApproveSignatureDocument,
  RejectSignatureDocument,
  ReviewQueueDocument,
} from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import { formText, problemsFrom } from '$lib/server/forms';
import { execute, request } from '$lib/server/graphql';
import { requireMe } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 20;

/** The secretariat's queue; anyone else gets the API's FORBIDDEN as a 403 page. */
export const load: PageServerLoad = async (event) => {
  const me = await requireMe(event);
  const after = event.url.searchParams.get('after') || null;
  const { alliance } = await execute(event.fetch, ReviewQueueDocument, {
    slug: event.params.slug,
    first: PAGE_SIZE,
    after,
  });
  return { person: me.person, queue: alliance.reviewQueue, after };
};

export const actions: Actions = {
  approve: async ({ request: post, fetch, url }) => {
    const id = formText(await post.formData(), 'signatureId');
    const result = await request(fetch, ApproveSignatureDocument, { id });
    if (result.errors) {
      return fail(409, {
        id,
        action: 'approve' as const,
        reason: '',
        ...problemsFrom(result.errors, { fields: [], returnTo: url.pathname }),
      });
    }
    return { done: 'approved' as const, organisation: result.data.approveSignature.organisation.legalName };
  },
  reject: async ({ request: post, fetch, url }) => {
    const data = await post.formData();
    const id = formText(data, 'signatureId');
    const reason = formText(data, 'reason');
    if (!reason) {
      return fail(400, {
        id,
        action: 'reject' as const,
        reason,
        fieldErrors: { reason: m.review_reject_reason_required() },
        formError: null,
      });
    }
    const result = await request(fetch, RejectSignatureDocument, { id, reason });
    if (result.errors) {
      return fail(400, {
        id,
        action: 'reject' as const,
        reason,
        ...problemsFrom(result.errors, { fields: ['reason'], returnTo: url.pathname }),
      });
    }
    return { done: 'rejected' as const, organisation: result.data.rejectSignature.organisation.legalName };
  },
};
