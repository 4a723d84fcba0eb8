import type { RequestEvent } from '@sveltejs/kit';
import { localizePath } from '$lib/locale-path';
import type { Locale } from '$lib/paraglide/runtime.js';

/** A copy of `response` whose headers can be changed (a fetched response's are immutable). */
function mutable(response: Response): Response {
  return new Response(response.body, response);
}

/** Says that the page depends on the reader's cookie and languages, for a cache between us and them. */
export function withVary(response: Response, value: string): Response {
  if (!response.headers.get('content-type')?.startsWith('text/html')) return response;
  const copy = mutable(response);
  copy.headers.append('vary', value);
  return copy;
}

/**
 * A route redirects to `/alliances/x`; read at `/fr/…`, the reader goes to `/fr/alliances/x`. Three shapes: a 3xx
 * with `Location` (no JavaScript), and the JSON a script gets from a form action (`x-sveltekit-action`) or from a
 * page's data (`__data.json`), `{ "type": "redirect", "location": … }`.
 */
export async function keepLocaleInRedirect(
  response: Response,
  event: Pick<RequestEvent, 'request' | 'isDataRequest'>,
  locale: Locale,
): Promise<Response> {
  const location = response.headers.get('location');
  if (response.status >= 300 && response.status < 400 && location !== null) {
    const localized = localizePath(location, locale);
    if (localized === location) return response;
    const copy = mutable(response);
    copy.headers.set('location', localized);
    return copy;
  }
  const isScripted = event.request.headers.get('x-sveltekit-action') === 'true' || event.isDataRequest;
  if (!isScripted || !response.headers.get('content-type')?.startsWith('application/json')) return response;
  const text = await response.text();
  const rebuilt = new Response(rewriteJsonRedirect(text, locale), response);
  rebuilt.headers.delete('content-length');
  return rebuilt;
}

function rewriteJsonRedirect(text: string, locale: Locale): string {
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null && 'type' in body && body.type === 'redirect' && 'location' in body) {
      if (typeof body.location === 'string')
        return JSON.stringify({ ...body, location: localizePath(body.location, locale) });
    }
  } catch {
    // Not JSON after all: passed on as it came.
  }
  return text;
}
