import type {
  ApplicationSector,
  DocumentKind,
  OrganisationKind,
  OrganisationSize,
  PledgeKind,
  Polymer,
  ValueChainStage,
  WorkingGroupKind,
  WorkingGroupRole,
} from './enums.ts';

/**
 * English words for the enum values, for what Concord writes in English whoever reads it: the PDFs, the
 * e-mails, the open-data files. The portal says the same in the reader's language through its message
 * catalogue (frontend/portal/messages/en.json), whose English a unit test there holds to these.
 */

export const organisationKindLabels: Record<OrganisationKind, string> = {
  COMPANY: 'Company',
  ASSOCIATION: 'Association',
  PUBLIC_AUTHORITY: 'Public authority',
  NGO: 'NGO',
  RESEARCH_BODY: 'Research body',
  STANDARDISATION_BODY: 'Standardisation body',
  TRADE_UNION: 'Trade union',
};

export const organisationSizeLabels: Record<OrganisationSize, string> = { SME: 'SME', LARGE: 'Large' };

export const valueChainStageLabels: Record<ValueChainStage, string> = {
  POLYMER_PRODUCER: 'Polymer producer',
  CONVERTER: 'Converter',
  BRAND_OWNER: 'Brand owner',
  RETAILER: 'Retailer',
  CONSUMER_ORGANISATION: 'Consumer organisation',
  COLLECTOR_SORTER: 'Collector or sorter',
  RECYCLER: 'Recycler',
  REUSER: 'Re-user',
  PUBLIC_AUTHORITY: 'Public authority',
  TRADE_UNION: 'Trade union',
  STANDARDISATION_BODY: 'Standardisation body',
  RESEARCH: 'Research',
};

export const pledgeKindLabels: Record<PledgeKind, string> = { SUPPLY: 'Supply', UPTAKE: 'Uptake' };

/** Polymers go by their international abbreviations (PET, PP); only "other" is words. */
export const polymerLabels: Record<Polymer, string> = {
  LDPE: 'LDPE',
  HDPE: 'HDPE',
  PP: 'PP',
  PS: 'PS',
  EPS: 'EPS',
  PET: 'PET',
  PVC: 'PVC',
  PU: 'PU',
  ABS: 'ABS',
  PA: 'PA',
  PC: 'PC',
  OTHER: 'Other polymers',
};

export const applicationSectorLabels: Record<ApplicationSector, string> = {
  PACKAGING: 'Packaging',
  CONSTRUCTION: 'Construction',
  AUTOMOTIVE: 'Automotive',
  ELECTRICAL_ELECTRONIC: 'Electrical and electronic equipment',
  AGRICULTURE: 'Agriculture',
  HOUSEHOLD_GOODS: 'Household goods',
  TEXTILES: 'Textiles',
  OTHER: 'Other sectors',
};

export const workingGroupKindLabels: Record<WorkingGroupKind, string> = {
  SECTOR: 'Sector group',
  HORIZONTAL: 'Horizontal group',
};

export const workingGroupRoleLabels: Record<WorkingGroupRole, string> = {
  CHAIR: 'Chair',
  CO_CHAIR: 'Co-chair',
  MEMBER: 'Member',
  OBSERVER: 'Observer',
};

export const documentKindLabels: Record<DocumentKind, string> = {
  DECLARATION: 'Declaration with its signatories',
  SIGNATURE_CERTIFICATE: 'Signature certificate',
  PROGRESS_REPORT: 'Progress report',
  PLEDGE_STATEMENT: 'Pledge statement',
  REPORT_EVIDENCE: 'Evidence for a progress report',
};

/**
 * The label of a value spelled either way: the GraphQL contract's (`HOUSEHOLD_GOODS`) or the database's
 * (`household_goods`); an unknown value is shown as given.
 */
export function labelOf<T extends string>(labels: Record<T, string>, value: string): string {
  const key = value.toUpperCase();
  return Object.hasOwn(labels, key) ? labels[key as T] : value;
}
