import { error, redirect } from '@sveltejs/kit';
import { AmendPledgeDocument } from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import { pledgeValuesOf } from '$lib/pledge-form';
import { request } from '$lib/server/graphql';
import { allianceOfPledge, findAccountPledge, pledgeGroupsOf } from '$lib/server/pledge-account';
import { readPledgeSubmission, refusePledge, refusePledgeFromApi } from '$lib/server/pledge-form-action';
import { uploadStatement } from '$lib/server/upload';
import type { Actions, PageServerLoad } from './$types';

/** Proposing new figures for an accepted pledge: a new version; the accepted one stays in force meanwhile. */
export const load: PageServerLoad = async ({ parent, params }) => {
  const { account, alliances } = await parent();
  const found = findAccountPledge(account, params.id);
  if (!found) error(404, { message: m.pledge_account_not_found() });
  // Only an accepted pledge without an amendment under way: otherwise its page says what is going on.
  if (found.pledge.status !== 'ACCEPTED' || found.pledge.openVersion) redirect(303, `/account/pledges/${params.id}`);
  const alliance = allianceOfPledge(found.pledge, alliances);
  return {
    pledge: found.pledge,
    organisation: found.represented.organisation,
    values: pledgeValuesOf(found.pledge),
    workingGroups: pledgeGroupsOf(found.represented.organisation, alliance),
  };
};

export const actions: Actions = {
  default: async (event) => {
    const { values, input, statement, fieldErrors } = await readPledgeSubmission(event.request);
    if (!input) return refusePledge(values, { fieldErrors });
    const pledgeId = event.params.id;
    const result = await request(event.fetch, AmendPledgeDocument, { pledgeId, pledge: input });
    if (result.errors) return refusePledgeFromApi(values, result.errors, 'pledge.', event.url.pathname);
    // The statement goes with the new version: the amendment is now the version being drafted.
    const upload = statement ? await uploadStatement(event, pledgeId, statement) : null;
    redirect(303, `/account/pledges/${pledgeId}?done=amended${upload && !upload.ok ? '&statement=failed' : ''}`);
  },
};
