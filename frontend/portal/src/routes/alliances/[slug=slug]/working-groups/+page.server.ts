import { WorkingGroupsDocument } from '$lib/graphql/operations.generated';
import { execute } from '$lib/server/graphql';
import type { PageServerLoad } from './$types';

/** A page to read: it works in full without JavaScript, so it ships none (docs/adr/0025-reading-pages-without-javascript.md). */
export const csr = false;

export const load: PageServerLoad = async ({ fetch, params }) => {
  const { alliance } = await execute(fetch, WorkingGroupsDocument, { slug: params.slug });
  return { workingGroups: alliance.workingGroups.nodes };
};
