import type { AllianceProblem, AllianceProblems } from '$lib/alliance-form';
import type { FieldErrors } from '$lib/forms';
import { m } from '$lib/paraglide/messages.js';

const messages: Record<AllianceProblem, () => string> = {
  required_name: m.alliance_form_required_name,
  required_slug: m.alliance_form_required_slug,
  required_purpose: m.alliance_form_required_purpose,
  required_contact: m.alliance_form_required_contact,
  required_tonnes: m.alliance_form_required_tonnes,
  tonnes_format: m.alliance_form_tonnes_format,
  required_flow: m.alliance_form_required_flow,
  year_invalid: m.alliance_form_year_invalid,
  date_invalid: m.alliance_form_date_invalid,
  required_language: m.alliance_form_required_language,
  required_secretariat: m.alliance_form_required_secretariat,
  required_label: m.sub_target_required_label,
  required_scope: m.sub_target_required_scope,
};

/** The reader's words for what the alliance forms found missing or malformed. */
export function allianceFieldErrors(problems: AllianceProblems): FieldErrors {
  return Object.fromEntries(
    Object.entries(problems).flatMap(([field, problem]) => (problem ? [[field, messages[problem]()]] : [])),
  );
}
