import { redirect } from '@sveltejs/kit';
import { LogoutDocument } from '$lib/graphql/operations.generated';
import { request } from '$lib/server/graphql';
import { log } from '$lib/server/log';
import { deleteSessionCookies } from '$lib/server/session';
import type { RequestHandler } from './$types';

/** Ends the session on the server, then in the browser. A POST: a prefetched link must not sign anyone out. */
export const POST: RequestHandler = async ({ fetch, cookies, locals }) => {
  if (locals.hasSession) {
    const result = await request(fetch, LogoutDocument, {});
    // The browser forgets the session whatever the API said; an error here only goes to the log.
    if (result.errors) log.error({ errors: result.errors }, 'logout failed');
  }
  deleteSessionCookies(cookies);
  redirect(303, '/');
};

/** Someone who types the address gets the start page; signing out takes the button. */
export const GET: RequestHandler = () => redirect(303, '/');
