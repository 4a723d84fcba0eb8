import { error, redirect } from '@sveltejs/kit';
import { isLocale, languageCookie } from '$lib/languages';
import { m } from '$lib/paraglide/messages.js';
import { safeNext } from '$lib/paths';
import type { RequestHandler } from './$types';

/**
 * The language switcher's links end here: a plain link, so that it works without JavaScript. It only sets the
 * cookie the portal reads (a person's saved language changes on the account page, by a form that posts).
 */
export const GET: RequestHandler = ({ params, url, cookies }) => {
  if (!isLocale(params.locale)) error(404, m.error_not_found());
  cookies.set(languageCookie.name, params.locale, { ...languageCookie.options, secure: url.protocol === 'https:' });
  redirect(303, safeNext(url.searchParams.get('next'), '/'));
};
