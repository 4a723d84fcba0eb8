import { fail } from '@sveltejs/kit';
import { ConfirmSignatureDocument } from '$lib/graphql/operations.generated';
import { formText } from '$lib/server/forms';
import { request, throwApiError } from '$lib/server/graphql';
import type { Actions, PageServerLoad } from './$types';

/** Like the log-in link: the e-mail's link shows a button, so that a mail scanner cannot spend the token. */
export const load: PageServerLoad = ({ url, setHeaders }) => {
  setHeaders({ 'cache-control': 'no-store', 'referrer-policy': 'same-origin' });
  return { token: url.searchParams.get('token') ?? '' };
};

export const actions: Actions = {
  default: async ({ request: post, fetch }) => {
    const token = formText(await post.formData(), 'token');
    if (!token) return fail(400, { isFailed: true, message: null });
    const result = await request(fetch, ConfirmSignatureDocument, { token });
    if (result.errors) {
      const [first] = result.errors;
      if (first?.code === 'BAD_USER_INPUT' || first?.code === 'NOT_FOUND')
        return fail(400, { isFailed: true, message: null });
      // Confirmed already, or withdrawn meanwhile: the API says which.
      if (first?.code === 'CONFLICT' || first?.code === 'RATE_LIMITED')
        return fail(409, { isFailed: true, message: first.message });
      return throwApiError(result.errors);
    }
    const confirmed = result.data.confirmSignature;
    return { confirmed: { organisation: confirmed.organisation.legalName, alliance: confirmed.alliance.name } };
  },
};
