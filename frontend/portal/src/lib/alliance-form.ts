import { isAllianceLanguage, normaliseTonnes } from '@concord/schema/values';
import type {
  ApplicationSector,
  CreateAllianceInput,
  Polymer,
  SigningWindowInput,
  SubTargetInput,
  TargetFlow,
  TargetInput,
  UpdateAllianceInput,
} from '$lib/graphql/operations.generated';
import { isPolymer, isSector } from './domain';

/** Why a field cannot be sent yet; alliance-form-messages.ts words each for the reader. */
export type AllianceProblem =
  | 'required_name'
  | 'required_slug'
  | 'required_purpose'
  | 'required_contact'
  | 'required_tonnes'
  | 'tonnes_format'
  | 'required_flow'
  | 'year_invalid'
  | 'date_invalid'
  | 'required_language'
  | 'required_secretariat'
  | 'required_label'
  | 'required_scope';

export type AllianceProblems = Partial<Record<string, AllianceProblem>>;

/**
 * The alliance forms (setting one up, its settings, its target): their fields in page order, as typed, what they
 * need before the API, and where the API's refusals go. Content rules (lengths, formats, the slug) are the API's.
 */

/** What a target can count, in the order the form offers them. */
export const targetFlows = ['UPTAKE', 'SUPPLY', 'BOTH'] as const satisfies readonly TargetFlow[];

export const settingsFields = [
  'name',
  'purpose',
  'contactEmail',
  'opensOn',
  'closesOn',
  'mainLanguage',
  'languages',
] as const;
export const targetFields = ['targetTonnes', 'targetFlow', 'targetYear', 'baselineYear', 'baselineTonnes'] as const;
/** The set-up form: the settings, the slug, the target and the first secretariat members. */
export const createFields = [
  'name',
  'slug',
  'purpose',
  'contactEmail',
  ...targetFields,
  'opensOn',
  'closesOn',
  'mainLanguage',
  'languages',
  'secretariatEmails',
] as const;

export interface SettingsValues {
  name: string;
  purpose: string;
  contactEmail: string;
  opensOn: string;
  closesOn: string;
  mainLanguage: string;
  /** The other languages, besides the main one. */
  languages: string[];
}

export interface TargetValues {
  targetTonnes: string;
  targetFlow: string;
  targetYear: string;
  baselineYear: string;
  baselineTonnes: string;
}

export interface CreateValues extends SettingsValues, TargetValues {
  slug: string;
  /** One address a line (commas and semicolons separate too). */
  secretariatEmails: string;
}

export const emptyCreate: CreateValues = {
  name: '',
  slug: '',
  purpose: '',
  contactEmail: '',
  targetTonnes: '',
  targetFlow: '',
  targetYear: '',
  baselineYear: '',
  baselineTonnes: '',
  opensOn: '',
  closesOn: '',
  mainLanguage: 'en',
  languages: [],
  secretariatEmails: '',
};

const text = (data: FormData, name: string) => {
  const value = data.get(name);
  return typeof value === 'string' ? value.trim() : '';
};

export function readSettings(data: FormData): SettingsValues {
  return {
    name: text(data, 'name'),
    purpose: text(data, 'purpose'),
    contactEmail: text(data, 'contactEmail'),
    opensOn: text(data, 'opensOn'),
    closesOn: text(data, 'closesOn'),
    mainLanguage: text(data, 'mainLanguage'),
    languages: data.getAll('languages').filter((value): value is string => typeof value === 'string'),
  };
}

export function readTarget(data: FormData): TargetValues {
  return {
    targetTonnes: text(data, 'targetTonnes'),
    targetFlow: text(data, 'targetFlow'),
    targetYear: text(data, 'targetYear'),
    baselineYear: text(data, 'baselineYear'),
    baselineTonnes: text(data, 'baselineTonnes'),
  };
}

export function readCreate(data: FormData): CreateValues {
  return {
    ...readSettings(data),
    ...readTarget(data),
    slug: text(data, 'slug'),
    secretariatEmails: typeof data.get('secretariatEmails') === 'string' ? String(data.get('secretariatEmails')) : '',
  };
}

/** The addresses typed, one a line (or separated by commas, semicolons or spaces). */
export const addressesOf = (typed: string): string[] => typed.split(/[\s,;]+/).filter(Boolean);

const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);
const isYear = (value: string) => /^\d{4}$/.test(value);

/** The main language first, then the others in the order of the list, each once. */
export const languagesOf = (values: Pick<SettingsValues, 'mainLanguage' | 'languages'>): string[] => [
  values.mainLanguage,
  ...values.languages.filter((tag) => tag !== values.mainLanguage),
];

export function checkSettings(values: SettingsValues): { errors: AllianceProblems; input: UpdateAllianceInput } {
  const errors: AllianceProblems = {};
  if (!values.name) errors.name = 'required_name';
  if (!values.purpose) errors.purpose = 'required_purpose';
  if (!values.contactEmail) errors.contactEmail = 'required_contact';
  const window: SigningWindowInput = {};
  if (values.opensOn && !isDate(values.opensOn)) errors.opensOn = 'date_invalid';
  else window.opensOn = values.opensOn || null;
  if (values.closesOn && !isDate(values.closesOn)) errors.closesOn = 'date_invalid';
  else window.closesOn = values.closesOn || null;
  if (!isAllianceLanguage(values.mainLanguage)) errors.mainLanguage = 'required_language';
  return {
    errors,
    input: {
      name: values.name,
      purpose: values.purpose,
      contactEmail: values.contactEmail,
      signingWindow: window,
      languages: languagesOf(values),
    },
  };
}

export function checkTarget(values: TargetValues): { errors: AllianceProblems; target: TargetInput | null } {
  const errors: AllianceProblems = {};
  const tonnes = normaliseTonnes(values.targetTonnes);
  if (!values.targetTonnes) errors.targetTonnes = 'required_tonnes';
  else if (tonnes === null) errors.targetTonnes = 'tonnes_format';
  const baselineTonnes = values.baselineTonnes ? normaliseTonnes(values.baselineTonnes) : null;
  if (values.baselineTonnes && baselineTonnes === null) errors.baselineTonnes = 'tonnes_format';
  const counts = targetFlows.find((flow) => flow === values.targetFlow) ?? null;
  if (!counts) errors.targetFlow = 'required_flow';
  if (!isYear(values.targetYear)) errors.targetYear = 'year_invalid';
  if (!isYear(values.baselineYear)) errors.baselineYear = 'year_invalid';
  if (Object.keys(errors).length > 0 || tonnes === null || !counts) return { errors, target: null };
  return {
    errors,
    target: {
      tonnes,
      counts,
      year: Number(values.targetYear),
      baselineYear: Number(values.baselineYear),
      baselineTonnes,
    },
  };
}

export function checkCreate(values: CreateValues): { errors: AllianceProblems; input: CreateAllianceInput | null } {
  const settings = checkSettings(values);
  const target = checkTarget(values);
  const errors: AllianceProblems = { ...settings.errors, ...target.errors };
  if (!values.slug) errors.slug = 'required_slug';
  const secretariatEmails = addressesOf(values.secretariatEmails);
  if (secretariatEmails.length === 0) errors.secretariatEmails = 'required_secretariat';
  if (Object.keys(errors).length > 0 || !target.target) return { errors, input: null };
  return {
    errors,
    input: {
      name: values.name,
      slug: values.slug,
      purpose: values.purpose,
      contactEmail: values.contactEmail,
      target: target.target,
      signingWindow: settings.input.signingWindow ?? null,
      languages: languagesOf(values),
      secretariatEmails,
    },
  };
}

/** A sub-target's form: its fields in page order, as typed (polymer and sector: an enum value or empty). */
export const subTargetFields = ['label', 'polymer', 'sector', 'tonnes', 'year'] as const;

export interface SubTargetValues {
  label: string;
  polymer: string;
  sector: string;
  tonnes: string;
  year: string;
}

export const emptySubTarget: SubTargetValues = { label: '', polymer: '', sector: '', tonnes: '', year: '' };

export function readSubTarget(data: FormData): SubTargetValues {
  return {
    label: text(data, 'label'),
    polymer: text(data, 'polymer'),
    sector: text(data, 'sector'),
    tonnes: text(data, 'tonnes'),
    year: text(data, 'year'),
  };
}

/** What a sub-target needs before the API: a label, a polymer or a sector, tonnes and a year. */
export function checkSubTarget(values: SubTargetValues): { errors: AllianceProblems; input: SubTargetInput | null } {
  const errors: AllianceProblems = {};
  if (!values.label) errors.label = 'required_label';
  const polymer: Polymer | null = isPolymer(values.polymer) ? values.polymer : null;
  const sector: ApplicationSector | null = isSector(values.sector) ? values.sector : null;
  if (!polymer && !sector) errors.polymer = 'required_scope';
  const tonnes = normaliseTonnes(values.tonnes);
  if (!values.tonnes) errors.tonnes = 'required_tonnes';
  else if (tonnes === null) errors.tonnes = 'tonnes_format';
  if (!isYear(values.year)) errors.year = 'year_invalid';
  if (Object.keys(errors).length > 0 || tonnes === null) return { errors, input: null };
  return { errors, input: { label: values.label, polymer, sector, tonnes, year: Number(values.year) } };
}

/** The sub-target form's field for the API's (`input.label` → `label`), or undefined. */
export function subTargetFieldOf(apiField: string | undefined): string | undefined {
  const field = apiField?.replace(/^input\./, '');
  return subTargetFields.find((name) => name === field);
}

const API_FIELDS: Record<string, string> = {
  name: 'name',
  slug: 'slug',
  purpose: 'purpose',
  contactEmail: 'contactEmail',
  'target.tonnes': 'targetTonnes',
  'target.counts': 'targetFlow',
  'target.flow': 'targetFlow',
  'target.year': 'targetYear',
  'target.baselineYear': 'baselineYear',
  'target.baselineTonnes': 'baselineTonnes',
  'signingWindow.opensOn': 'opensOn',
  'signingWindow.closesOn': 'closesOn',
  'languages[0]': 'mainLanguage',
  languages: 'languages',
  secretariatEmails: 'secretariatEmails',
  appliesFrom: 'appliesFrom',
  email: 'email',
};

/**
 * The form's field for the API's (`input.target.tonnes` → `targetTonnes`; the first language is the main one, the
 * others and every secretariat address go to their list's field); undefined for a field the form does not have.
 */
export function formFieldOf(apiField: string | undefined): string | undefined {
  if (!apiField) return undefined;
  const path = apiField.replace(/^input\./, '');
  return API_FIELDS[path] ?? API_FIELDS[path.replace(/\[\d+\]$/, '')];
}
