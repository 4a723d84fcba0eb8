import type { PageServerLoad } from './$types';

/**
 * The page behind the "Stop these e-mails" link and the List-Unsubscribe address: a GET only asks (link checkers
 * and previews open links without anyone meaning to opt out); the button posts to the same address, where the
 * API acts and comes back here with `done` or `invalid`.
 */
export const load: PageServerLoad = ({ url, setHeaders }) => {
  setHeaders({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
  const token = url.searchParams.get('token') ?? '';
  // Only the wording: what the link stops is the token's own topic, which the API alone decides.
  const topic = url.searchParams.get('topic') === 'announcement' ? ('announcement' as const) : ('review' as const);
  if (url.searchParams.has('done')) return { state: 'done' as const, token: null, topic };
  if (url.searchParams.has('invalid') || !/^[A-Za-z0-9_-]{43}$/.test(token)) {
    return { state: 'invalid' as const, token: null, topic };
  }
  return { state: 'ask' as const, token, topic };
};
