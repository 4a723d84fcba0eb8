import { type RequestEvent, redirect } from '@sveltejs/kit';
import { loginHref } from '$lib/paths';
import { apiUrl } from './graphql';

export type StatementUpload = { ok: true; url: string } | { ok: false; message: string };

/**
 * Forwards a signed statement (already checked to be a PDF of at most 5 MB) to the API's
 * `PUT /pledges/<id>/statement`, with the browser's session cookie and address. It goes straight to the API
 * with the global fetch: SvelteKit's own would route a same-origin URL back into the portal. The header
 * X-Requested-With is what the API asks of uploads that do not come from its own origin (its CSRF check).
 */
export async function uploadStatement(
  event: Pick<RequestEvent, 'request' | 'getClientAddress' | 'url'>,
  pledgeId: string,
  file: File,
): Promise<StatementUpload> {
  const target = new URL(`/pledges/${encodeURIComponent(pledgeId)}/statement`, apiUrl());
  const headers = new Headers({
    'content-type': 'application/pdf',
    'x-requested-with': 'concord-portal',
    'x-forwarded-for': event.getClientAddress(),
  });
  const cookie = event.request.headers.get('cookie');
  if (cookie) headers.set('cookie', cookie);
  let response: Response;
  try {
    response = await globalThis.fetch(target, {
      method: 'PUT',
      headers,
      body: await file.arrayBuffer(),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (cause) {
    console.error({ msg: 'Statement upload failed: the API could not be reached', url: target.href, cause });
    return { ok: false, message: '' };
  }
  const body = (await response.json().catch(() => ({}))) as { error?: string; url?: string };
  if (response.status === 401) redirect(303, loginHref(event.url.pathname + event.url.search));
  if (!response.ok || !body.url) return { ok: false, message: body.error ?? '' };
  return { ok: true, url: body.url };
}
