import { error } from '@sveltejs/kit';
import { isOrganisationKind, isValueChainStage } from '$lib/domain';
import { SignatoriesDocument, type SignatoryFilter } from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import { execute } from '$lib/server/graphql';
import { PAGE_SIZE, readSignatoryFilter } from '$lib/signatory-filter';
import type { PageServerLoad } from './$types';

/** A page to read: it works in full without JavaScript, so it ships none (docs/adr/0025-reading-pages-without-javascript.md). */
export const csr = false;

export const load: PageServerLoad = async ({ fetch, params, url }) => {
  const values = readSignatoryFilter(url.searchParams);
  const after = url.searchParams.get('after') || null;

  // Kinds and stages are enums: an unknown one would fail as a GraphQL variable, not as a clear message.
  if (values.kind && !isOrganisationKind(values.kind)) {
    error(400, {
      message: m.filter_invalid_kind({ value: values.kind }),
      code: 'BAD_USER_INPUT',
      field: 'filter.kind',
    });
  }
  if (values.stage && !isValueChainStage(values.stage)) {
    error(400, {
      message: m.filter_invalid_stage({ value: values.stage }),
      code: 'BAD_USER_INPUT',
      field: 'filter.stage',
    });
  }
  const filter: SignatoryFilter = {
    ...(values.search ? { search: values.search } : {}),
    ...(values.country ? { country: values.country } : {}),
    ...(values.kind && isOrganisationKind(values.kind) ? { kind: values.kind } : {}),
    ...(values.stage && isValueChainStage(values.stage) ? { stage: values.stage } : {}),
  };

  const { alliance } = await execute(fetch, SignatoriesDocument, {
    slug: params.slug,
    first: PAGE_SIZE,
    after,
    filter,
  });
  return { values, after, signatories: alliance.signatories };
};
