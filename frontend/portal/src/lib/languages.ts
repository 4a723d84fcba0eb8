import { ALLIANCE_LANGUAGES, isAllianceLanguage } from '@concord/schema/values';
import { cookieMaxAge, cookieName, isLocale, locales } from '$lib/paraglide/runtime.js';

/** The languages the portal is written in, each named in itself: a reader looks for their own by its own name. */
export const portalLanguages = locales.map((locale) => ({
  locale,
  name: isAllianceLanguage(locale) ? ALLIANCE_LANGUAGES[locale] : locale,
}));

export { isLocale };

/**
 * The cookie Paraglide's `cookie` strategy reads on the server and in the browser (so not httpOnly): a language
 * chosen with the switcher or saved on the account page holds on every later page.
 */
export const languageCookie = {
  name: cookieName,
  options: { path: '/', maxAge: cookieMaxAge, httpOnly: false, sameSite: 'lax' as const },
};

/** Where the switcher's link for `locale` leads: it sets the cookie and comes back to `path`. */
export const languageHref = (locale: string, path: string) =>
  `/language/${locale}?${new URLSearchParams({ next: path })}`;
