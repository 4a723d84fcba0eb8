import { AlliancesDocument } from '$lib/graphql/operations.generated';
import { execute } from '$lib/server/graphql';
import type { PageServerLoad } from './$types';

/** A page to read: it works in full without JavaScript, so it ships none (docs/adr/0025-reading-pages-without-javascript.md). */
export const csr = false;

/** The alliances whose files the page links to; the documentation itself is the portal's own. */
export const load: PageServerLoad = async ({ fetch }) => {
  const { alliances } = await execute(fetch, AlliancesDocument, {});
  return { alliances: alliances.nodes.map(({ slug, name }) => ({ slug, name })) };
};
