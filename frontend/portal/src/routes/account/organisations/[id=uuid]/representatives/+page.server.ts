import { error, fail, redirect } from '@sveltejs/kit';
import {
  InviteRepresentativeDocument,
  OrganisationRepresentativesDocument,
  RemoveRepresentativeDocument,
} from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import { loginHref } from '$lib/paths';
import { formText, problemsFrom } from '$lib/server/forms';
import { execute, request } from '$lib/server/graphql';
import type { Actions, PageServerLoad } from './$types';

/** A representative's page of their organisation's representatives: who they are, invitations open, invite, remove. */
export const load: PageServerLoad = async ({ fetch, locals, url, params }) => {
  if (!locals.hasSession) redirect(303, loginHref(url.pathname));
  const { me } = await execute(fetch, OrganisationRepresentativesDocument, {});
  if (!me) redirect(303, loginHref(url.pathname));
  const represented = me.organisations.find((o) => o.organisation.id === params.id);
  // Not theirs (or no longer): the same answer as an organisation that does not exist.
  if (!represented) error(404, m.error_not_found());
  return {
    organisation: represented.organisation,
    myId: me.person.id,
    invited: url.searchParams.get('invited'),
    isRemoved: url.searchParams.has('removed'),
  };
};

const back = (url: URL, query: string) => redirect(303, `${url.pathname}?${query}`);

export const actions: Actions = {
  invite: async ({ request: post, fetch, url, params }) => {
    const email = formText(await post.formData(), 'email');
    const result = await request(fetch, InviteRepresentativeDocument, { organisationId: params.id, email });
    if (result.errors) {
      const problems = problemsFrom(result.errors, { fields: ['email'], returnTo: url.pathname });
      return fail(400, { invite: { values: { email }, ...problems } });
    }
    back(url, `invited=${encodeURIComponent(email)}`);
  },
  remove: async ({ request: post, fetch, url, params }) => {
    const data = await post.formData();
    const personId = formText(data, 'personId');
    const result = await request(fetch, RemoveRepresentativeDocument, { organisationId: params.id, personId });
    if (result.errors) {
      const problems = problemsFrom(result.errors, { fields: [], returnTo: url.pathname });
      return fail(400, { remove: { personId, ...problems } });
    }
    // Having removed oneself, the page is no longer one's own.
    if (formText(data, 'isSelf') === 'true') redirect(303, '/account');
    back(url, 'removed');
  },
};
