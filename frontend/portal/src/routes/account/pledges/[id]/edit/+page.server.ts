import { error, redirect } from '@sveltejs/kit';
import { UpdatePledgeDraftDocument } from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import { pledgeValuesOf } from '$lib/pledge-form';
import { request } from '$lib/server/graphql';
import { allianceOfPledge, findAccountPledge, pledgeGroupsOf } from '$lib/server/pledge-account';
import { readPledgeSubmission, refusePledge, refusePledgeFromApi } from '$lib/server/pledge-form-action';
import { uploadStatement } from '$lib/server/upload';
import type { Actions, PageServerLoad } from './$types';

/** Changing the version being drafted (or sent back with changes requested); anything else goes back. */
export const load: PageServerLoad = async ({ parent, params }) => {
  const { account, alliances } = await parent();
  const found = findAccountPledge(account, params.id);
  if (!found) error(404, { message: m.pledge_account_not_found() });
  const open = found.pledge.openVersion;
  if (!open || (open.status !== 'DRAFT' && open.status !== 'CHANGES_REQUESTED'))
    redirect(303, `/account/pledges/${params.id}`);
  const alliance = allianceOfPledge(found.pledge, alliances);
  return {
    pledge: found.pledge,
    open,
    organisation: found.represented.organisation,
    values: pledgeValuesOf(open),
    workingGroups: pledgeGroupsOf(found.represented.organisation, alliance),
  };
};

export const actions: Actions = {
  default: async (event) => {
    const { values, input, statement, fieldErrors } = await readPledgeSubmission(event.request);
    if (!input) return refusePledge(values, { fieldErrors });
    const pledgeId = event.params.id;
    const result = await request(event.fetch, UpdatePledgeDraftDocument, { pledgeId, pledge: input });
    if (result.errors) return refusePledgeFromApi(values, result.errors, 'pledge.', event.url.pathname);
    const upload = statement ? await uploadStatement(event, pledgeId, statement) : null;
    redirect(303, `/account/pledges/${pledgeId}?done=updated${upload && !upload.ok ? '&statement=failed' : ''}`);
  },
};
