import * as db from '@concord/db/schema';
import { typeDefs } from '@concord/schema';
import type { TextChangeKind } from '@concord/schema/values';
import { buildSchema, type GraphQLSchema, isEnumType } from 'graphql';
import { activityKinds } from '../modules/activity/activity.reads.ts';
import { auditLogProblems } from '../modules/audit/audit-log-check.ts';
import type { Moderation } from '../modules/meeting-comment/use-cases/moderate-meeting-comment.ts';
import type { ReviewDecision } from '../modules/pledge/use-cases/review-pledge.ts';
import type { TrajectoryConfidence } from '../modules/progress/trajectory.ts';
import { importFates, importSheets } from '../modules/register-import/register-import-format.ts';
import { CAMPAIGN_DATE_ACTIONS } from '../modules/reporting/campaign-date-actions.ts';
import type { ReportFlag } from '../modules/reporting/report-plausibility.ts';
import type { ReportingStatus } from '../modules/reporting/reporting-status.ts';
import { reviewQueues } from '../modules/review-queue/review-queue.relay.ts';
import type { SigningWindow } from '../modules/signing/signing-window.ts';
import { seatPauses } from '../modules/steering-committee/steering-committee.reads.ts';

/**
 * The values each GraphQL enum names, as the server keeps them (the database's enums, or a service's own).
 * GraphQL spells a value in UPPER_CASE on the wire (`PACKAGING`), the server in its own spelling (`packaging`):
 * the executable schema converts at the edge, and codegen types the resolvers with the server's spelling, so no
 * resolver converts. An enum whose values are a subset of a list (ChairRole) takes the part it names.
 */
export const enumSources = {
  ActivityKind: activityKinds,
  AllianceRoleKind: db.allianceRoles,
  AnnouncementSegmentKind: db.announcementSegments,
  ApplicationSector: db.applicationSectors,
  AuditLogProblem: auditLogProblems,
  BreakdownDimension: db.progressDimensions,
  CommitmentAuthorRole: db.commitmentUpdateRoles,
  CommitmentStatus: db.commitmentStatuses,
  EmailFrequency: db.emailFrequencies,
  DeclarationStatus: db.declarationStatuses,
  ChairRole: db.workingGroupRoles,
  DocumentKind: db.documentKinds,
  DuplicateReason: db.duplicateReasons,
  EmailDeliveryStatus: db.emailDeliveryStatuses,
  MembershipRole: db.workingGroupRoles,
  MeetingAudience: db.meetingAudiences,
  MeetingCommentModeration: ['publish', 'answer', 'hide'] satisfies Moderation[],
  MeetingCommentStatus: db.meetingCommentStatuses,
  MeetingMethod: db.meetingMethods,
  MeetingRegistrationStatus: db.meetingRegistrationStatuses,
  MeetingStatus: db.meetingStatuses,
  OrganisationKind: db.organisationKinds,
  OrganisationSize: db.organisationSizes,
  PledgeDecision: ['accept', 'request_changes', 'reject'] satisfies ReviewDecision[],
  PledgeKind: db.pledgeKinds,
  PledgeStatus: db.pledgeStatuses,
  PledgeVersionStatus: db.pledgeVersionStatuses,
  Polymer: db.polymers,
  ProgressReportFlag: ['above_twice_pledged'] satisfies ReportFlag[],
  ProgressReportStatus: db.progressReportStatuses,
  RegisterImportFate: importFates,
  RegisterImportSheet: importSheets,
  RegisterImportStatus: db.registerImportStatuses,
  ReportingCampaignDateAction: CAMPAIGN_DATE_ACTIONS,
  ReportingStatus: ['new', 'active', 'not_reporting', 'inactive'] satisfies ReportingStatus[],
  ReviewQueueKind: reviewQueues,
  SignatureStatus: db.signatureStatuses,
  SteeringCommitteeRole: db.steeringCommitteeRoles,
  SteeringCommitteeSeatPause: seatPauses,
  TargetFlow: db.targetFlows,
  TextChangeKind: ['same', 'removed', 'added'] satisfies TextChangeKind[],
  SigningWindowState: ['not_yet_open', 'open', 'closed'] satisfies SigningWindow['state'][],
  TrajectoryConfidence: ['none', 'low', 'medium', 'high'] satisfies TrajectoryConfidence[],
  ValueChainStage: db.valueChainStages,
  WorkingGroupKind: db.workingGroupKinds,
  WorkingGroupRole: db.workingGroupRoles,
  WorkingGroupStatus: db.workingGroupStatuses,
} as const satisfies Record<string, readonly string[]>;

export type EnumName = keyof typeof enumSources;
/** A value of enum `E` as the server spells it. */
export type EnumValue<E extends EnumName> = (typeof enumSources)[E][number];

/** For each GraphQL enum, its names and the server's value for each: `{ PledgeKind: { SUPPLY: 'supply' } }`. */
export type EnumMappings = Record<string, Record<string, string>>;

/**
 * The server's value of every name of every enum in `schema`: the value of its source list that is the name in
 * upper case. Throws when an enum has no source or a name no value, so that neither codegen nor the server
 * starts with an enum half mapped.
 */
export function enumMappings(schema: GraphQLSchema): EnumMappings {
  const mappings: EnumMappings = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isEnumType(type) || type.name.startsWith('__')) continue;
    const source: readonly string[] | undefined = enumSources[type.name as EnumName];
    if (!source) throw new Error(`GraphQL enum ${type.name} has no list of values in graphql/enums.ts.`);
    const byName = new Map(source.map((value) => [value.toUpperCase(), value]));
    mappings[type.name] = Object.fromEntries(
      type.getValues().map(({ name }) => {
        const value = byName.get(name);
        if (value === undefined) throw new Error(`GraphQL enum value ${type.name}.${name} has no server value.`);
        return [name, value];
      }),
    );
  }
  return mappings;
}

let wireNames: Map<string, Map<string, string>> | undefined;

/**
 * The name GraphQL gives a server value (`PledgeKind`, 'supply' → 'SUPPLY'): for the open-data files and
 * messages, which spell values as the API does. Resolvers never need it: the schema converts for them.
 */
export function wireName<E extends EnumName>(enumName: E, value: EnumValue<E>): string {
  wireNames ??= new Map(
    Object.entries(enumMappings(buildSchema(typeDefs))).map(([name, values]) => [
      name,
      new Map(Object.entries(values).map(([wire, server]) => [server, wire])),
    ]),
  );
  const name = wireNames.get(enumName)?.get(value);
  if (name === undefined) throw new Error(`${enumName} has no GraphQL name for "${value}".`);
  return name;
}
