/**
 * The enum values of the GraphQL contract that people choose from, each list in the order people expect it
 * (the value chain from raw material to end of life; DOMAIN.md for the rest). The portal's forms and filters,
 * the documents, the API and the database's enum types (the same values in lower case, in this order:
 * db/src/schema/enums.ts) take their lists from here; `enums.test.ts` holds each list to the SDL, so that a value
 * added to the schema and forgotten here fails a test, not a page. A value added here needs a migration.
 */

export const organisationKinds = [
  'COMPANY',
  'ASSOCIATION',
  'PUBLIC_AUTHORITY',
  'NGO',
  'RESEARCH_BODY',
  'STANDARDISATION_BODY',
  'TRADE_UNION',
] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

export const organisationSizes = ['SME', 'LARGE'] as const;
export type OrganisationSize = (typeof organisationSizes)[number];

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
] as const;
export type ValueChainStage = (typeof valueChainStages)[number];

export const pledgeKinds = ['SUPPLY', 'UPTAKE'] as const;
export type PledgeKind = (typeof pledgeKinds)[number];

/**
 * Which pledges a target counts: one kind, or both, whose lesser is the headline (docs/adr/0034-a-target-of-both-flows.md).
 */
export const targetFlows = ['SUPPLY', 'UPTAKE', 'BOTH'] as const;
export type TargetFlow = (typeof targetFlows)[number];

export const polymers = ['LDPE', 'HDPE', 'PP', 'PS', 'EPS', 'PET', 'PVC', 'PU', 'ABS', 'PA', 'PC', 'OTHER'] as const;
export type Polymer = (typeof polymers)[number];

export const applicationSectors = [
  'PACKAGING',
  'CONSTRUCTION',
  'AUTOMOTIVE',
  'ELECTRICAL_ELECTRONIC',
  'AGRICULTURE',
  'HOUSEHOLD_GOODS',
  'TEXTILES',
  'OTHER',
] as const;
export type ApplicationSector = (typeof applicationSectors)[number];

/**
 * `LAPSED`: its organisation stopped being a signatory (withdrew its signature) while the pledge was in force or
 * on its way there; kept in history, out of every total, never amended (docs/adr/0010-lapsed-pledges.md).
 */
export const pledgeStatuses = [
  'DRAFT',
  'SUBMITTED',
  'ACCEPTED',
  'CHANGES_REQUESTED',
  'REJECTED',
  'WITHDRAWN',
  'LAPSED',
] as const;
export type PledgeStatus = (typeof pledgeStatuses)[number];

/** A version of a pledge: drafted, then reviewed; an accepted version stays in force until a newer one is. */
export const pledgeVersionStatuses = [
  'DRAFT',
  'SUBMITTED',
  'CHANGES_REQUESTED',
  'ACCEPTED',
  'REJECTED',
  'SUPERSEDED',
  'WITHDRAWN',
  /** A version still open (drafted or under review) when its pledge lapsed. */
  'LAPSED',
] as const;
export type PledgeVersionStatus = (typeof pledgeVersionStatuses)[number];

export const pledgeDecisions = ['ACCEPT', 'REQUEST_CHANGES', 'REJECT'] as const;
export type PledgeDecision = (typeof pledgeDecisions)[number];

/** SUPERSEDED: an active signature its organisation renewed by signing a later version (docs/adr/0032). */
export const signatureStatuses = [
  'PENDING_CONFIRMATION',
  'PENDING_REVIEW',
  'ACTIVE',
  'REJECTED',
  'WITHDRAWN',
  'SUPERSEDED',
] as const;
export type SignatureStatus = (typeof signatureStatuses)[number];

export const workingGroupKinds = ['SECTOR', 'HORIZONTAL'] as const;
export type WorkingGroupKind = (typeof workingGroupKinds)[number];

export const workingGroupStatuses = ['ACTIVE', 'CLOSED'] as const;
export type WorkingGroupStatus = (typeof workingGroupStatuses)[number];

export const workingGroupRoles = ['CHAIR', 'CO_CHAIR', 'MEMBER', 'OBSERVER'] as const;
export type WorkingGroupRole = (typeof workingGroupRoles)[number];

/** A seat on an alliance's steering committee: at most one chair (docs/adr/0035-steering-committee.md). */
export const steeringCommitteeRoles = ['CHAIR', 'MEMBER'] as const;
export type SteeringCommitteeRole = (typeof steeringCommitteeRoles)[number];

/** A commitment's status: LATE is set by the deadline's job, never chosen (commitment-transitions.ts). */
export const commitmentStatuses = ['OPEN', 'IN_PROGRESS', 'DONE', 'LATE', 'DROPPED'] as const;
export type CommitmentStatus = (typeof commitmentStatuses)[number];

export const progressReportStatuses = ['SUBMITTED', 'VALIDATED', 'QUERIED'] as const;
export type ProgressReportStatus = (typeof progressReportStatuses)[number];

export const reportingStatuses = ['NEW', 'ACTIVE', 'NOT_REPORTING', 'INACTIVE'] as const;
export type ReportingStatus = (typeof reportingStatuses)[number];

export const documentKinds = [
  'DECLARATION',
  'SIGNATURE_CERTIFICATE',
  'PROGRESS_REPORT',
  'PLEDGE_STATEMENT',
  'REPORT_EVIDENCE',
] as const;
export type DocumentKind = (typeof documentKinds)[number];

/** How an agenda item of a meeting's script is run (the run sheet gives each its short instructions). */
export const meetingMethods = [
  'PLENARY',
  'WORLD_CAFE',
  'OPEN_SPACE',
  'CIRCLE',
  'FISHBOWL',
  'BREAKOUT',
  'BREAK',
  'OTHER',
] as const;
export type MeetingMethod = (typeof meetingMethods)[number];

/** Who may register for a meeting: the group's member organisations, the alliance's signatories, anyone signed in. */
export const meetingAudiences = ['GROUP_MEMBERS', 'ALLIANCE_SIGNATORIES', 'SIGNED_IN'] as const;
export type MeetingAudience = (typeof meetingAudiences)[number];

export const meetingStatuses = ['SCHEDULED', 'CANCELLED'] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];

/** A place taken (REGISTERED), a place on the waiting list (WAITING), or given up (CANCELLED). */
export const meetingRegistrationStatuses = ['REGISTERED', 'WAITING', 'CANCELLED'] as const;
export type MeetingRegistrationStatus = (typeof meetingRegistrationStatuses)[number];

/**
 * How often a person gets an optional kind of e-mail (activity, announcements; docs/adr/0036): never, one e-mail per
 * item at once, or one digest a day or a week listing the items.
 */
export const emailFrequencies = ['OFF', 'IMMEDIATELY', 'DAILY', 'WEEKLY'] as const;
export type EmailFrequency = (typeof emailFrequencies)[number];

/** A type guard for any of the lists above: `isOneOf(polymers, value)`. */
export const isOneOf = <T extends string>(list: readonly T[], value: string): value is T =>
  (list as readonly string[]).includes(value);

/** The SDL enum each list mirrors, for the test that holds them together. */
export const enumLists: Readonly<Record<string, readonly string[]>> = {
  OrganisationKind: organisationKinds,
  OrganisationSize: organisationSizes,
  ValueChainStage: valueChainStages,
  PledgeKind: pledgeKinds,
  TargetFlow: targetFlows,
  Polymer: polymers,
  ApplicationSector: applicationSectors,
  PledgeStatus: pledgeStatuses,
  PledgeVersionStatus: pledgeVersionStatuses,
  PledgeDecision: pledgeDecisions,
  SignatureStatus: signatureStatuses,
  WorkingGroupKind: workingGroupKinds,
  WorkingGroupStatus: workingGroupStatuses,
  WorkingGroupRole: workingGroupRoles,
  SteeringCommitteeRole: steeringCommitteeRoles,
  ProgressReportStatus: progressReportStatuses,
  ReportingStatus: reportingStatuses,
  DocumentKind: documentKinds,
  MeetingMethod: meetingMethods,
  MeetingAudience: meetingAudiences,
  MeetingStatus: meetingStatuses,
  MeetingRegistrationStatus: meetingRegistrationStatuses,
  CommitmentStatus: commitmentStatuses,
  EmailFrequency: emailFrequencies,
};
