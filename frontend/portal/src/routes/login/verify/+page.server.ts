import { fail, redirect } from '@sveltejs/kit';
import { SignInWithLinkDocument } from '$lib/graphql/operations.generated';
import { languageCookie } from '$lib/languages';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import { isLocalPath, safeNext } from '$lib/paths';
import { formText } from '$lib/server/forms';
import { request, throwApiError } from '$lib/server/graphql';
import { log } from '$lib/server/log';
import { copySessionCookie } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

/**
 * The link in the e-mail opens this page, which only shows a button: mail scanners that open links on
 * their own would otherwise spend the single-use token before the person does.
 */
export const load: PageServerLoad = ({ url, setHeaders }) => {
  // The token is in the address: keep it out of caches and out of the Referer sent to other sites. Not
  // `no-referrer`: Chromium then sends `Origin: null` with the form's POST, which SvelteKit's CSRF check refuses.
  setHeaders({ 'cache-control': 'no-store', 'referrer-policy': 'same-origin' });
  const next = url.searchParams.get('next');
  return { token: url.searchParams.get('token') ?? '', next: isLocalPath(next) ? next : '' };
};

export const actions: Actions = {
  default: async ({ request: post, fetch, cookies, url }) => {
    const data = await post.formData();
    const token = formText(data, 'token');
    const next = formText(data, 'next');
    // The version of the privacy notice the page showed beside the button: signing in accepts it.
    const privacyNoticeVersion = formText(data, 'privacyNoticeVersion') || null;
    if (!token) return fail(400, { isInvalid: true, message: null });

    // The page's language: the language of someone signing in for the first time (their e-mails, their certificate).
    const result = await request(fetch, SignInWithLinkDocument, { token, privacyNoticeVersion, locale: getLocale() });
    if (result.errors) {
      const [first] = result.errors;
      // A page opened before the notice changed: the link is still good, the page is shown again with the new one.
      if (first?.field === 'privacyNoticeVersion') return fail(409, { isInvalid: false, message: first.message });
      if (first?.code === 'BAD_USER_INPUT') return fail(400, { isInvalid: true, message: null });
      if (first?.code === 'RATE_LIMITED') return fail(429, { isInvalid: false, message: first.message });
      return throwApiError(result.errors);
    }
    if (!copySessionCookie(result.headers, cookies)) {
      log.error({}, 'signInWithLink answered without a session cookie');
      return fail(503, { isInvalid: false, message: m.verify_login_no_session() });
    }
    // The language the person saved is the one the pages follow from now on (the switcher changes it again).
    const locale = result.data?.signInWithLink.locale;
    if (locale)
      cookies.set(languageCookie.name, locale, { ...languageCookie.options, secure: url.protocol === 'https:' });
    redirect(303, safeNext(next));
  },
};

// Rendered by the server alone; its forms are ordinary posts (docs/adr/0028).
export const csr = false;
