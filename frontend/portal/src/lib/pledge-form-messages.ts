import type { FieldErrors } from '$lib/forms';
import { m } from '$lib/paraglide/messages.js';
import type { PledgeField, PledgeProblem } from './pledge-form';

const messages: Record<PledgeProblem, () => string> = {
  kind_required: m.pledge_form_kind_required,
  polymer_required: m.pledge_form_polymer_required,
  sector_required: m.pledge_form_sector_required,
  tonnes_required: m.pledge_form_tonnes_required,
  tonnes_format: m.pledge_form_tonnes_format,
  year_required: m.pledge_form_year_required,
  year_format: m.pledge_form_year_format,
  statement_not_pdf: m.pledge_form_statement_not_pdf,
  statement_too_large: m.pledge_form_statement_too_large,
};

/** The pledge form's problems in words, one per field. */
export function pledgeFieldErrors(problems: Partial<Record<PledgeField, PledgeProblem>>): FieldErrors {
  const errors: FieldErrors = {};
  for (const [field, problem] of Object.entries(problems)) if (problem) errors[field] = messages[problem]();
  return errors;
}
