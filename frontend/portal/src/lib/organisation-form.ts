import { isCountryCode, isOrganisationKind, isValueChainStage } from '$lib/domain';
import type { FieldErrors } from '$lib/forms';
import type { OrganisationInput, UpdateOrganisationInput } from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';

/** The organisation registration form: its fields in page order, as typed, and what it needs before the API. */

export const organisationFields = [
  'legalName',
  'country',
  'kind',
  'size',
  'stages',
  'website',
  'registrationNumber',
  'transparencyRegisterNumber',
] as const;

export interface OrganisationValues {
  legalName: string;
  country: string;
  kind: string;
  size: string;
  stages: string[];
  website: string;
  registrationNumber: string;
  transparencyRegisterNumber: string;
}

export const emptyOrganisation: OrganisationValues = {
  legalName: '',
  country: '',
  kind: '',
  size: '',
  stages: [],
  website: '',
  registrationNumber: '',
  transparencyRegisterNumber: '',
};

export function readOrganisationForm(data: FormData): OrganisationValues {
  const text = (name: string) => {
    const value = data.get(name);
    return typeof value === 'string' ? value.trim() : '';
  };
  return {
    legalName: text('legalName'),
    country: text('country').toUpperCase(),
    kind: text('kind'),
    size: text('size'),
    stages: data.getAll('stages').filter((value): value is string => typeof value === 'string'),
    website: text('website'),
    registrationNumber: text('registrationNumber'),
    transparencyRegisterNumber: text('transparencyRegisterNumber'),
  };
}

/**
 * What is missing, all at once; the rules on content (lengths, formats) are the API's. Choices must be
 * checked here: an empty or unknown enum value cannot even be sent.
 */
export function checkOrganisation(values: OrganisationValues): {
  errors: FieldErrors;
  input: OrganisationInput | null;
} {
  const errors: FieldErrors = {};
  if (!values.legalName) errors.legalName = m.register_required_legal_name();
  if (!isCountryCode(values.country)) errors.country = m.register_required_country();
  if (!isOrganisationKind(values.kind)) errors.kind = m.register_required_kind();
  if (values.size !== 'SME' && values.size !== 'LARGE') errors.size = m.register_required_size();
  const stages = values.stages.filter(isValueChainStage);
  if (stages.length === 0) errors.stages = m.register_required_stages();
  if (!values.registrationNumber) errors.registrationNumber = m.register_required_registration_number();
  if (
    Object.keys(errors).length > 0 ||
    !isOrganisationKind(values.kind) ||
    (values.size !== 'SME' && values.size !== 'LARGE')
  ) {
    return { errors, input: null };
  }
  return {
    errors,
    input: {
      legalName: values.legalName,
      country: values.country,
      kind: values.kind,
      size: values.size,
      stages,
      website: values.website || null,
      registrationNumber: values.registrationNumber,
      transparencyRegisterNumber: values.transparencyRegisterNumber || null,
    },
  };
}

/** The secretariat's correction: the same fields but the registration number, every one sent (empty text clears). */
export function checkOrganisationCorrection(values: OrganisationValues): {
  errors: FieldErrors;
  input: UpdateOrganisationInput | null;
} {
  const { errors, input } = checkOrganisation({ ...values, registrationNumber: values.registrationNumber || '-' });
  if (!input) return { errors, input: null };
  const { registrationNumber: _kept, ...correction } = input;
  return {
    errors,
    input: { ...correction, website: values.website, transparencyRegisterNumber: values.transparencyRegisterNumber },
  };
}
