import { fail } from '@sveltejs/kit';
import type { FieldErrors } from '$lib/forms';
import type { PledgeInput } from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import {
  checkPledgeForm,
  emptyPledge,
  type PledgeInputValues,
  type PledgeValues,
  pledgeFields,
  readPledgeForm,
  readStatement,
} from '$lib/pledge-form';
import { pledgeFieldErrors } from '$lib/pledge-form-messages';
import { isPledgeKind, isPolymer, isSector, pledgeKinds, polymers, sectors } from '$lib/pledge-labels';
import { problemsFrom } from './forms';
import type { ApiError } from './graphql';

export interface PledgeSubmission {
  values: PledgeValues;
  input: PledgeInput | null;
  statement: File | null;
  fieldErrors: FieldErrors;
  /** Other fields of the form (hidden ones: organisation, alliance). */
  data: FormData | null;
}

/**
 * Reads a posted pledge form: the figures as typed, the input for the API when nothing is missing, and the
 * statement when a PDF was chosen. A body over the portal's limit (a statement too large) fails the read.
 */
export async function readPledgeSubmission(request: Request): Promise<PledgeSubmission> {
  let data: FormData;
  try {
    data = await request.formData();
  } catch {
    return {
      values: emptyPledge,
      input: null,
      statement: null,
      fieldErrors: { statement: m.pledge_form_body_too_large() },
      data: null,
    };
  }
  const values = readPledgeForm(data);
  const { problems, input } = checkPledgeForm(values, { kinds: pledgeKinds, polymers, sectors });
  const statement = await readStatement(data);
  if (statement.problem) problems.statement = statement.problem;
  const fieldErrors = pledgeFieldErrors(problems);
  const ready = input && Object.keys(fieldErrors).length === 0 ? toPledgeInput(input) : null;
  return {
    values,
    input: ready,
    statement: statement.file,
    fieldErrors,
    data,
  };
}

/** The checked values as the API's typed input; null if an enum is not one the schema knows. */
function toPledgeInput(input: PledgeInputValues): PledgeInput | null {
  const { kind, polymer, sector } = input;
  if (!isPledgeKind(kind) || !isPolymer(polymer) || !isSector(sector)) return null;
  return { ...input, kind, polymer, sector };
}

/** The form handed back as typed, with what is wrong: 400 for input, 409 when the pledge cannot change now. */
export function refusePledge(
  values: PledgeValues,
  {
    fieldErrors = {},
    formError = null,
    status = 400,
  }: { fieldErrors?: FieldErrors; formError?: string | null; status?: number },
) {
  return fail(status, { values, fieldErrors, formError });
}

/** The API's refusal of a pledge mutation, sorted beside the fields (`prefix` is where the API puts them). */
export function refusePledgeFromApi(
  values: PledgeValues,
  errors: readonly ApiError[],
  prefix: string,
  returnTo: string,
) {
  const problems = problemsFrom(errors, {
    prefix,
    fields: pledgeFields,
    returnTo,
  });
  const isConflict = errors.some((e) => e.code === 'CONFLICT');
  return refusePledge(values, { ...problems, status: isConflict ? 409 : 400 });
}
