import { pgEnum } from 'drizzle-orm/pg-core';

/** The stages of the plastics value chain an organisation works in (DOMAIN.md, "The value chain"). */
export const valueChainStages = [
  'polymer_producer',
  'converter',
  'brand_owner',
  'retailer',
  'consumer_organisation',
  'collector_sorter',
  'recycler',
  'reuser',
  'public_authority',
  'trade_union',
  'standardisation_body',
  'research',
] as const;
export type ValueChainStage = (typeof valueChainStages)[number];
export const valueChainStage = pgEnum('value_chain_stage', valueChainStages);

export const organisationKinds = [
  'company',
  'association',
  'public_authority',
  'ngo',
  'research_body',
  'standardisation_body',
  'trade_union',
] as const;
export type OrganisationKind = (typeof organisationKinds)[number];
export const organisationKind = pgEnum('organisation_kind', organisationKinds);

export const organisationSizes = ['sme', 'large'] as const;
export type OrganisationSize = (typeof organisationSizes)[number];
export const organisationSize = pgEnum('organisation_size', organisationSizes);

export const declarationStatuses = ['draft', 'published', 'superseded'] as const;
export const declarationStatus = pgEnum('declaration_status', declarationStatuses);

export const signatureStatuses = ['pending_confirmation', 'pending_review', 'active', 'rejected', 'withdrawn'] as const;
export type SignatureStatus = (typeof signatureStatuses)[number];
export const signatureStatus = pgEnum('signature_status', signatureStatuses);

export const workingGroupKinds = ['sector', 'horizontal'] as const;
export type WorkingGroupKind = (typeof workingGroupKinds)[number];
export const workingGroupKind = pgEnum('working_group_kind', workingGroupKinds);

export const workingGroupStatuses = ['active', 'closed'] as const;
export const workingGroupStatus = pgEnum('working_group_status', workingGroupStatuses);

export const workingGroupRoles = ['chair', 'co_chair', 'member', 'observer'] as const;
export type WorkingGroupRole = (typeof workingGroupRoles)[number];
export const workingGroupRole = pgEnum('working_group_role', workingGroupRoles);

export const pledgeKinds = ['supply', 'uptake'] as const;
export type PledgeKind = (typeof pledgeKinds)[number];
export const pledgeKind = pgEnum('pledge_kind', pledgeKinds);

export const polymers = ['LDPE', 'HDPE', 'PP', 'PS', 'EPS', 'PET', 'PVC', 'PU', 'ABS', 'PA', 'PC', 'OTHER'] as const;
export type Polymer = (typeof polymers)[number];
export const polymer = pgEnum('polymer', polymers);

export const applicationSectors = [
  'packaging',
  'construction',
  'automotive',
  'electrical_electronic',
  'agriculture',
  'household_goods',
  'textiles',
  'other',
] as const;
export type ApplicationSector = (typeof applicationSectors)[number];
export const applicationSector = pgEnum('application_sector', applicationSectors);

/**
 * `lapsed`: its organisation stopped being a signatory (withdrew its signature) while the pledge was in force or
 * on its way there; kept in history, out of every total, never amended (docs/adr/0010-lapsed-pledges.md).
 */
export const pledgeStatuses = [
  'draft',
  'submitted',
  'accepted',
  'changes_requested',
  'rejected',
  'withdrawn',
  'lapsed',
] as const;
export type PledgeStatus = (typeof pledgeStatuses)[number];
export const pledgeStatus = pgEnum('pledge_status', pledgeStatuses);

export const progressReportStatuses = ['submitted', 'validated', 'queried'] as const;
export type ProgressReportStatus = (typeof progressReportStatuses)[number];
export const progressReportStatus = pgEnum('progress_report_status', progressReportStatuses);

export const documentKinds = [
  'declaration',
  'signature_certificate',
  'progress_report',
  'pledge_statement',
  'report_evidence',
] as const;
export const documentKind = pgEnum('document_kind', documentKinds);
export type DocumentKind = (typeof documentKinds)[number];

export const allianceRoles = ['secretariat', 'administrator'] as const;
export const allianceRole = pgEnum('alliance_role', allianceRoles);

export const emailTokenPurposes = ['login', 'confirm_signature'] as const;
export type EmailTokenPurpose = (typeof emailTokenPurposes)[number];
export const emailTokenPurpose = pgEnum('email_token_purpose', emailTokenPurposes);

export const emailDeliveryStatuses = ['pending', 'sent', 'failed'] as const;
export type EmailDeliveryStatus = (typeof emailDeliveryStatuses)[number];
export const emailDeliveryStatus = pgEnum('email_delivery_status', emailDeliveryStatuses);

export const duplicateReasons = ['registration_number', 'name_and_country'] as const;
export type DuplicateReason = (typeof duplicateReasons)[number];
export const duplicateReason = pgEnum('duplicate_reason', duplicateReasons);

/** A version of a pledge: drafted, then reviewed; an accepted version stays in force until a newer one is. */
export const pledgeVersionStatuses = [
  'draft',
  'submitted',
  'changes_requested',
  'accepted',
  'rejected',
  'superseded',
  'withdrawn',
  /** A version still open (drafted or under review) when its pledge lapsed. */
  'lapsed',
] as const;
export type PledgeVersionStatus = (typeof pledgeVersionStatuses)[number];
export const pledgeVersionStatus = pgEnum('pledge_version_status', pledgeVersionStatuses);

/** The steps of a campaign's reminder schedule: days before the deadline, then a notice after it. */
export const reminderSteps = ['before_deadline', 'after_deadline'] as const;
export const reminderStep = pgEnum('reminder_step', reminderSteps);
