/** The e-mails Concord sends. Each id has one entry in every locale catalogue (`locales/`). */
export type EmailTemplateId =
  | 'login-link'
  | 'representative-invitation'
  | 'secretariat-appointed'
  | 'chair-appointed'
  | 'steering-committee-appointed'
  | 'register-invitation'
  | 'resign-invitation'
  | 'signature-confirmation'
  | 'signature-approved'
  | 'signature-rejected'
  | 'signature-withdrawn'
  | 'signature-to-review'
  | 'pledge-submitted'
  | 'pledge-decided'
  | 'pledge-withdrawn'
  | 'progress-report-reminder'
  | 'progress-report-overdue'
  | 'reporting-campaign-changed'
  | 'progress-report-queried'
  | 'progress-report-answered'
  | 'meeting-invitation'
  | 'commitment-reminder'
  | 'commitment-late'
  | 'meeting-comment-received'
  | 'meeting-comment-answered'
  | 'announcement'
  | 'digest';

/** The optional e-mails a person may take as a digest instead (docs/adr/0036-email-digests.md). */
export type DigestibleTemplateId = 'signature-to-review' | 'pledge-submitted' | 'announcement';

/** One item of a digest: what the e-mail would have said, without its own opt-out link (the digest has one). */
export type DigestEntry = {
  [T in DigestibleTemplateId]: { template: T; data: Omit<EmailTemplateData[T], 'unsubscribeUrl'> };
}[DigestibleTemplateId];

/** Where an item of a digest leads: the page the e-mail's own button would have opened. */
export function digestEntryUrl(entry: DigestEntry): string {
  switch (entry.template) {
    case 'signature-to-review':
    case 'pledge-submitted':
      return entry.data.reviewUrl;
    case 'announcement':
      return entry.data.announcementUrl;
  }
}

/**
 * A pledge as the e-mails describe it: the figures of the version concerned. Plain values, so that this package
 * needs nothing from the database's types.
 */
export interface PledgeSummary {
  kind: 'supply' | 'uptake';
  /** As in the register: `PET`, `HDPE`, `OTHER`. */
  polymer: string;
  /** Tonnes a year, exact decimal text such as `12500.500`. */
  tonnesPerYear: string;
  targetYear: number;
  version: number;
}

/** A reviewer's decision on a pledge version. */
export type PledgeDecision = 'accepted' | 'changes_requested' | 'rejected';

/** What each template needs; values are plain text (the renderer escapes them) and absolute http(s) URLs. */
export interface EmailTemplateData {
  'login-link': { url: string; expiresInMinutes: number };
  /** To a colleague a representative invited: the link signs them in and makes them a representative too. */
  'representative-invitation': { organisationName: string; inviterName: string; url: string; expiresInDays: number };
  /** To a person just appointed to an alliance's secretariat: what it means, and where to start. */
  'secretariat-appointed': { allianceName: string; allianceUrl: string };
  /** To the person the secretariat named chair or co-chair of a working group for their organisation (docs/adr/0033). */
  'chair-appointed': {
    allianceName: string;
    workingGroupName: string;
    organisationName: string;
    role: 'chair' | 'co_chair';
    /** The group's page. */
    workingGroupUrl: string;
  };
  /** To the person the secretariat appointed to the alliance's steering committee (docs/adr/0035). */
  'steering-committee-appointed': {
    allianceName: string;
    organisationName: string;
    role: 'chair' | 'member';
    /** The committee's public page. */
    committeeUrl: string;
  };
  /**
   * To a representative whom the secretariat's register import brought in, once, when the secretariat chose to invite
   * them: the alliance keeps its register in Concord now, and their organisations are in it.
   */
  'register-invitation': {
    allianceName: string;
    /** The organisations they represent in the alliance's register, by name. */
    organisationNames: string[];
    allianceUrl: string;
    signInUrl: string;
  };
  /**
   * To each representative of a signatory whose active signature is of an older version, when a new version is
   * published: sign it in one step on the account page (docs/adr/0032). Once per person and version.
   */
  'resign-invitation': {
    allianceName: string;
    /** The version now in force, and its title. */
    version: number;
    title: string;
    /** The organisations they represent whose signature is of an older version, by name. */
    organisationNames: string[];
    /** The account page, where the re-signing form is. */
    resignUrl: string;
    /** The declaration's public page, where the new text is. */
    declarationUrl: string;
  };
  'signature-confirmation': {
    organisationName: string;
    allianceName: string;
    confirmUrl: string;
    expiresInHours: number;
  };
  'signature-approved': {
    organisationName: string;
    allianceName: string;
    certificateUrl: string;
    verificationUrl: string;
    /** Set for a re-signature (docs/adr/0032): the version signed, active at once, with no review to tell of. */
    renewedVersion?: number | null;
  };
  'signature-rejected': { organisationName: string; allianceName: string; reason: string };
  'signature-withdrawn': { organisationName: string; allianceName: string; reason: string | null };
  /** To secretariat staff: a signature waits for review. Not transactional: carries List-Unsubscribe. */
  'signature-to-review': { organisationName: string; allianceName: string; reviewUrl: string; unsubscribeUrl: string };
  /**
   * To a pledge's reviewers (the chairs of its working group, or the secretariat): a version waits for a decision.
   * Not transactional: carries List-Unsubscribe.
   */
  'pledge-submitted': {
    organisationName: string;
    allianceName: string;
    /** The working group whose chairs review it; null when the secretariat does. */
    workingGroupName: string | null;
    pledge: PledgeSummary;
    /** An amendment of a pledge already in force. */
    isAmendment: boolean;
    reviewUrl: string;
    unsubscribeUrl: string;
  };
  /** To the organisation's representatives: the decision on their pledge, with the reviewer's comment. */
  'pledge-decided': {
    organisationName: string;
    allianceName: string;
    decision: PledgeDecision;
    /** Required for changes requested and rejections; optional on acceptance. */
    comment: string | null;
    pledge: PledgeSummary;
    isAmendment: boolean;
    pledgeUrl: string;
  };
  /** To the organisation's representatives: their pledge was withdrawn (a record of who did what). */
  'pledge-withdrawn': {
    organisationName: string;
    allianceName: string;
    pledge: PledgeSummary;
    reason: string;
    pledgeUrl: string;
  };
  /** To an organisation's representatives: progress reports still missing for a campaign whose deadline is near. */
  'progress-report-reminder': {
    organisationName: string;
    allianceName: string;
    /** The year reported on. */
    year: number;
    /** The campaign's deadline, `YYYY-MM-DD`. */
    deadline: string;
    daysLeft: number;
    /** The accepted pledges without a report for the year. */
    missingPledges: PledgeSummary[];
    reportUrl: string;
  };
  /** To an organisation's representatives: the deadline has passed and reports are still missing. */
  'progress-report-overdue': {
    organisationName: string;
    allianceName: string;
    year: number;
    deadline: string;
    missingPledges: PledgeSummary[];
    reportUrl: string;
  };
  /**
   * To the representatives of the organisations a campaign still expects reports from, when the secretariat extends
   * its deadline, reopens it or closes it (docs/adr/0030): what changed and the date that now holds. Once per person
   * and change.
   */
  'reporting-campaign-changed': {
    allianceName: string;
    /** The organisations they represent that still owe a report for the year, by name. */
    organisationNames: string[];
    year: number;
    change: 'extended' | 'reopened' | 'closed';
    /** The deadline before the change, `YYYY-MM-DD`. */
    previousDeadline: string;
    /** Extended or reopened: the new deadline. Closed: the day it closed to reports. */
    date: string;
    reportUrl: string;
  };
  /** To an organisation's representatives: the secretariat asks about a report (or reopens a validated one). */
  'progress-report-queried': {
    organisationName: string;
    allianceName: string;
    year: number;
    pledge: PledgeSummary;
    question: string;
    /** The report had been validated and is reopened with this question. */
    isReopened: boolean;
    reportUrl: string;
  };
  /** To the secretariat: an organisation answered its question; the report waits for validation again. */
  'progress-report-answered': {
    organisationName: string;
    allianceName: string;
    year: number;
    pledge: PledgeSummary;
    answer: string;
    /** Tonnes achieved as they now stand, exact decimal text. */
    tonnesAchieved: string;
    /** The answer came with a corrected figure (a new revision). */
    isRevised: boolean;
    reviewUrl: string;
  };
  /**
   * To a meeting's invitees: a new meeting, a change of it, or its cancellation, with the iCalendar invitation
   * attached (`EmailJob.calendar`).
   */
  'meeting-invitation': {
    allianceName: string;
    /** Null for a plenary of the alliance. */
    workingGroupName: string | null;
    title: string;
    /** The question the meeting works on. */
    purpose: string;
    /** The start and end as the recipient reads them: in their language and time zone. */
    when: string;
    /** The recipient's time zone, the one `when` is written in. */
    timeZone: string;
    place: string | null;
    onlineUrl: string | null;
    meetingUrl: string;
    change: 'new' | 'changed' | 'cancelled';
    cancellationReason: string | null;
  };
  /** To the taskholder (its named person, else its representatives): a commitment's deadline is near. */
  'commitment-reminder': {
    organisationName: string;
    allianceName: string;
    /** The group it was agreed in; null for the alliance's own. */
    workingGroupName: string | null;
    title: string;
    /** `YYYY-MM-DD`. */
    deadline: string;
    daysLeft: number;
    commitmentUrl: string;
  };
  /** To the taskholder: the deadline passed and the commitment is now shown as late. */
  'commitment-late': {
    organisationName: string;
    allianceName: string;
    workingGroupName: string | null;
    title: string;
    deadline: string;
    commitmentUrl: string;
  };
  /**
   * To those who moderate a meeting's comments (the representatives of the group's chairs; the secretariat for a
   * plenary): a comment waits for them. The comment as written (plain text, quoted).
   */
  'meeting-comment-received': {
    allianceName: string;
    /** The meeting's group; null for a plenary. */
    workingGroupName: string | null;
    meetingTitle: string;
    /** The decision commented on; null for the minutes as a whole. */
    decisionText: string | null;
    text: string;
    moderationUrl: string;
  };
  /** To the person who commented: the chair answered them, in the open. */
  'meeting-comment-answered': {
    allianceName: string;
    meetingTitle: string;
    decisionText: string | null;
    text: string;
    answer: string;
    commentUrl: string;
  };
  /**
   * The secretariat's announcement to the representatives of a segment of the signatories: its title and Markdown
   * body as written (in the secretariat's language; the words around it in the recipient's). Carries
   * List-Unsubscribe: a person may stop announcements.
   */
  announcement: {
    allianceName: string;
    title: string;
    /** Markdown of the declaration's small kind, rendered by construction (EmailBlock `markdown`). */
    body: string;
    announcementUrl: string;
    unsubscribeUrl: string;
  };
  /**
   * One e-mail a day or a week listing the optional e-mails the person chose to get as a digest, each by the subject
   * it would have had, linking where its button would have. Carries List-Unsubscribe: it stops the digest.
   */
  digest: {
    frequency: 'daily' | 'weekly';
    /** The first day of the period, `YYYY-MM-DD` (UTC): the day, or the Monday of the week. */
    periodStart: string;
    entries: DigestEntry[];
    unsubscribeUrl: string;
  };
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

/**
 * Where a recipient can opt out, per template. `null` marks a transactional e-mail (the recipient asked for it,
 * or it records a decision about them): those carry no List-Unsubscribe, because opting out of them makes no sense.
 */
export const unsubscribeUrlOf: { [T in EmailTemplateId]: ((data: EmailTemplateData[T]) => string) | null } = {
  'login-link': null,
  // Sent once, at a colleague's request, and acted on by the recipient: nothing to opt out of.
  'representative-invitation': null,
  // A record of a role given to the recipient: transactional.
  'secretariat-appointed': null,
  'chair-appointed': null,
  'steering-committee-appointed': null,
  // Sent once per alliance, about the recipient's own organisations' record: nothing to opt out of.
  'register-invitation': null,
  // About the recipient's own organisation's signature, once per version: nothing to opt out of.
  'resign-invitation': null,
  'signature-confirmation': null,
  'signature-approved': null,
  'signature-rejected': null,
  'signature-withdrawn': null,
  'signature-to-review': (data) => data.unsubscribeUrl,
  'pledge-submitted': (data) => data.unsubscribeUrl,
  'pledge-decided': null,
  'pledge-withdrawn': null,
  // Reminders and notices follow from the organisation's own pledge; queries and answers are the two sides of
  // a question someone asked: all transactional.
  'progress-report-reminder': null,
  'progress-report-overdue': null,
  // About the recipient's own organisation's duty to report, once per change of its campaign's dates.
  'reporting-campaign-changed': null,
  'progress-report-queried': null,
  'progress-report-answered': null,
  // The invitee is a member of the group the meeting is of: its meetings are part of taking part.
  'meeting-invitation': null,
  // The taskholder's own task, agreed in the open: transactional, as a campaign's reminders are.
  'commitment-reminder': null,
  'commitment-late': null,
  // The moderators' own work, and the answer to what the recipient wrote: transactional.
  'meeting-comment-received': null,
  'meeting-comment-answered': null,
  // Not about anything the recipient asked for or owes: a person may stop them (person.announcement_emails).
  announcement: (data) => data.unsubscribeUrl,
  // The person chose it instead of the optional e-mails it lists: it stops as they would.
  digest: (data) => data.unsubscribeUrl,
};
