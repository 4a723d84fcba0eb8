import { AllianceHomeDocument } from '$lib/graphql/operations.generated';
import { execute } from '$lib/server/graphql';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, params }) => {
  const { alliance } = await execute(fetch, AllianceHomeDocument, { slug: params.slug });
  return { home: alliance };
};
