import { error, redirect } from '@sveltejs/kit';
import { SignatoryPageDocument } from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import { execute } from '$lib/server/graphql';
import { pledgesInForce, validatedReportsByYear } from '$lib/signatory-page';
import type { PageServerLoad } from './$types';

/** A page to read: it works in full without JavaScript, so it ships none (docs/adr/0025-reading-pages-without-javascript.md). */
export const csr = false;

/**
 * One signatory's public page, by the organisation's id. An organisation that is not a signatory of this
 * alliance (never signed, pending, withdrawn) is a 404, as is an id that is not one (the `uuid` matcher); a merged
 * organisation's id redirects to the organisation it was merged into.
 */
export const load: PageServerLoad = async ({ fetch, params }) => {
  const { alliance } = await execute(fetch, SignatoryPageDocument, { slug: params.slug, organisationId: params.id });
  const signatory = alliance.signatory;
  if (!signatory) error(404, { message: m.signatory_not_found(), code: 'NOT_FOUND' });
  // The id of an organisation merged into another (a duplicate) leads to that one, for good.
  if (signatory.organisation.id !== params.id) {
    redirect(301, `/alliances/${params.slug}/signatories/${signatory.organisation.id}`);
  }
  const pledges = pledgesInForce(signatory.organisation.pledges, alliance.slug);
  return { signatory, pledges, reports: validatedReportsByYear(pledges) };
};
