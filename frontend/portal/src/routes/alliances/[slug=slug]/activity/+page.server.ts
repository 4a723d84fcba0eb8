import { loadActivity } from '$lib/server/activity';
import type { PageServerLoad } from './$types';

// A page one only reads: no script (docs/adr/0025-reading-pages-without-javascript.md).
export const csr = false;

/** The alliance's public activity, newest first, a page at a time. */
export const load: PageServerLoad = async ({ fetch, params, url }) => {
  const after = url.searchParams.get('after') || null;
  const { alliance } = await loadActivity(fetch, { slug: params.slug, group: null, after });
  return { activity: alliance.activity, after };
};
