import { error } from '@sveltejs/kit';
import { type PledgeFilter, PledgeRegisterDocument } from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import { PLEDGE_PAGE_SIZE, readPledgeFilter } from '$lib/pledge-filter';
import { isPledgeKind, isPolymer, isSector } from '$lib/pledge-labels';
import { execute } from '$lib/server/graphql';
import type { PageServerLoad } from './$types';

/** A page to read: it works in full without JavaScript, so it ships none (docs/adr/0025-reading-pages-without-javascript.md). */
export const csr = false;

export const load: PageServerLoad = async ({ fetch, params, url }) => {
  const values = readPledgeFilter(url.searchParams);
  const after = url.searchParams.get('after') || null;

  // Enums: an unknown value would fail as a GraphQL variable, with a message written for developers.
  const refuse = (field: string, message: string) => error(400, { message, code: 'BAD_USER_INPUT', field });
  if (values.kind && !isPledgeKind(values.kind))
    refuse('filter.kind', m.pledge_filter_invalid_kind({ value: values.kind }));
  if (values.polymer && !isPolymer(values.polymer)) {
    refuse('filter.polymer', m.pledge_filter_invalid_polymer({ value: values.polymer }));
  }
  if (values.sector && !isSector(values.sector)) {
    refuse('filter.sector', m.pledge_filter_invalid_sector({ value: values.sector }));
  }
  const filter: PledgeFilter = {
    ...(values.kind && isPledgeKind(values.kind) ? { kind: values.kind } : {}),
    ...(values.polymer && isPolymer(values.polymer) ? { polymer: values.polymer } : {}),
    ...(values.sector && isSector(values.sector) ? { sector: values.sector } : {}),
    ...(values.workingGroup ? { workingGroup: values.workingGroup } : {}),
    ...(values.country ? { country: values.country } : {}),
  };

  const { alliance } = await execute(fetch, PledgeRegisterDocument, {
    slug: params.slug,
    first: PLEDGE_PAGE_SIZE,
    after,
    filter,
  });
  return { values, after, pledges: alliance.pledges, workingGroups: alliance.workingGroups.nodes };
};
