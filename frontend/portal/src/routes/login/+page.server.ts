import { EMAIL_MAX, emailAddress } from '@concord/schema/values';
import { fail } from '@sveltejs/kit';
import { DevMailboxDocument, RequestLoginLinkDocument } from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import { isLocalPath } from '$lib/paths';
import { formText, problemsFrom } from '$lib/server/forms';
import { request } from '$lib/server/graphql';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => {
  const next = url.searchParams.get('next');
  return { next: isLocalPath(next) ? next : '' };
};

export const actions: Actions = {
  default: async ({ request: post, fetch, url }) => {
    const data = await post.formData();
    const email = formText(data, 'email');
    const next = formText(data, 'next');
    if (!email) return fail(400, { email, fieldErrors: { email: m.login_email_required() }, formError: null });
    // Checked here by the rule the API applies, so that any length gets a clear answer beside the field.
    const checked = emailAddress(email);
    if (!checked.ok) {
      const problem =
        checked.problem === 'too_long' ? m.login_email_too_long({ max: EMAIL_MAX }) : m.login_email_invalid();
      return fail(400, { email: email.slice(0, EMAIL_MAX), fieldErrors: { email: problem }, formError: null });
    }

    const result = await request(fetch, RequestLoginLinkDocument, {
      email,
      redirectTo: isLocalPath(next) ? next : null,
      // A new address gets its e-mail in the language of this page.
      locale: getLocale(),
    });
    if (result.errors) {
      return fail(400, { email, ...problemsFrom(result.errors, { fields: ['email'], returnTo: url.pathname }) });
    }
    // Only to point a newcomer at the development mailbox: it exists outside production without SMTP.
    const mailbox = await request(fetch, DevMailboxDocument, { first: 1, to: email });
    return {
      sent: true,
      email,
      expiresInMinutes: result.data.requestLoginLink.expiresInMinutes,
      hasDevMailbox: !mailbox.errors,
    };
  },
};

// Rendered by the server alone; its forms are ordinary posts (docs/adr/0028).
export const csr = false;
