import { error, fail, redirect } from '@sveltejs/kit';
import {
  MergeOrganisationsDocument,
  SecretariatOrganisationDocument,
  UpdateOrganisationDocument,
} from '$lib/graphql/operations.generated';
import { checkOrganisationCorrection, organisationFields, readOrganisationForm } from '$lib/organisation-form';
import { m } from '$lib/paraglide/messages.js';
import { loginHref } from '$lib/paths';
import { formText, problemsFrom } from '$lib/server/forms';
import { execute, request } from '$lib/server/graphql';
import type { Actions, PageServerLoad } from './$types';

/**
 * The secretariat's page of one organisation that signed (or tried to sign) the alliance: correct it, see what
 * changed, merge it into an organisation it was flagged as a duplicate of. Nobody else reaches it (404).
 */
export const load: PageServerLoad = async ({ fetch, locals, url, params }) => {
  if (!locals.hasSession) redirect(303, loginHref(url.pathname));
  const { alliance } = await execute(fetch, SecretariatOrganisationDocument, { slug: params.slug, id: params.id });
  const organisation = alliance.organisation;
  if (!organisation) error(404, m.error_not_found());
  // A merged organisation's address leads to the one it was merged into.
  if (organisation.id !== params.id) redirect(301, `/alliances/${params.slug}/organisations/${organisation.id}`);
  return {
    alliance: { name: alliance.name, slug: alliance.slug },
    organisation,
    values: {
      legalName: organisation.legalName,
      country: organisation.country,
      kind: organisation.kind,
      size: organisation.size,
      stages: [...organisation.stages],
      website: organisation.website ?? '',
      registrationNumber: '',
      transparencyRegisterNumber: organisation.transparencyRegisterNumber ?? '',
    },
    saved: url.searchParams.has('saved'),
    merged: url.searchParams.get('merged'),
  };
};

export const actions: Actions = {
  update: async ({ request: post, fetch, url, params }) => {
    const values = readOrganisationForm(await post.formData());
    const { errors, input } = checkOrganisationCorrection(values);
    if (!input) return fail(400, { update: { values, fieldErrors: errors, formError: null } });
    const result = await request(fetch, UpdateOrganisationDocument, { id: params.id, input });
    if (result.errors) {
      const problems = problemsFrom(result.errors, {
        prefix: 'input.',
        fields: organisationFields,
        returnTo: url.pathname,
      });
      return fail(400, { update: { values, ...problems } });
    }
    redirect(303, `${url.pathname}?saved`);
  },
  merge: async ({ request: post, fetch, url, params }) => {
    const survivorId = formText(await post.formData(), 'survivorId');
    const result = await request(fetch, MergeOrganisationsDocument, { duplicateId: params.id, survivorId });
    if (result.errors) {
      const problems = problemsFrom(result.errors, { fields: [], returnTo: url.pathname });
      return fail(400, { merge: problems });
    }
    redirect(303, `/alliances/${params.slug}/organisations/${result.data.mergeOrganisations.id}?merged`);
  },
};
