import { formText, problemsFrom } from '$lib/server/forms';
import type { ApiError } from '$lib/server/graphql';

/**
 * The forms that name a representative of an organisation (a working group's chair, a steering-committee seat) post
 * one choice, `holder`, as "organisationId:personId": the person and the organisation they sit for together.
 */
export function readHolder(data: FormData): { holder: string; organisationId: string; personId: string } {
  const holder = formText(data, 'holder');
  const [organisationId = '', personId = ''] = holder.split(':');
  return { holder, organisationId, personId };
}

/** The API's refusals of such a choice, beside the one field: the organisation and the person are one choice here. */
export function holderProblems(errors: readonly ApiError[], returnTo: string) {
  return problemsFrom(errors, {
    fields: ['holder'],
    returnTo,
    fieldOf: (field) => (field === 'personId' || field === 'organisationId' ? 'holder' : undefined),
  });
}
