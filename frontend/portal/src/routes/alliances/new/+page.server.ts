import { error, fail, redirect } from '@sveltejs/kit';
import { addressesOf, checkCreate, createFields, emptyCreate, formFieldOf, readCreate } from '$lib/alliance-form';
import { allianceFieldErrors } from '$lib/alliance-form-messages';
import { CreateAllianceDocument } from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import { problemsFrom } from '$lib/server/forms';
import { request } from '$lib/server/graphql';
import { requireMe } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

/** Setting up an alliance: a platform administrator's page (anyone else gets the 403 the API would give). */
export const load: PageServerLoad = async (event) => {
  const me = await requireMe(event);
  if (!me.isPlatformAdministrator) error(403, { message: m.error_forbidden(), code: 'FORBIDDEN' });
  return { values: emptyCreate };
};

export const actions: Actions = {
  default: async (event) => {
    const values = readCreate(await event.request.formData());
    const { errors, input } = checkCreate(values);
    if (!input) return fail(400, { values, fieldErrors: allianceFieldErrors(errors), formError: null });

    const result = await request(event.fetch, CreateAllianceDocument, { input });
    if (result.errors) {
      const problems = problemsFrom(result.errors, {
        fields: createFields,
        returnTo: event.url.pathname,
        fieldOf: formFieldOf,
      });
      // Which of the addresses typed the API refused: the message names it.
      const refused = result.errors.find((e) => e.field?.startsWith('input.secretariatEmails['));
      const index = Number(/\[(\d+)\]$/.exec(refused?.field ?? '')?.[1]);
      const address = addressesOf(values.secretariatEmails)[index];
      if (refused && address) {
        problems.fieldErrors.secretariatEmails = m.alliance_form_secretariat_address({
          address,
          message: refused.message,
        });
      }
      return fail(400, { values, ...problems });
    }
    redirect(303, `/alliances/${result.data.createAlliance.slug}/settings?created=1`);
  },
};
