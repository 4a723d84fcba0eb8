import { AllianceAnnouncementsDocument } from '$lib/graphql/operations.generated';
import { execute } from '$lib/server/graphql';
import type { PageServerLoad } from './$types';

// A page one only reads: no script (docs/adr/0025-reading-pages-without-javascript.md).
export const csr = false;

/** The alliance's announcements, newest first; the secretariat is offered to write one. */
export const load: PageServerLoad = async ({ fetch, params, url }) => {
  const after = url.searchParams.get('after') || null;
  const { alliance } = await execute(fetch, AllianceAnnouncementsDocument, { slug: params.slug, after });
  return { announcements: alliance, after, isSent: url.searchParams.get('sent') === '1' };
};
