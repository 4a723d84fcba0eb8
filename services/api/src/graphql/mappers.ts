/**
 * The parent objects resolvers receive for each GraphQL type: database rows where a type is a row, small
 * shapes where a type is assembled. Codegen (schema/codegen.ts) maps the SDL types onto these.
 */
import type { schema } from '@concord/db';
import type { Connection } from '../lib/pagination.ts';
import type { AnnouncementView, SegmentView } from '../modules/announcement/announcement.reads.ts';
import type { AnnouncementPreview } from '../modules/announcement/use-cases/preview-announcement.ts';
import type { DocumentEntry } from '../modules/document/document.service.ts';
import type { TimedAgendaItem } from '../modules/meeting/meeting-agenda.ts';
import type { MinutesView } from '../modules/meeting/meeting-minutes.ts';
import type { RegistrationView } from '../modules/meeting/meeting-registration.ts';
import type { CommentView } from '../modules/meeting-comment/meeting-comment-view.ts';
import type { PledgeFilter, PledgeReviewItem, PledgeTotal } from '../modules/pledge/pledge.reads.ts';
import type { BreakdownRow, PolymerGap, ProgressFigures } from '../modules/progress/progress.service.ts';
import type { Trajectory } from '../modules/progress/trajectory.ts';
import type { Signatory, SignatoryFilter } from '../modules/signatory/signatory.service.ts';

export type AllianceParent = schema.Alliance;
export type DeclarationVersionParent = schema.DeclarationVersion;
/** A translation with the hash of its version's authentic text as it is now. */
export type DeclarationTranslationParent = schema.DeclarationTranslation & { versionTextSha256: string };
export type OrganisationParent = schema.Organisation;
export type WorkingGroupParent = schema.WorkingGroup;
export type PledgeParent = schema.Pledge;
export type ProgressParent = ProgressFigures;

/** A signatory is what the signatory service lists: defined there, so that the service needs nothing from here. */
export type { Signatory as SignatoryParent } from '../modules/signatory/signatory.service.ts';

export interface WorkingGroupMemberParent {
  organisationId: string;
  role: schema.WorkingGroupRole;
  joinedAt: Date;
  /** The person named to hold the chair, for a chair or co-chair; null otherwise. */
  chairPersonId: string | null;
}

/** A counting seat on a steering committee, with its person's name and organisation (steering-committee.reads.ts). */
export interface SteeringCommitteeMemberParent {
  id: string;
  role: schema.SteeringCommitteeRole;
  name: string;
  organisation: schema.Organisation;
  since: Date;
}

export interface WorkingGroupMembershipParent {
  workingGroup: schema.WorkingGroup;
  role: schema.WorkingGroupRole;
  joinedAt: Date;
}

export interface AllianceCountsParent {
  signatories: number;
  countries: number;
  workingGroups: number;
  acceptedPledges: number;
}

/** Connections carry what their lazy totals need, so `totalCount` costs a query only when asked for. */
export type AllianceConnectionParent = Connection<AllianceParent>;
export type WorkingGroupConnectionParent = Connection<WorkingGroupParent> & { allianceId: string };
export type SignatoryConnectionParent = Connection<Signatory> & {
  allianceId: string;
  filter: SignatoryFilter;
  /** Started beside the page query when the request asks for it. */
  totalCount?: Promise<number> | undefined;
};
export type RegisterImportParent = schema.RegisterImport;
export type CommitmentParent = schema.Commitment;
export type CommitmentUpdateParent = schema.CommitmentUpdate;
export type CommitmentConnectionParent = Connection<CommitmentParent>;
export type AnnouncementParent = AnnouncementView;
export type AnnouncementConnectionParent = Connection<AnnouncementView>;
export type AnnouncementSegmentParent = SegmentView;
export type AnnouncementPreviewParent = AnnouncementPreview;
export type PledgeConnectionParent = Connection<PledgeParent> & { allianceId: string; filter: PledgeFilter };

export type PersonParent = schema.Person;
export interface MeParent {
  person: schema.Person;
}
export interface RepresentedOrganisationParent {
  organisation: schema.Organisation;
  jobTitle: string | null;
}
export interface RepresentativeParent {
  person: schema.Person;
  jobTitle: string | null;
  since: Date;
}
export interface StaffRoleParent {
  allianceId: string;
  role: 'secretariat' | 'administrator';
}
export type SignatureParent = schema.Signature;
export type SignatureConnectionParent = Connection<SignatureParent> & { allianceId: string };
export interface DuplicateFlagParent {
  reason: schema.DuplicateReason;
  duplicateOfId: string;
}
export type HistoryEventParent = schema.AuditEvent;
export type DocumentParent = DocumentEntry;
export interface DocumentVerificationParent {
  sha256: string;
  document: DocumentEntry | null;
  isSignatureActive: boolean | null;
  signatureStatus: schema.SignatureStatus | null;
}
export type MailboxMessageParent = schema.DevMailboxMessage;
export type MailboxMessageConnectionParent = Connection<MailboxMessageParent> & { to: string | null };
export type EmailDeliveryParent = schema.EmailDelivery;

export type PledgeVersionParent = schema.PledgeVersion;
/** Defined by the pledge reads that return them, so that the reads need nothing from here. */
export type PledgeReviewItemParent = PledgeReviewItem;
export interface PledgeReviewQueueParent {
  items: PledgeReviewItemParent[];
}
export type PledgeTotalParent = PledgeTotal;
export type WorkingGroupMemberConnectionParent = Connection<WorkingGroupMemberParent & { legalName: string }> & {
  workingGroupId: string;
};

export type TrajectoryParent = Trajectory;
export type PolymerGapParent = PolymerGap;
export type BreakdownRowParent = BreakdownRow;

export type ReportingCampaignParent = schema.ReportingCampaign;
export type ProgressReportParent = schema.ProgressReport;
export type ProgressReportRevisionParent = schema.ProgressReportRevision;
/** Filter and totals travel with the page so `totalCount` and `totalTonnes` need one more statement at most. */
export type ProgressReportConnectionParent = Connection<ProgressReportParent> & {
  summary: () => Promise<{ totalCount: number; totalTonnes: string }>;
};

export interface SubTargetParent {
  id: string;
  label: string;
  polymer: schema.Polymer | null;
  sector: schema.ApplicationSector | null;
  tonnes: string;
  year: number;
  allianceId: string;
}

export type MeetingParent = schema.Meeting;
export type MeetingAgendaItemParent = TimedAgendaItem;
export type MeetingRegistrationParent = RegistrationView;
export type MeetingMinutesParent = MinutesView;
export type MeetingDecisionParent = schema.MeetingDecision;
export type MeetingCommentParent = CommentView;
export type MeetingConnectionParent = Connection<MeetingParent>;
