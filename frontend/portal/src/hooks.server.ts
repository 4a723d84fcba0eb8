import type { Handle, HandleServerError } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { getTextDirection } from '$lib/paraglide/runtime.js';
import { paraglideMiddleware } from '$lib/paraglide/server.js';

/** Picks the request's locale and writes it into `<html lang>`, so that messages and Intl agree with it. */
export const handle: Handle = ({ event, resolve }) =>
  paraglideMiddleware(event.request, ({ request, locale }) => {
    event.request = request;
    return resolve(event, {
      transformPageChunk: ({ html }) => html.replace('%lang%', locale).replace('%dir%', getTextDirection(locale)),
    });
  });

/** Unexpected errors are logged with their stack here and shown to the reader without internals. */
export const handleError: HandleServerError = ({ error, event, status }) => {
  if (status === 404) return { message: m.error_not_found() };
  console.error({ err: error, url: event.url.pathname, status });
  return { message: m.error_unexpected() };
};
