import type {
  ApplicationSector,
  OrganisationKind,
  PledgeKind,
  Polymer,
  ValueChainStage,
} from '$lib/graphql/operations.generated';

/**
 * The values of the schema's enums that the portal offers in forms, in the order people expect them:
 * value-chain stages from raw material to end of life.
 */
export const organisationKinds = [
  'COMPANY',
  'ASSOCIATION',
  'PUBLIC_AUTHORITY',
  'NGO',
  'RESEARCH_BODY',
  'STANDARDISATION_BODY',
  'TRADE_UNION',
] as const satisfies readonly OrganisationKind[];

export const valueChainStages = [
  'POLYMER_PRODUCER',
  'CONVERTER',
  'BRAND_OWNER',
  'RETAILER',
  'CONSUMER_ORGANISATION',
  'COLLECTOR_SORTER',
  'RECYCLER',
  'REUSER',
  'PUBLIC_AUTHORITY',
  'TRADE_UNION',
  'STANDARDISATION_BODY',
  'RESEARCH',
] as const satisfies readonly ValueChainStage[];

/** The 27 EU member states, ISO 3166-1 alpha-2 (Greece is GR here, not the EU's own EL). */
export const euCountries = [
  'AT',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GR',
  'HR',
  'HU',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
] as const;

export function isOrganisationKind(value: string): value is OrganisationKind {
  return (organisationKinds as readonly string[]).includes(value);
}

export function isValueChainStage(value: string): value is ValueChainStage {
  return (valueChainStages as readonly string[]).includes(value);
}

/** Stages in value-chain order, whatever order the API lists them in. */
export function inValueChainOrder(stages: readonly ValueChainStage[]): ValueChainStage[] {
  return [...stages].sort((a, b) => valueChainStages.indexOf(a) - valueChainStages.indexOf(b));
}

/** The pledge enums, in the order people expect them (DOMAIN.md). */
export const pledgeKinds = ['SUPPLY', 'UPTAKE'] as const satisfies readonly PledgeKind[];

export const polymers = [
  'LDPE',
  'HDPE',
  'PP',
  'PS',
  'EPS',
  'PET',
  'PVC',
  'PU',
  'ABS',
  'PA',
  'PC',
  'OTHER',
] as const satisfies readonly Polymer[];

export const sectors = [
  'PACKAGING',
  'CONSTRUCTION',
  'AUTOMOTIVE',
  'ELECTRICAL_ELECTRONIC',
  'AGRICULTURE',
  'HOUSEHOLD_GOODS',
  'TEXTILES',
  'OTHER',
] as const satisfies readonly ApplicationSector[];

export const isPledgeKind = (value: string): value is PledgeKind => (pledgeKinds as readonly string[]).includes(value);
export const isPolymer = (value: string): value is Polymer => (polymers as readonly string[]).includes(value);
export const isSector = (value: string): value is ApplicationSector => (sectors as readonly string[]).includes(value);
