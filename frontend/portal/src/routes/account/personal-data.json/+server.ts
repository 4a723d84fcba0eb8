import { redirect } from '@sveltejs/kit';
import { MyPersonalDataDocument } from '$lib/graphql/operations.generated';
import { loginHref } from '$lib/paths';
import { request, throwApiError } from '$lib/server/graphql';
import { deleteSessionCookies } from '$lib/server/session';
import type { RequestHandler } from './$types';

/** Everything Concord holds about the signed-in person, as a file to keep (the account page's link). */
export const GET: RequestHandler = async ({ fetch, locals, url, cookies }) => {
  if (!locals.hasSession) redirect(303, loginHref(url.pathname));
  const result = await request(fetch, MyPersonalDataDocument, {});
  if (result.errors) {
    if (result.errors.some((e) => e.code === 'UNAUTHENTICATED')) {
      deleteSessionCookies(cookies);
      redirect(303, loginHref(url.pathname));
    }
    return throwApiError(result.errors);
  }
  return new Response(`${JSON.stringify(result.data.myPersonalData, null, 2)}\n`, {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': 'attachment; filename="concord-personal-data.json"',
      // Personal data: kept by no cache but the person's own download.
      'cache-control': 'private, no-store',
    },
  });
};
