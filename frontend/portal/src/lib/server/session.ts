import { type Cookies, type RequestEvent, redirect } from '@sveltejs/kit';
import { MeDocument, type MeQuery } from '$lib/graphql/operations.generated';
import { loginHref } from '$lib/paths';
import { execute } from '$lib/server/graphql';

/**
 * The session lives in the API: it sets an httpOnly cookie (`__Host-` prefixed on https), which the
 * portal copies to the browser at sign-in and forwards with every API call (hooks.server.ts).
 */
export const SESSION_COOKIES = ['__Host-concord_session', 'concord_session'] as const;

export type Me = NonNullable<MeQuery['me']>;

export function hasSessionCookie(cookies: Cookies): boolean {
  return SESSION_COOKIES.some((name) => Boolean(cookies.get(name)));
}

/** Asks the API who is signed in; without a session cookie it does not ask at all. */
export async function loadMe(fetch: typeof globalThis.fetch, hasSession: boolean): Promise<Me | null> {
  if (!hasSession) return null;
  const { me } = await execute(fetch, MeDocument, {});
  return me;
}

export function deleteSessionCookies(cookies: Cookies): void {
  for (const name of SESSION_COOKIES) {
    if (cookies.get(name)) cookies.delete(name, { path: '/', secure: name.startsWith('__Host-') });
  }
}

/**
 * The signed-in person, or a redirect to the log-in page that comes back here. A cookie whose session
 * ended is removed, so the header stops offering an account that is not there.
 */
export async function requireMe(event: Pick<RequestEvent, 'locals' | 'url' | 'cookies'>): Promise<Me> {
  const me = await event.locals.me();
  if (!me) {
    if (event.locals.hasSession) deleteSessionCookies(event.cookies);
    redirect(303, loginHref(event.url.pathname + event.url.search));
  }
  return me;
}

interface SessionCookie {
  name: string;
  value: string;
  secure: boolean;
  maxAge?: number;
  expires?: Date;
}

/** Reads the session cookie out of the API's `Set-Cookie` headers. */
export function readSessionCookie(headers: Headers): SessionCookie | null {
  for (const header of headers.getSetCookie()) {
    const [pair = '', ...attributes] = header.split(';');
    const equals = pair.indexOf('=');
    const name = pair.slice(0, equals).trim();
    if (!(SESSION_COOKIES as readonly string[]).includes(name)) continue;
    const cookie: SessionCookie = { name, value: pair.slice(equals + 1).trim(), secure: false };
    for (const attribute of attributes) {
      const [key = '', ...rest] = attribute.split('=');
      const value = rest.join('=').trim();
      switch (key.trim().toLowerCase()) {
        case 'secure':
          cookie.secure = true;
          break;
        case 'max-age':
          if (/^-?\d+$/.test(value)) cookie.maxAge = Number(value);
          break;
        case 'expires': {
          const date = new Date(value);
          if (!Number.isNaN(date.getTime())) cookie.expires = date;
          break;
        }
      }
    }
    return cookie.value ? cookie : null;
  }
  return null;
}

/** Gives the browser the session the API opened: same name and lifetime, httpOnly, SameSite=Lax, path `/`. */
export function copySessionCookie(headers: Headers, cookies: Cookies): boolean {
  const cookie = readSessionCookie(headers);
  if (!cookie) return false;
  cookies.set(cookie.name, cookie.value, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: cookie.secure,
    ...(cookie.maxAge !== undefined ? { maxAge: cookie.maxAge } : {}),
    ...(cookie.expires ? { expires: cookie.expires } : {}),
    // The API's value goes to the browser byte for byte.
    encode: (value) => value,
  });
  return true;
}
