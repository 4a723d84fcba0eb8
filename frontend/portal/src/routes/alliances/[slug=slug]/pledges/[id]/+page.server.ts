import { PledgePageDocument } from '$lib/graphql/operations.generated';
import { execute } from '$lib/server/graphql';
import type { PageServerLoad } from './$types';

/** A page to read: it works in full without JavaScript, so it ships none (docs/adr/0025-reading-pages-without-javascript.md). */
export const csr = false;

/** One pledge: public once it was accepted; before that only for its organisation and its reviewers (else 404). */
export const load: PageServerLoad = async ({ fetch, params, locals }) => {
  const [{ alliance }, me] = await Promise.all([
    execute(fetch, PledgePageDocument, { slug: params.slug, id: params.id }),
    locals.hasSession ? locals.me() : Promise.resolve(null),
  ]);
  const pledge = alliance.pledge;
  const isRepresentative = Boolean(me?.organisations.some((o) => o.organisation.id === pledge.organisation.id));
  return { pledge, isRepresentative, ...(me ? { person: me.person } : {}) };
};
