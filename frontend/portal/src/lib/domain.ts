import * as shared from '@concord/schema/values';
import type {
  ApplicationSector,
  OrganisationKind,
  PledgeKind,
  Polymer,
  ValueChainStage,
} from '$lib/graphql/operations.generated';

/**
 * The values of the schema's enums that the portal offers in forms, in the order people expect them (value-chain
 * stages from raw material to end of life), and the countries: one list each, in @concord/schema/values, shared
 * with the API and the documents. The `satisfies` lines make a drift from the operations' types a type error.
 */
export { countryCodes, isCountryCode } from '@concord/schema/values';

export const organisationKinds = shared.organisationKinds satisfies readonly OrganisationKind[];
export const valueChainStages = shared.valueChainStages satisfies readonly ValueChainStage[];

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
export const pledgeKinds = shared.pledgeKinds satisfies readonly PledgeKind[];
export const polymers = shared.polymers satisfies readonly Polymer[];
export const sectors = shared.applicationSectors satisfies readonly ApplicationSector[];

export const isPledgeKind = (value: string): value is PledgeKind => (pledgeKinds as readonly string[]).includes(value);
export const isPolymer = (value: string): value is Polymer => (polymers as readonly string[]).includes(value);
export const isSector = (value: string): value is ApplicationSector => (sectors as readonly string[]).includes(value);
