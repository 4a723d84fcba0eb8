import { AllianceHomeDocument } from '$lib/graphql/operations.generated';
import { execute } from '$lib/server/graphql';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, params }) => {
  const { alliance } = await execute(fetch, AllianceHomeDocument, { slug: params.slug });
  return { home: alliance };
};

// Rendered by the server alone: the live signatory count is a script of its own (docs/adr/0028).
export const csr = false;
