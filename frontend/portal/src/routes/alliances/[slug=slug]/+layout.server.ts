import { AllianceShellDocument } from '$lib/graphql/operations.generated';
import { execute } from '$lib/server/graphql';
import type { LayoutServerLoad } from './$types';

/** The alliance every page below needs for its header; an unknown slug is a 404 here, once. */
export const load: LayoutServerLoad = async ({ fetch, params }) => {
  const { alliance } = await execute(fetch, AllianceShellDocument, { slug: params.slug });
  return { alliance };
};
