import { fail } from '@sveltejs/kit';
import { RegisterOrganisationDocument } from '$lib/graphql/operations.generated';
import { checkOrganisation, emptyOrganisation, organisationFields, readOrganisationForm } from '$lib/organisation-form';
import { isLocalPath } from '$lib/paths';
import { problemsFrom } from '$lib/server/forms';
import { request } from '$lib/server/graphql';
import { requireMe } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const me = await requireMe(event);
  const next = event.url.searchParams.get('next');
  return { person: me.person, next: isLocalPath(next) ? next : '', values: emptyOrganisation };
};

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const values = readOrganisationForm(data);
    const next = typeof data.get('next') === 'string' ? String(data.get('next')) : '';
    const { errors, input } = checkOrganisation(values);
    if (!input) return fail(400, { values, fieldErrors: errors, formError: null });

    const result = await request(event.fetch, RegisterOrganisationDocument, { input });
    if (result.errors) {
      const problems = problemsFrom(result.errors, {
        prefix: 'input.',
        fields: organisationFields,
        returnTo: event.url.pathname,
      });
      return fail(400, { values, ...problems });
    }
    const { organisation, possibleDuplicates } = result.data.registerOrganisation;
    return { registered: organisation, possibleDuplicates, next: isLocalPath(next) ? next : '' };
  },
};
