import { fail, redirect } from '@sveltejs/kit';
import { ErasePersonDocument, PersonByEmailDocument } from '$lib/graphql/operations.generated';
import { loginHref } from '$lib/paths';
import { formText, problemsFrom } from '$lib/server/forms';
import { request, throwApiError } from '$lib/server/graphql';
import type { Actions, PageServerLoad } from './$types';

/**
 * The secretariat acts on a person's request about their data (docs/adr/0014-personal-data.md). The API decides
 * who may act for whom; to anyone else every address answers "nobody you may act for".
 */
export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  if (!locals.hasSession) redirect(303, loginHref(url.pathname + url.search));
  const email = url.searchParams.get('email')?.trim() ?? '';
  const erased = url.searchParams.has('erased');
  // The erasure's confirmation step opens from a link (?erase), as a withdrawal's does on the account page.
  const isErasing = url.searchParams.has('erase');
  const none = { email, person: null, emailError: null, isNotFound: false, erased, isErasing };
  if (!email) return none;
  const result = await request(fetch, PersonByEmailDocument, { email });
  if (result.errors) {
    const [first] = result.errors;
    if (first?.code === 'UNAUTHENTICATED') redirect(303, loginHref(url.pathname + url.search));
    if (first?.code === 'BAD_USER_INPUT') return { ...none, emailError: first.message };
    if (first?.code === 'NOT_FOUND') return { ...none, isNotFound: true };
    return throwApiError(result.errors);
  }
  return { ...none, person: result.data.personByEmail };
};

export const actions: Actions = {
  erase: async ({ request: post, fetch, url }) => {
    const data = await post.formData();
    const personId = formText(data, 'personId');
    const reason = formText(data, 'reason');
    const result = await request(fetch, ErasePersonDocument, { personId, reason });
    if (result.errors) {
      const returnTo = `${url.pathname}${url.search}`;
      return fail(400, { reason, ...problemsFrom(result.errors, { fields: ['reason'], returnTo }) });
    }
    redirect(303, '/account/personal-data-requests?erased');
  },
};
