import { WorkingGroupsDocument } from '$lib/graphql/operations.generated';
import { execute } from '$lib/server/graphql';
import { viewerRolesOf } from '$lib/server/meeting-viewer';
import type { PageServerLoad } from './$types';

/** A page to read: it works in full without JavaScript, so it ships none (docs/adr/0025-reading-pages-without-javascript.md). */
export const csr = false;

export const load: PageServerLoad = async ({ fetch, params, locals }) => {
  const [{ alliance }, roles] = await Promise.all([
    execute(fetch, WorkingGroupsDocument, { slug: params.slug }),
    viewerRolesOf(locals, params.slug),
  ]);
  // The secretariat is offered to create a group; the API decides again.
  return { workingGroups: alliance.workingGroups.nodes, isSecretariat: roles.isSecretariat };
};
