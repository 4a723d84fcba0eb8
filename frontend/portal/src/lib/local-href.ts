import { page } from '$app/state';
import { keepLocaleOf } from '$lib/locale-path';

/**
 * A link to a page of this site in the language of the address being read (`/fr/…` links to `/fr/…`), for the
 * markup of pages and components; servers' redirects get the prefix back in hooks.server.ts.
 */
export const localHref = (path: string): string => keepLocaleOf(page.url.pathname, path);
