import type { RequestEvent } from '@sveltejs/kit';
import { AllianceLanguagesDocument } from '$lib/graphql/operations.generated';
import { localeOfPath } from '$lib/locale-path';
import { baseLocale, cookieName, extractLocaleFromHeader, isLocale, type Locale } from '$lib/paraglide/runtime.js';
import { request } from './graphql';

const ALLIANCE_PAGE = /^\/alliances\/([a-z0-9]+(?:-[a-z0-9]+)*)(?:\/|$)/;

/**
 * The page's language, in the order of ADR 0019: the address's (`/fr/…`), the reader's saved choice (the cookie the
 * switcher, the account page and signing in write), their browser's (`Accept-Language`), the alliance's main
 * language on an alliance's pages, English. The alliance is asked for only when nothing before it answered.
 */
export async function chooseLocale(
  event: Pick<RequestEvent, 'url' | 'cookies' | 'request' | 'fetch'>,
): Promise<Locale> {
  const fromAddress = localeOfPath(event.url.pathname);
  if (fromAddress) return fromAddress;
  const saved = event.cookies.get(cookieName);
  if (isLocale(saved)) return saved;
  const fromBrowser = extractLocaleFromHeader(event.request);
  if (fromBrowser) return fromBrowser;
  return (await allianceLocale(event)) ?? baseLocale;
}

async function allianceLocale(event: Pick<RequestEvent, 'url' | 'fetch'>): Promise<Locale | undefined> {
  const slug = ALLIANCE_PAGE.exec(event.url.pathname)?.[1];
  if (slug === undefined || slug === 'new') return undefined;
  const result = await request(event.fetch, AllianceLanguagesDocument, { slug });
  // An unknown alliance is the page's 404 to tell, in English.
  return result.data?.alliance?.languages.find(isLocale);
}
