import { redirect } from '@sveltejs/kit';
import { PersonalDataOfDocument } from '$lib/graphql/operations.generated';
import { loginHref } from '$lib/paths';
import { request, throwApiError } from '$lib/server/graphql';
import type { RequestHandler } from './$types';

/** What Concord holds about a person, for the secretariat acting on their request: a file to send them. */
export const GET: RequestHandler = async ({ fetch, locals, url }) => {
  if (!locals.hasSession) redirect(303, loginHref('/account/personal-data-requests'));
  const result = await request(fetch, PersonalDataOfDocument, { personId: url.searchParams.get('person') ?? '' });
  if (result.errors) return throwApiError(result.errors);
  return new Response(`${JSON.stringify(result.data.personalData, null, 2)}\n`, {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': 'attachment; filename="concord-personal-data.json"',
      'cache-control': 'private, no-store',
    },
  });
};
