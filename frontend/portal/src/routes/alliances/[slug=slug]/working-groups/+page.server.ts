import { WorkingGroupsDocument } from '$lib/graphql/operations.generated';
import { execute } from '$lib/server/graphql';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, params }) => {
  const { alliance } = await execute(fetch, WorkingGroupsDocument, { slug: params.slug });
  return { workingGroups: alliance.workingGroups.nodes };
};
