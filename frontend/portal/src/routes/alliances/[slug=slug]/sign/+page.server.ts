import { fail, redirect } from '@sveltejs/kit';
import { chooseText } from '$lib/declaration-texts';
import { SignDeclarationDocument, SignPageDocument } from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import { formText, problemsFrom } from '$lib/server/forms';
import { execute, request } from '$lib/server/graphql';
import { requireMe } from '$lib/server/session';
import { type SignValues, signFields } from '$lib/sign-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const [me, { alliance }] = await Promise.all([
    requireMe(event),
    execute(event.fetch, SignPageDocument, { slug: event.params.slug }),
  ]);
  const chosen = event.url.searchParams.get('organisation');
  const organisation =
    me.organisations.find((o) => o.organisation.id === chosen) ??
    (me.organisations.length === 1 ? me.organisations[0] : undefined);
  const values: SignValues = {
    organisationId: organisation?.organisation.id ?? '',
    // Until someone gives their name, the API calls them by their address's local part: no name to offer.
    signerName: me.person.name === me.person.email.split('@')[0] ? '' : me.person.name,
    signerJobTitle: organisation?.jobTitle ?? '',
    hasRead: false,
  };
  // The reader's language when the version has a translation into it; `?text=` for another (docs/adr/0029).
  const shown = alliance.declaration
    ? chooseText(alliance.declaration, event.url.searchParams.get('text'), getLocale())
    : null;
  // Links to the other texts keep the page's other parameters (the organisation chosen).
  const keep = new URLSearchParams(event.url.searchParams);
  keep.delete('text');
  return {
    textQuery: keep.toString(),
    person: me.person,
    organisations: me.organisations,
    declaration: alliance.declaration,
    shown,
    signingWindow: alliance.signingWindow,
    values,
  };
};

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const values: SignValues = {
      organisationId: formText(data, 'organisationId'),
      signerName: formText(data, 'signerName'),
      signerJobTitle: formText(data, 'signerJobTitle'),
      hasRead: data.get('hasRead') === 'yes',
    };
    const version = Number(formText(data, 'declarationVersion'));
    const fieldErrors: Record<string, string> = {};
    if (!values.organisationId) fieldErrors.organisationId = m.sign_organisation_required();
    if (!values.hasRead) fieldErrors.hasRead = m.sign_has_read_required();
    if (Object.keys(fieldErrors).length > 0)
      return fail(400, { values, fieldErrors, formError: null, isConflict: false });

    const result = await request(event.fetch, SignDeclarationDocument, {
      input: {
        allianceSlug: event.params.slug,
        organisationId: values.organisationId,
        declarationVersion: Number.isInteger(version) ? version : 0,
        signerName: values.signerName,
        signerJobTitle: values.signerJobTitle,
        // The text the page showed: recorded with the signature, and printed on its certificate.
        textLanguage: formText(data, 'textLanguage') || null,
        textSha256: formText(data, 'textSha256') || null,
      },
    });
    if (result.errors) {
      const problems = problemsFrom(result.errors, {
        prefix: 'input.',
        fields: signFields,
        returnTo: event.url.pathname,
      });
      const isConflict = result.errors.some((e) => e.code === 'CONFLICT');
      return fail(isConflict ? 409 : 400, { values, ...problems, isConflict });
    }
    redirect(303, `/alliances/${event.params.slug}/sign/sent`);
  },
};

// Rendered by the server alone; its forms are ordinary posts (docs/adr/0028).
export const csr = false;
