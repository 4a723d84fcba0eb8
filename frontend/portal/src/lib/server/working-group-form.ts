import { error, type RequestEvent } from '@sveltejs/kit';
import { isValueChainStage } from '$lib/domain';
import type { FieldErrors } from '$lib/forms';
import type { WorkingGroupInput, WorkingGroupKind, WorkingGroupStatus } from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import { formText, problemsFrom } from '$lib/server/forms';
import type { ApiError } from '$lib/server/graphql';
import { viewerRolesOf } from '$lib/server/meeting-viewer';
import { requireMe } from '$lib/server/session';
import { type WorkingGroupValues, workingGroupFields } from '$lib/working-group-form';

const kinds: readonly WorkingGroupKind[] = ['SECTOR', 'HORIZONTAL'];
const statuses: readonly WorkingGroupStatus[] = ['ACTIVE', 'CLOSED'];

/**
 * The values as posted, and the API's input when the choices are ones the API knows (a missing kind is said here:
 * the API's type would refuse the request whole). The API checks the rest and names the field.
 */
export function readWorkingGroupForm(data: FormData): {
  values: WorkingGroupValues;
  input: WorkingGroupInput | null;
  fieldErrors: FieldErrors;
} {
  const values: WorkingGroupValues = {
    name: formText(data, 'name'),
    slug: formText(data, 'slug'),
    kind: formText(data, 'kind'),
    mandate: String(data.get('mandate') ?? ''),
    relevantStages: data.getAll('relevantStages').map(String),
    status: formText(data, 'status') || 'ACTIVE',
  };
  const fieldErrors: FieldErrors = {};
  const kind = kinds.find((k) => k === values.kind);
  if (!kind) fieldErrors.kind = m.wg_form_kind_required();
  const status = statuses.find((s) => s === values.status) ?? 'ACTIVE';
  if (!kind) return { values, input: null, fieldErrors };
  return {
    values,
    input: {
      name: values.name,
      slug: values.slug,
      kind,
      mandate: values.mandate,
      status,
      relevantStages: values.relevantStages.filter(isValueChainStage),
    },
    fieldErrors,
  };
}

/** The group pages are the secretariat's: signed out, the log-in page and back; anyone else, the 403 the API implies. */
export async function requireSecretariat(event: Pick<RequestEvent, 'locals' | 'url' | 'cookies' | 'params'>) {
  await requireMe(event);
  if (!(await viewerRolesOf(event.locals, event.params.slug ?? '')).isSecretariat) {
    error(403, { message: m.error_forbidden(), code: 'FORBIDDEN' });
  }
}

/** The API's refusals of a group's input, each beside its field (`input.<field>`), the rest above the form. */
export const workingGroupProblems = (errors: readonly ApiError[], url: URL) =>
  problemsFrom(errors, { prefix: 'input.', fields: workingGroupFields, returnTo: url.pathname });
