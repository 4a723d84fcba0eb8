import { fail, redirect } from '@sveltejs/kit';
import {
  AccountDocument,
  SetEmailPreferencesDocument,
  WithdrawSignatureDocument,
} from '$lib/graphql/operations.generated';
import { loginHref } from '$lib/paths';
import { formText, problemsFrom } from '$lib/server/forms';
import { execute, request } from '$lib/server/graphql';
import { deleteSessionCookies } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, locals, url, cookies }) => {
  const toLogin = loginHref(url.pathname + url.search);
  if (!locals.hasSession) redirect(303, toLogin);
  const { me, alliances } = await execute(fetch, AccountDocument, {});
  if (!me) {
    // The cookie outlived its session: forget it, so the header stops offering an account.
    deleteSessionCookies(cookies);
    redirect(303, toLogin);
  }
  return {
    me,
    person: me.person,
    alliances: alliances.nodes.filter((alliance) => alliance.declaration !== null),
    withdrawId: url.searchParams.get('withdraw'),
    withdrawn: url.searchParams.get('withdrawn'),
    isEmailSaved: url.searchParams.has('email-saved'),
  };
};

export const actions: Actions = {
  /** A checkbox that is not ticked is not posted: its absence is "no". */
  emailPreferences: async ({ request: post, fetch, url }) => {
    const data = await post.formData();
    const result = await request(fetch, SetEmailPreferencesDocument, {
      input: { reviewEmails: data.get('reviewEmails') === 'on' },
    });
    if (result.errors) {
      const { formError } = problemsFrom(result.errors, { fields: [], returnTo: url.pathname });
      return fail(400, { emailError: formError });
    }
    redirect(303, '/account?email-saved#email-heading');
  },
  withdraw: async ({ request: post, fetch, url }) => {
    const data = await post.formData();
    const id = formText(data, 'signatureId');
    const reason = formText(data, 'reason');
    const result = await request(fetch, WithdrawSignatureDocument, { id, reason: reason || null });
    if (result.errors) {
      return fail(400, {
        id,
        reason,
        ...problemsFrom(result.errors, { fields: ['reason'], returnTo: `${url.pathname}?withdraw=${id}` }),
      });
    }
    // Post, redirect, get: a reload does not post again, and the page says what happened.
    redirect(303, `/account?withdrawn=${encodeURIComponent(result.data.withdrawSignature.id)}`);
  },
};
