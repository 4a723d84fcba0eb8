import { emailFrequencies, isOneOf } from '@concord/schema/values';
import { fail, redirect } from '@sveltejs/kit';
import { resignFields } from '$lib/components/account/resign';
import {
  AcceptPrivacyNoticeDocument,
  AccountDocument,
  MyCommitmentsDocument,
  RequestErasureDocument,
  ResignDeclarationDocument,
  SetEmailPreferencesDocument,
  SetMyLocaleDocument,
  SetMyNameDocument,
  WithdrawSignatureDocument,
} from '$lib/graphql/operations.generated';
import { isLocale, languageCookie } from '$lib/languages';
import { localeOfPath, localizePath } from '$lib/locale-path';
import { loginHref } from '$lib/paths';
import { formText, problemsFrom } from '$lib/server/forms';
import { execute, request } from '$lib/server/graphql';
import { deleteSessionCookies } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, locals, url, cookies }) => {
  const toLogin = loginHref(url.pathname + url.search);
  if (!locals.hasSession) redirect(303, toLogin);
  const [{ me, alliances }, mine] = await Promise.all([
    execute(fetch, AccountDocument, {}),
    execute(fetch, MyCommitmentsDocument, {}),
  ]);
  if (!me) {
    // The cookie outlived its session: forget it, so the header stops offering an account.
    deleteSessionCookies(cookies);
    redirect(303, toLogin);
  }
  return {
    me,
    person: me.person,
    commitments: mine.me?.commitments ?? [],
    alliances: alliances.nodes.filter((alliance) => alliance.declaration !== null),
    withdrawId: url.searchParams.get('withdraw'),
    withdrawn: url.searchParams.get('withdrawn'),
    resigned: url.searchParams.get('resigned'),
    isEmailSaved: url.searchParams.has('email-saved'),
    isLanguageSaved: url.searchParams.has('language-saved'),
    isNameSaved: url.searchParams.has('name-saved'),
    isNoticeSaved: url.searchParams.has('notice-accepted'),
  };
};

export const actions: Actions = {
  name: async ({ request: post, fetch, url }) => {
    const data = await post.formData();
    const name = formText(data, 'name');
    const result = await request(fetch, SetMyNameDocument, { name });
    if (result.errors) {
      const { fieldErrors, formError } = problemsFrom(result.errors, { fields: ['name'], returnTo: url.pathname });
      return fail(400, { nameError: { value: name, message: fieldErrors.name ?? formError ?? '' } });
    }
    redirect(303, '/account?name-saved#name-heading');
  },
  /** A choice per kind; one left out (or not one of the frequencies) stays as it is, the API decides. */
  emailPreferences: async ({ request: post, fetch, url }) => {
    const data = await post.formData();
    const frequency = (name: string) => {
      const value = formText(data, name);
      return isOneOf(emailFrequencies, value) ? value : null;
    };
    const result = await request(fetch, SetEmailPreferencesDocument, {
      input: { activity: frequency('activity'), announcements: frequency('announcements') },
    });
    if (result.errors) {
      const { formError } = problemsFrom(result.errors, { fields: [], returnTo: url.pathname });
      return fail(400, { emailError: formError });
    }
    redirect(303, '/account?email-saved#email-heading');
  },
  /** Saved with the account (e-mails and documents follow it) and as the cookie the pages follow. */
  language: async ({ request: post, fetch, url, cookies }) => {
    const data = await post.formData();
    const result = await request(fetch, SetMyLocaleDocument, { locale: formText(data, 'locale') });
    if (result.errors || !result.data) {
      const { formError } = problemsFrom(result.errors ?? [], { fields: [], returnTo: url.pathname });
      return fail(400, { languageError: formError });
    }
    const { locale } = result.data.setMyLocale;
    cookies.set(languageCookie.name, locale, { ...languageCookie.options, secure: url.protocol === 'https:' });
    // Saved on a page at a language's address, the next page is at the new language's: the address wins.
    const account = localeOfPath(url.pathname) && isLocale(locale) ? localizePath('/account', locale) : '/account';
    redirect(303, `${account}?language-saved#language-heading`);
  },
  acceptPrivacyNotice: async ({ request: post, fetch, url }) => {
    const data = await post.formData();
    const result = await request(fetch, AcceptPrivacyNoticeDocument, { version: formText(data, 'version') });
    if (result.errors) {
      // A page older than the notice in force: the reload shows the new version to accept.
      const { formError } = problemsFrom(result.errors, { fields: [], returnTo: url.pathname });
      return fail(400, { noticeError: formError });
    }
    redirect(303, '/account?notice-accepted#personal-data-heading');
  },
  /** Erasure, once the person ticked that they understand; it ends their sessions, this one included. */
  erase: async ({ request: post, fetch, url, cookies }) => {
    const data = await post.formData();
    const result = await request(fetch, RequestErasureDocument, { confirm: data.get('confirm') === 'on' });
    if (result.errors) {
      const { fieldErrors, formError } = problemsFrom(result.errors, { fields: ['confirm'], returnTo: url.pathname });
      return fail(400, { eraseError: fieldErrors.confirm ?? formError });
    }
    deleteSessionCookies(cookies);
    redirect(303, '/privacy/erased');
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
  /** Signing the version in force in one step, for a signatory of an earlier one (docs/adr/0032). */
  resign: async ({ request: post, fetch, url }) => {
    const data = await post.formData();
    const signatureId = formText(data, 'signatureId');
    const values = { signerName: formText(data, 'signerName'), signerJobTitle: formText(data, 'signerJobTitle') };
    const result = await request(fetch, ResignDeclarationDocument, {
      input: {
        allianceSlug: formText(data, 'allianceSlug'),
        organisationId: formText(data, 'organisationId'),
        declarationVersion: Number(formText(data, 'declarationVersion')) || 0,
        textSha256: formText(data, 'textSha256'),
        ...values,
      },
    });
    if (result.errors) {
      // A signature that changed since the page was read (withdrawn, renewed by a colleague) is said at the top of
      // the page, as a conflict is, rather than as an error page.
      const errors = result.errors.map((e) => (e.code === 'NOT_FOUND' ? { ...e, code: 'CONFLICT' } : e));
      const problems = problemsFrom(errors, { prefix: 'input.', fields: resignFields, returnTo: url.pathname });
      return fail(400, { resign: { signatureId, values, ...problems } });
    }
    const signed = result.data.resignDeclaration;
    redirect(303, `/account?resigned=${encodeURIComponent(signed.id)}#signature-${signed.id}`);
  },
};
