import { API_PATHS } from './api-paths';
import { baseLocale, isLocale, type Locale, locales } from './paraglide/runtime.js';

/**
 * The language in the address (ADR 0019): `/fr/…` and `/de/…` are French and German whatever else the reader
 * chose, `/en/…` is English; an address without a prefix is the reader's own language (their saved choice, their
 * browser's, the alliance's, English). Routes are written without the prefix: `reroute` strips it, and the links a
 * page writes keep the prefix of the address it was read at, so a link shared from a French page stays French.
 */

const PREFIX = new RegExp(`^/(${locales.join('|')})(?=/|$|\\?|#)`);

/** The language an address names, if it names one. */
export function localeOfPath(path: string): Locale | undefined {
  const found = PREFIX.exec(path)?.[1];
  return found !== undefined && isLocale(found) ? found : undefined;
}

/** The address without its language: what the routes match. `/fr` is `/`. */
export function delocalizePath(path: string): string {
  const rest = path.replace(PREFIX, '');
  return rest === '' || rest.startsWith('?') || rest.startsWith('#') ? `/${rest}` : rest;
}

/** Whether `path` is a page of this site that may carry a language (a local path, not one the API answers). */
function isLocalisable(path: string): boolean {
  return (
    path.startsWith('/') &&
    !path.startsWith('//') &&
    !path.startsWith('/\\') &&
    !API_PATHS.some((api) => path.startsWith(api))
  );
}

/** `path` in `locale`'s address; without a locale, the path as it is. A path already in a language keeps it. */
export function localizePath(path: string, locale: Locale | undefined): string {
  if (locale === undefined || !isLocalisable(path) || localeOfPath(path) !== undefined) return path;
  return path === '/' ? `/${locale}` : `/${locale}${path}`;
}

/** `path` in the language of the address `current` (a link written on the page read at `current`). */
export const keepLocaleOf = (current: string, path: string) => localizePath(path, localeOfPath(current));

/**
 * The page's address in every language, for `<link rel="alternate" hreflang>` and the switcher: each language's
 * prefixed address, and the unprefixed one as `x-default` (the reader's own language).
 */
export function alternates(current: string): { hreflang: Locale | 'x-default'; path: string }[] {
  const path = delocalizePath(current);
  return [
    ...locales.map((locale) => ({ hreflang: locale, path: localizePath(path, locale) })),
    { hreflang: 'x-default' as const, path },
  ];
}

/** Where the switcher leads for `locale`: the page in that language (English unprefixed, the site's base). */
export const switchedPath = (current: string, locale: Locale) =>
  locale === baseLocale ? delocalizePath(current) : localizePath(delocalizePath(current), locale);
