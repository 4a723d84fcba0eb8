import { redirect } from '@sveltejs/kit';
import type { FieldErrors } from '$lib/forms';
import { loginHref } from '$lib/paths';
import { type ApiError, throwApiError } from './graphql';

/** A trimmed text value of a posted form ('' when missing). */
export function formText(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

export interface Problems {
  fieldErrors: FieldErrors;
  /** A message about the form as a whole: a conflict, a rate limit, an input error without a field here. */
  formError: string | null;
}

/**
 * Sorts the API's refusals for a form: an input error on `<prefix><field>` goes beside that field; a
 * conflict, a rate limit, a refusal or another input error goes at the top. A session that ended sends the
 * reader to sign in and come back; anything else is an error page.
 */
export function problemsFrom(
  errors: readonly ApiError[],
  {
    prefix = '',
    fields,
    returnTo,
    fieldOf,
  }: {
    prefix?: string;
    fields: readonly string[];
    returnTo: string;
    /** The form's field for the API's, where the two are not the same but for `prefix`. */
    fieldOf?: (apiField: string | undefined) => string | undefined;
  },
): Problems {
  const problems: Problems = { fieldErrors: {}, formError: null };
  for (const error of errors) {
    if (error.code === 'UNAUTHENTICATED') redirect(303, loginHref(returnTo));
    const field = fieldOf
      ? fieldOf(error.field)
      : error.field?.startsWith(prefix)
        ? error.field.slice(prefix.length)
        : undefined;
    // A CONFLICT can name its field too (a slug already taken): it goes beside it.
    if ((error.code === 'BAD_USER_INPUT' || error.code === 'CONFLICT') && field && fields.includes(field)) {
      problems.fieldErrors[field] ??= error.message;
    } else if (['BAD_USER_INPUT', 'CONFLICT', 'RATE_LIMITED', 'FORBIDDEN'].includes(error.code)) {
      problems.formError ??= error.message;
    } else {
      throwApiError([error]);
    }
  }
  return problems;
}
