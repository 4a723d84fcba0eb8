import { redirect } from '@sveltejs/kit';
import { DraftPledgeDocument } from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import { emptyPledge } from '$lib/pledge-form';
import { formText } from '$lib/server/forms';
import { request } from '$lib/server/graphql';
import { pledgeGroupsOf } from '$lib/server/pledge-account';
import { readPledgeSubmission, refusePledge, refusePledgeFromApi } from '$lib/server/pledge-form-action';
import { uploadStatement } from '$lib/server/upload';
import type { Actions, PageServerLoad } from './$types';

/** Drafting a pledge for one organisation in one alliance; with several possible, the person chooses first. */
export const load: PageServerLoad = async ({ parent, url }) => {
  const { account, targets, alliances } = await parent();
  const organisationId = url.searchParams.get('organisation');
  const allianceSlug = url.searchParams.get('alliance');
  const matching = targets.filter(
    (target) =>
      (!organisationId || target.organisationId === organisationId) &&
      (!allianceSlug || target.allianceSlug === allianceSlug),
  );
  const target = matching.length === 1 ? matching[0] : undefined;
  const organisation = account.organisations.find((o) => o.organisation.id === target?.organisationId)?.organisation;
  const workingGroups =
    target && organisation
      ? pledgeGroupsOf(
          organisation,
          alliances.find((a) => a.slug === target.allianceSlug),
        )
      : [];
  return {
    target: target ?? null,
    choices: target ? [] : matching.length > 0 ? matching : targets,
    workingGroups,
    values: emptyPledge,
  };
};

export const actions: Actions = {
  default: async (event) => {
    const submission = await readPledgeSubmission(event.request);
    const { values, input, statement, fieldErrors, data } = submission;
    if (!input || !data) return refusePledge(values, { fieldErrors });
    const organisationId = data ? formText(data, 'organisationId') : '';
    const allianceSlug = data ? formText(data, 'allianceSlug') : '';
    if (!organisationId || !allianceSlug) return refusePledge(values, { formError: m.pledge_form_target_missing() });

    const result = await request(event.fetch, DraftPledgeDocument, {
      input: { allianceSlug, organisationId, pledge: input },
    });
    if (result.errors)
      return refusePledgeFromApi(values, result.errors, 'input.pledge.', event.url.pathname + event.url.search);
    const pledgeId = result.data.draftPledge.id;
    const upload = statement ? await uploadStatement(event, pledgeId, statement) : null;
    // Post, redirect, get: the draft exists now, whatever became of the statement; the page says which.
    redirect(303, `/account/pledges/${pledgeId}?done=drafted${upload && !upload.ok ? '&statement=failed' : ''}`);
  },
};
