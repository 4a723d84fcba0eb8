import type {
  ApplicationSector,
  PledgeDecision,
  PledgeKind,
  PledgeStatus,
  PledgeVersionStatus,
  Polymer,
} from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import { isPledgeKind, isPolymer, isSector, pledgeKinds, polymers, sectors } from './domain';

// The lists live in domain.ts (no messages, so pure modules can use them); the pages take them from here too.
export { isPledgeKind, isPolymer, isSector, pledgeKinds, polymers, sectors };

/**
 * The pledge enums the portal offers, in the order people expect them (DOMAIN.md), and a message for every
 * value the API sends. The Records make a new enum value a type error here.
 */

export const decisions = ['ACCEPT', 'REQUEST_CHANGES', 'REJECT'] as const satisfies readonly PledgeDecision[];

export const isDecision = (value: string): value is PledgeDecision => (decisions as readonly string[]).includes(value);

const kindLabels: Record<PledgeKind, () => string> = {
  SUPPLY: m.pledge_kind_supply,
  UPTAKE: m.pledge_kind_uptake,
};

const kindHints: Record<PledgeKind, () => string> = {
  SUPPLY: m.pledge_kind_supply_hint,
  UPTAKE: m.pledge_kind_uptake_hint,
};

const polymerLabels: Record<Polymer, () => string> = {
  LDPE: m.pledge_polymer_ldpe,
  HDPE: m.pledge_polymer_hdpe,
  PP: m.pledge_polymer_pp,
  PS: m.pledge_polymer_ps,
  EPS: m.pledge_polymer_eps,
  PET: m.pledge_polymer_pet,
  PVC: m.pledge_polymer_pvc,
  PU: m.pledge_polymer_pu,
  ABS: m.pledge_polymer_abs,
  PA: m.pledge_polymer_pa,
  PC: m.pledge_polymer_pc,
  OTHER: m.pledge_polymer_other,
};

const sectorLabels: Record<ApplicationSector, () => string> = {
  PACKAGING: m.pledge_sector_packaging,
  CONSTRUCTION: m.pledge_sector_construction,
  AUTOMOTIVE: m.pledge_sector_automotive,
  ELECTRICAL_ELECTRONIC: m.pledge_sector_electrical_electronic,
  AGRICULTURE: m.pledge_sector_agriculture,
  HOUSEHOLD_GOODS: m.pledge_sector_household_goods,
  TEXTILES: m.pledge_sector_textiles,
  OTHER: m.pledge_sector_other,
};

const statusLabels: Record<PledgeStatus, () => string> = {
  DRAFT: m.pledge_status_draft,
  SUBMITTED: m.pledge_status_submitted,
  ACCEPTED: m.pledge_status_accepted,
  CHANGES_REQUESTED: m.pledge_status_changes_requested,
  REJECTED: m.pledge_status_rejected,
  WITHDRAWN: m.pledge_status_withdrawn,
  LAPSED: m.pledge_status_lapsed,
};

const versionStatusLabels: Record<PledgeVersionStatus, () => string> = {
  DRAFT: m.pledge_version_status_draft,
  SUBMITTED: m.pledge_version_status_submitted,
  CHANGES_REQUESTED: m.pledge_version_status_changes_requested,
  ACCEPTED: m.pledge_version_status_accepted,
  REJECTED: m.pledge_version_status_rejected,
  SUPERSEDED: m.pledge_version_status_superseded,
  WITHDRAWN: m.pledge_version_status_withdrawn,
  LAPSED: m.pledge_version_status_lapsed,
};

const decisionLabels: Record<PledgeDecision, () => string> = {
  ACCEPT: m.pledge_decision_accept,
  REQUEST_CHANGES: m.pledge_decision_request_changes,
  REJECT: m.pledge_decision_reject,
};

export const pledgeKind = (kind: PledgeKind) => kindLabels[kind]();
export const pledgeKindHint = (kind: PledgeKind) => kindHints[kind]();
export const polymer = (value: Polymer) => polymerLabels[value]();
export const sector = (value: ApplicationSector) => sectorLabels[value]();

/** Every polymer and every sector as a select's options, in the reader's language (forms and filters alike). */
export const polymerOptions = () => polymers.map((value) => ({ value, label: polymer(value) }));
export const sectorOptions = () => sectors.map((value) => ({ value, label: sector(value) }));
export const pledgeStatus = (status: PledgeStatus) => statusLabels[status]();
export const versionStatus = (status: PledgeVersionStatus) => versionStatusLabels[status]();
export const decision = (value: PledgeDecision) => decisionLabels[value]();
