import * as values from '@concord/schema/values';
import { pgEnum } from 'drizzle-orm/pg-core';

/**
 * The database's enum types. The lists people choose from (kinds, stages, sectors, statuses…) have one home,
 * `@concord/schema/values`, in the contract's spelling and in the order people expect them; the database spells
 * them in lower case, in the same order (the order of the values in the migrations' enum types):
 * 'PUBLIC_AUTHORITY' is 'public_authority'. Lists only the server uses (declaration statuses, token purposes,
 * reminder steps…) are written here. `enums.test.ts` holds every enum to the latest migration snapshot.
 */
export function inDatabaseSpelling<const T extends readonly [string, ...string[]]>(
  list: T,
): { readonly [K in keyof T]: Lowercase<T[K] & string> } {
  return list.map((value) => value.toLowerCase()) as unknown as { readonly [K in keyof T]: Lowercase<T[K] & string> };
}

export const valueChainStages = inDatabaseSpelling(values.valueChainStages);
export type ValueChainStage = (typeof valueChainStages)[number];
export const valueChainStage = pgEnum('value_chain_stage', valueChainStages);

export const organisationKinds = inDatabaseSpelling(values.organisationKinds);
export type OrganisationKind = (typeof organisationKinds)[number];
export const organisationKind = pgEnum('organisation_kind', organisationKinds);

export const organisationSizes = inDatabaseSpelling(values.organisationSizes);
export type OrganisationSize = (typeof organisationSizes)[number];
export const organisationSize = pgEnum('organisation_size', organisationSizes);

export const declarationStatuses = ['draft', 'published', 'superseded'] as const;
export const declarationStatus = pgEnum('declaration_status', declarationStatuses);

export const signatureStatuses = inDatabaseSpelling(values.signatureStatuses);
export type SignatureStatus = (typeof signatureStatuses)[number];
export const signatureStatus = pgEnum('signature_status', signatureStatuses);

export const workingGroupKinds = inDatabaseSpelling(values.workingGroupKinds);
export type WorkingGroupKind = (typeof workingGroupKinds)[number];
export const workingGroupKind = pgEnum('working_group_kind', workingGroupKinds);

export const workingGroupStatuses = inDatabaseSpelling(values.workingGroupStatuses);
export const workingGroupStatus = pgEnum('working_group_status', workingGroupStatuses);

export const workingGroupRoles = inDatabaseSpelling(values.workingGroupRoles);
export type WorkingGroupRole = (typeof workingGroupRoles)[number];
export const workingGroupRole = pgEnum('working_group_role', workingGroupRoles);

export const steeringCommitteeRoles = inDatabaseSpelling(values.steeringCommitteeRoles);
export type SteeringCommitteeRole = (typeof steeringCommitteeRoles)[number];
export const steeringCommitteeRole = pgEnum('steering_committee_role', steeringCommitteeRoles);

export const commitmentStatuses = inDatabaseSpelling(values.commitmentStatuses);
export type CommitmentStatus = (typeof commitmentStatuses)[number];
export const commitmentStatus = pgEnum('commitment_status', commitmentStatuses);

export const pledgeKinds = inDatabaseSpelling(values.pledgeKinds);
export type PledgeKind = (typeof pledgeKinds)[number];
export const pledgeKind = pgEnum('pledge_kind', pledgeKinds);

export const targetFlows = inDatabaseSpelling(values.targetFlows);
export type TargetFlow = (typeof targetFlows)[number];
export const targetFlow = pgEnum('target_flow', targetFlows);

/** Polymers are spelt as their abbreviations, in capitals, in the database too. */
export const polymers = values.polymers;
export type Polymer = (typeof polymers)[number];
export const polymer = pgEnum('polymer', polymers);

export const applicationSectors = inDatabaseSpelling(values.applicationSectors);
export type ApplicationSector = (typeof applicationSectors)[number];
export const applicationSector = pgEnum('application_sector', applicationSectors);

export const pledgeStatuses = inDatabaseSpelling(values.pledgeStatuses);
export type PledgeStatus = (typeof pledgeStatuses)[number];
export const pledgeStatus = pgEnum('pledge_status', pledgeStatuses);

export const progressReportStatuses = inDatabaseSpelling(values.progressReportStatuses);
export type ProgressReportStatus = (typeof progressReportStatuses)[number];
export const progressReportStatus = pgEnum('progress_report_status', progressReportStatuses);

export const documentKinds = inDatabaseSpelling(values.documentKinds);
export const documentKind = pgEnum('document_kind', documentKinds);
export type DocumentKind = (typeof documentKinds)[number];

export const allianceRoles = ['secretariat', 'administrator'] as const;
export const allianceRole = pgEnum('alliance_role', allianceRoles);

/** `invite_representative`: an invitation to represent an organisation (`subject_id`), accepted by signing in with it. */
export const emailTokenPurposes = ['login', 'confirm_signature', 'invite_representative'] as const;
export type EmailTokenPurpose = (typeof emailTokenPurposes)[number];
export const emailTokenPurpose = pgEnum('email_token_purpose', emailTokenPurposes);

export const emailDeliveryStatuses = ['pending', 'sent', 'failed'] as const;
export type EmailDeliveryStatus = (typeof emailDeliveryStatuses)[number];
export const emailDeliveryStatus = pgEnum('email_delivery_status', emailDeliveryStatuses);

export const duplicateReasons = ['registration_number', 'name_and_country'] as const;
export type DuplicateReason = (typeof duplicateReasons)[number];
export const duplicateReason = pgEnum('duplicate_reason', duplicateReasons);

export const pledgeVersionStatuses = inDatabaseSpelling(values.pledgeVersionStatuses);
export type PledgeVersionStatus = (typeof pledgeVersionStatuses)[number];
export const pledgeVersionStatus = pgEnum('pledge_version_status', pledgeVersionStatuses);

/** The steps of a campaign's reminder schedule: days before the deadline, then a notice after it. */
export const reminderSteps = ['before_deadline', 'after_deadline'] as const;
export const reminderStep = pgEnum('reminder_step', reminderSteps);

export const meetingMethods = inDatabaseSpelling(values.meetingMethods);
export type MeetingMethod = (typeof meetingMethods)[number];
export const meetingMethod = pgEnum('meeting_method', meetingMethods);

export const meetingAudiences = inDatabaseSpelling(values.meetingAudiences);
export type MeetingAudience = (typeof meetingAudiences)[number];
export const meetingAudience = pgEnum('meeting_audience', meetingAudiences);

export const meetingStatuses = inDatabaseSpelling(values.meetingStatuses);
export type MeetingStatus = (typeof meetingStatuses)[number];
export const meetingStatus = pgEnum('meeting_status', meetingStatuses);

export const meetingRegistrationStatuses = inDatabaseSpelling(values.meetingRegistrationStatuses);
export type MeetingRegistrationStatus = (typeof meetingRegistrationStatuses)[number];
export const meetingRegistrationStatus = pgEnum('meeting_registration_status', meetingRegistrationStatuses);

export const emailFrequencies = inDatabaseSpelling(values.emailFrequencies);
export type EmailFrequency = (typeof emailFrequencies)[number];
export const emailFrequency = pgEnum('email_frequency', emailFrequencies);
/** The frequencies that keep items for a digest. */
export const digestFrequencies = ['daily', 'weekly'] as const satisfies readonly EmailFrequency[];
export type DigestFrequency = (typeof digestFrequencies)[number];

/**
 * A comment's moderation: `pending` until a chair of the group (or the secretariat) publishes it, answers it (the
 * answer is public) or hides it with a reason (public in its place). Moderation happens once.
 */
export const meetingCommentStatuses = ['pending', 'published', 'answered', 'hidden'] as const;
export type MeetingCommentStatus = (typeof meetingCommentStatuses)[number];
export const meetingCommentStatus = pgEnum('meeting_comment_status', meetingCommentStatuses);

/** `checked`: uploaded and dry-run, nothing written; `confirmed`: written (docs/register-import.md). */
export const registerImportStatuses = ['checked', 'confirmed'] as const;
export type RegisterImportStatus = (typeof registerImportStatuses)[number];
export const registerImportStatus = pgEnum('register_import_status', registerImportStatuses);
