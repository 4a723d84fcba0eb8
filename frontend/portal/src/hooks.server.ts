import { isWellFormedRequestId, loggableUrl, REQUEST_ID_HEADER, traceContextHeaders } from '@concord/schema/values';
import type { Handle, HandleFetch, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { localeOfPath } from '$lib/locale-path';
import { rememberLocale } from '$lib/locale-strategy';
import { m } from '$lib/paraglide/messages.js';
import { getTextDirection } from '$lib/paraglide/runtime.js';
import { paraglideMiddleware } from '$lib/paraglide/server.js';
import { apiUrl } from '$lib/server/graphql';
import { chooseLocale } from '$lib/server/locale';
import { keepLocaleInRedirect, withVary } from '$lib/server/locale-redirect';
import { isAccessLogOn, log } from '$lib/server/log';
import { guardProcess } from '$lib/server/process-errors';
import { withSecurityHeaders } from '$lib/server/security-headers';
import { hasSessionCookie, loadMe, type Me } from '$lib/server/session';

/** Once, as the server starts: errors that escape a request do not stop the portal run on its own. */
export const init: ServerInit = () => {
  guardProcess();
};

/**
 * The request's id: the one that came with it when well formed (a proxy's, or the all-in-one process's, which
 * Fastify logged the request under), a new one otherwise. Every call to the API carries it, the answer says it, and
 * every log line of the request has it.
 */
const requestId: Handle = async ({ event, resolve }) => {
  const incoming = event.request.headers.get(REQUEST_ID_HEADER);
  event.locals.requestId = isWellFormedRequestId(incoming) ? incoming : crypto.randomUUID();
  const started = performance.now();
  let response = await resolve(event);
  try {
    response.headers.set(REQUEST_ID_HEADER, event.locals.requestId);
  } catch {
    // A response whose headers are immutable (one fetched and passed on) gets a copy.
    response = new Response(response.body, response);
    response.headers.set(REQUEST_ID_HEADER, event.locals.requestId);
  }
  if (isAccessLogOn()) {
    log.info(
      {
        req: { method: event.request.method, url: loggableUrl(event.url.pathname + event.url.search) },
        res: { statusCode: response.status },
        responseTime: performance.now() - started,
      },
      'request completed',
    );
  }
  return response;
};

/**
 * Picks the request's language (`chooseLocale`, ADR 0019) and writes it into `<html lang>`, so that messages and
 * Intl agree with it. A page read at a language's address keeps it: the redirects its routes answer with (written
 * without the prefix) get it back here, whether the browser follows them or a script does.
 */
const locale: Handle = async ({ event, resolve }) => {
  const chosen = await chooseLocale(event);
  rememberLocale(event.request, chosen);
  const response = await paraglideMiddleware(event.request, ({ request, locale }) => {
    event.request = request;
    return resolve(event, {
      transformPageChunk: ({ html }) => html.replace('%lang%', locale).replace('%dir%', getTextDirection(locale)),
    });
  });
  const addressed = localeOfPath(event.url.pathname);
  if (addressed === undefined) return withVary(response, 'Cookie, Accept-Language');
  return keepLocaleInRedirect(response, event, addressed);
};

/**
 * Who is signed in, asked of the API only by the pages that need it (`await locals.me()`, once per
 * request): public pages cost no extra statement, and the header only needs to know that a cookie is there.
 */
const session: Handle = ({ event, resolve }) => {
  const hasSession = hasSessionCookie(event.cookies);
  let me: Promise<Me | null> | undefined;
  event.locals.hasSession = hasSession;
  event.locals.me = () => {
    me ??= loadMe(event.fetch, hasSession);
    return me;
  };
  return resolve(event);
};

/** nosniff, Referrer-Policy, Permissions-Policy and (over https) HSTS on every page and endpoint. */
const security: Handle = async ({ event, resolve }) => withSecurityHeaders(await resolve(event), event.url);

export const handle = sequence(requestId, security, locale, session);

/**
 * Every call to the API carries the browser's cookies (the session), the browser's address (the API's
 * rate limits count per client, and would otherwise see only the portal), the request's id and its W3C trace context. It goes straight to the API,
 * whatever origin the API shares with the portal, so that cookies never flow by accident: the log-in
 * action copies the session cookie itself.
 */
export const handleFetch: HandleFetch = async ({ event, request, fetch }) => {
  if (request.url !== apiUrl()) return fetch(request);
  const headers = new Headers(request.headers);
  const cookie = event.request.headers.get('cookie');
  if (cookie) headers.set('cookie', cookie);
  else headers.delete('cookie');
  headers.set('x-forwarded-for', event.getClientAddress());
  headers.set(REQUEST_ID_HEADER, event.locals.requestId);
  // The caller's trace (a proxy's or a load balancer's), which the API's spans then join.
  headers.delete('traceparent');
  headers.delete('tracestate');
  for (const [name, value] of Object.entries(traceContextHeaders((n) => event.request.headers.get(n)))) {
    headers.set(name, value);
  }
  return globalThis.fetch(request.url, {
    method: request.method,
    headers,
    body: request.method === 'GET' || request.method === 'HEAD' ? null : await request.text(),
    signal: request.signal,
  });
};

/** Unexpected errors are logged with their stack here and shown to the reader without internals. */
export const handleError: HandleServerError = ({ error, event, status }) => {
  if (status === 404) return { message: m.error_not_found() };
  log.error({ err: error, url: event.url.pathname, status }, 'request failed');
  return { message: m.error_unexpected() };
};
