import { redirect } from '@sveltejs/kit';
import { AlliancesDocument } from '$lib/graphql/operations.generated';
import { execute } from '$lib/server/graphql';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch }) => {
  const { alliances } = await execute(fetch, AlliancesDocument, {});
  const [only] = alliances.nodes;
  // Most deployments host one alliance: its home is the start page.
  if (alliances.totalCount === 1 && only) redirect(307, `/alliances/${only.slug}`);
  return { alliances: alliances.nodes };
};
