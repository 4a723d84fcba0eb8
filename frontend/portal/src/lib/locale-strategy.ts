import { localeOfPath } from '$lib/locale-path';
import {
  defineCustomClientStrategy,
  defineCustomServerStrategy,
  isLocale,
  type Locale,
} from '$lib/paraglide/runtime.js';

/**
 * Paraglide's one strategy here, `custom-concord` (ADR 0019): the server decides a request's language once
 * (`chooseLocale`, which needs the cookies, the headers and, at the end, the API) and hands it over by the request;
 * the browser reads the address's language, else the one the server wrote into `<html lang>`, so both agree.
 */
const chosen = new WeakMap<Request, Locale>();

export function rememberLocale(request: Request, locale: Locale): void {
  chosen.set(request, locale);
}

defineCustomServerStrategy('custom-concord', { getLocale: (request) => (request ? chosen.get(request) : undefined) });

defineCustomClientStrategy('custom-concord', {
  getLocale: () => {
    if (typeof document === 'undefined') return undefined;
    const written = document.documentElement.lang;
    return localeOfPath(location.pathname) ?? (isLocale(written) ? written : undefined);
  },
  // The language changes only by a page from the server (the switcher, the account page), never in place.
  setLocale: () => {},
});
