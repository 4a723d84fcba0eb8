import type { PageServerLoad } from './$types';

/**
 * The page behind the "Stop these e-mails" link and the List-Unsubscribe address: a GET only asks (link checkers
 * and previews open links without anyone meaning to opt out); the button posts to the same address, where the
 * API acts and comes back here with `done` or `invalid`.
 */
/** The page's wording for a link's topic: a digest's links (daily or weekly) read alike. */
function wordingOf(topic: string | null): 'review' | 'announcement' | 'daily-digest' | 'weekly-digest' {
  return topic === 'announcement' || topic === 'daily-digest' || topic === 'weekly-digest' ? topic : 'review';
}

export const load: PageServerLoad = ({ url, setHeaders }) => {
  setHeaders({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
  const token = url.searchParams.get('token') ?? '';
  // Only the wording: what the link stops is the token's own topic, which the API alone decides.
  const topic = wordingOf(url.searchParams.get('topic'));
  if (url.searchParams.has('done')) return { state: 'done' as const, token: null, topic };
  if (url.searchParams.has('invalid') || !/^[A-Za-z0-9_-]{43}$/.test(token)) {
    return { state: 'invalid' as const, token: null, topic };
  }
  return { state: 'ask' as const, token, topic };
};
