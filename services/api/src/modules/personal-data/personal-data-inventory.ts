import { type SQL, sql } from 'drizzle-orm';

/** The person whose data is looked up: their id and, while they have one, their e-mail address. */
export interface DataSubject {
  id: string;
  email: string;
}

/** What erasure does to the person's rows of a section (docs/adr/0014-personal-data.md). */
export type Erasure =
  | { kind: 'delete' }
  | { kind: 'update'; set: (subject: DataSubject) => SQL }
  /** The rows stay as they are: they hold nothing but the person's id (a pseudonym once erased) or another's record. */
  | { kind: 'keep'; why: string };

/**
 * One part of what Concord holds about a person: the rows of `table` (alias `t`) that are theirs, the columns the
 * export gives, and what erasure does. The same list drives the export (everything listed is in it), the erasure
 * (every section is acted on) and the inventory test, which fails for a column that looks personal or points at a
 * person and is in no section nor in `notPersonal`.
 */
export interface PersonalDataSection {
  /** The key of the section in the export. */
  name: string;
  table: string;
  whose: (subject: DataSubject) => SQL;
  columns: readonly string[];
  /** Values from elsewhere that make the rows readable (an organisation's name beside its id). */
  context?: Readonly<Record<string, SQL>>;
  erasure: Erasure;
}

/** What the pseudonymised person and their signatures say instead of a name, an address or a job title. */
export const ERASED = 'Erased';
export const erasedEmail = (personId: string) => `erased-${personId}@invalid`;

const byPerson = (column: string) => (s: DataSubject) => sql`t.${sql.identifier(column)} = ${s.id}`;
const byAddress = (column: string) => (s: DataSubject) => sql`lower(t.${sql.identifier(column)}) = lower(${s.email})`;
const organisationName = sql`(select o.legal_name from organisation o where o.id = t.organisation_id)`;
const allianceSlug = sql`(select a.slug from alliance a where a.id = t.alliance_id)`;
const KEEP_RECORD = "the organisation's or the alliance's record, kept with the person's id (a pseudonym once erased)";

/**
 * Everything Concord holds about a person, table by table. `person` comes last: erasure finds the other rows by the
 * address it then replaces.
 */
export const personalDataSections: readonly PersonalDataSection[] = [
  {
    name: 'privacyNoticeAcceptances',
    table: 'privacy_notice_acceptance',
    whose: byPerson('person_id'),
    columns: ['person_id', 'version', 'accepted_at'],
    erasure: { kind: 'keep', why: 'which notice the pseudonym accepted, and when: nothing that identifies' },
  },
  {
    name: 'organisationMemberships',
    table: 'organisation_member',
    whose: byPerson('person_id'),
    columns: ['organisation_id', 'person_id', 'job_title', 'created_at', 'updated_at'],
    context: { organisationName },
    // An erased person can never sign in again: they represent nobody, and get no more e-mail as a representative.
    erasure: { kind: 'delete' },
  },
  {
    name: 'chairsHeld',
    table: 'working_group_member',
    whose: byPerson('chair_person_id'),
    columns: ['working_group_id', 'organisation_id', 'role', 'chair_person_id', 'joined_at'],
    context: { organisationName },
    // The chair stays the organisation's, held by its representatives until the secretariat names another person.
    erasure: { kind: 'update', set: () => sql`chair_person_id = null` },
  },
  {
    name: 'steeringCommitteeSeats',
    table: 'steering_committee_member',
    whose: byPerson('person_id'),
    columns: ['alliance_id', 'person_id', 'organisation_id', 'role', 'created_at', 'updated_at'],
    context: { allianceSlug, organisationName },
    // A seat is the person's own public role: erased with them, as if the secretariat had removed it.
    erasure: { kind: 'delete' },
  },
  {
    name: 'staffRoles',
    table: 'alliance_staff',
    whose: byPerson('person_id'),
    columns: ['alliance_id', 'person_id', 'role', 'created_at', 'updated_at'],
    context: { allianceSlug },
    erasure: { kind: 'delete' },
  },
  {
    name: 'sessions',
    table: 'session',
    whose: byPerson('person_id'),
    // Not token_hash: a credential, of use to nobody but a thief.
    columns: ['id', 'person_id', 'created_at', 'last_seen_at', 'expires_at', 'revoked_at', 'user_agent'],
    erasure: { kind: 'delete' },
  },
  {
    name: 'emailLinks',
    table: 'email_token',
    whose: (s) => sql`(lower(t.email) = lower(${s.email}) or t.requested_by = ${s.id})`,
    columns: ['id', 'purpose', 'email', 'subject_id', 'requested_by', 'created_at', 'expires_at', 'used_at'],
    erasure: { kind: 'delete' },
  },
  {
    name: 'announcementsReceived',
    table: 'announcement_recipient',
    whose: byPerson('person_id'),
    columns: ['announcement_id', 'person_id'],
    context: { title: sql`(select a.title from announcement a where a.id = t.announcement_id)` },
    erasure: { kind: 'keep', why: 'that the pseudonym was sent a public announcement: nothing that identifies' },
  },
  {
    name: 'announcementsSent',
    table: 'announcement',
    whose: byPerson('sent_by_person_id'),
    columns: ['id', 'alliance_id', 'title', 'sent_by_person_id', 'sent_at'],
    context: { allianceSlug },
    erasure: { kind: 'keep', why: KEEP_RECORD },
  },
  {
    name: 'emailOptOutLinks',
    table: 'email_opt_out',
    whose: byPerson('person_id'),
    columns: ['person_id', 'topic', 'created_at', 'used_at'],
    erasure: { kind: 'delete' },
  },
  {
    // What optional e-mails would have said, waiting for the person's digest (docs/adr/0036): erased, never sent.
    name: 'emailDigestItems',
    table: 'email_digest_item',
    whose: byPerson('person_id'),
    columns: ['person_id', 'topic', 'frequency', 'template', 'data', 'created_at'],
    erasure: { kind: 'delete' },
  },
  {
    name: 'emailDigests',
    table: 'email_digest',
    whose: byPerson('person_id'),
    columns: ['person_id', 'frequency', 'period_start', 'item_count', 'created_at'],
    erasure: { kind: 'delete' },
  },
  {
    name: 'emailsSent',
    table: 'email_delivery',
    whose: byAddress('recipient'),
    columns: ['id', 'template', 'recipient', 'subject', 'status', 'attempts', 'last_error', 'created_at', 'sent_at'],
    // The row stays for the count of e-mails sent and failed; a mail server's error may quote the address.
    erasure: { kind: 'update', set: (s) => sql`recipient = ${erasedEmail(s.id)}, last_error = null` },
  },
  {
    name: 'developmentMailbox',
    table: 'dev_mailbox_message',
    whose: byAddress('recipient'),
    columns: ['id', 'recipient', 'sender', 'subject', 'text', 'html', 'headers', 'created_at'],
    erasure: { kind: 'delete' },
  },
  {
    name: 'signaturesSigned',
    table: 'signature',
    whose: byPerson('signer_person_id'),
    columns: [
      'id',
      'alliance_id',
      'organisation_id',
      'signer_person_id',
      'signer_name',
      'signer_job_title',
      'status',
      'signed_at',
      'confirmed_at',
      'activated_at',
      'reviewed_at',
      'rejection_reason',
      'withdrawn_at',
      'withdrawal_reason',
      'renews_signature_id',
      'superseded_at',
    ],
    context: { organisationName, allianceSlug },
    // The signature is the organisation's and stays in the register; who signed it is what goes.
    erasure: { kind: 'update', set: () => sql`signer_name = ${ERASED}, signer_job_title = ${ERASED}` },
  },
  {
    name: 'signatureCertificates',
    table: 'document',
    whose: (s) =>
      sql`t.kind = 'signature_certificate' and t.signature_id in (select g.id from signature g where g.signer_person_id = ${s.id})`,
    columns: ['id', 'signature_id', 'title', 'sha256', 'filename', 'created_at', 'content_erased_at'],
    // A certificate names its signer: the file goes, its entry (hash, title, date) stays verifiable.
    erasure: { kind: 'update', set: () => sql`content = ''::bytea, content_erased_at = now()` },
  },
  {
    name: 'signaturesReviewed',
    table: 'signature',
    whose: byPerson('reviewed_by_person_id'),
    columns: [
      'id',
      'alliance_id',
      'organisation_id',
      'reviewed_by_person_id',
      'status',
      'reviewed_at',
      'rejection_reason',
    ],
    context: { organisationName },
    erasure: { kind: 'keep', why: KEEP_RECORD },
  },
  {
    name: 'pledgeVersionsWritten',
    table: 'pledge_version',
    whose: byPerson('created_by_person_id'),
    columns: ['id', 'pledge_id', 'version', 'status', 'created_by_person_id', 'submitted_at'],
    erasure: { kind: 'keep', why: KEEP_RECORD },
  },
  {
    name: 'pledgeVersionsDecided',
    table: 'pledge_version',
    whose: byPerson('decided_by_person_id'),
    columns: ['id', 'pledge_id', 'version', 'status', 'decided_by_person_id', 'decided_at', 'review_comment'],
    erasure: { kind: 'keep', why: KEEP_RECORD },
  },
  {
    name: 'reportingCampaignsOpened',
    table: 'reporting_campaign',
    whose: byPerson('opened_by_person_id'),
    columns: ['id', 'alliance_id', 'year', 'opened_by_person_id', 'created_at'],
    erasure: { kind: 'keep', why: KEEP_RECORD },
  },
  {
    name: 'progressReportsSubmitted',
    table: 'progress_report',
    whose: byPerson('submitted_by_person_id'),
    columns: [
      'id',
      'pledge_id',
      'year',
      'status',
      'submitted_by_person_id',
      'submitted_at',
      'auditor',
      'query_question',
      'query_answer',
    ],
    erasure: { kind: 'keep', why: KEEP_RECORD },
  },
  {
    name: 'progressReportsValidated',
    table: 'progress_report',
    whose: byPerson('validated_by_person_id'),
    columns: ['id', 'pledge_id', 'year', 'status', 'validated_by_person_id', 'validated_at', 'query_question'],
    erasure: { kind: 'keep', why: KEEP_RECORD },
  },
  {
    name: 'progressReportRevisionsSubmitted',
    table: 'progress_report_revision',
    whose: byPerson('submitted_by_person_id'),
    columns: ['id', 'report_id', 'revision', 'submitted_by_person_id', 'submitted_at', 'auditor'],
    erasure: { kind: 'keep', why: KEEP_RECORD },
  },
  {
    name: 'meetingsScheduled',
    table: 'meeting',
    whose: byPerson('created_by_person_id'),
    columns: ['id', 'alliance_id', 'working_group_id', 'title', 'starts_at', 'created_by_person_id', 'created_at'],
    erasure: { kind: 'keep', why: KEEP_RECORD },
  },
  {
    name: 'meetingRegistrations',
    table: 'meeting_registration',
    whose: byPerson('person_id'),
    columns: ['id', 'meeting_id', 'person_id', 'organisation_id', 'status', 'requested_at', 'created_at', 'updated_at'],
    context: { organisationName },
    // The places stay counted (a deleted place would move nobody up); the row holds nothing but the pseudonym.
    erasure: {
      kind: 'keep',
      why: "the meeting's count of places, kept with the person's id (a pseudonym once erased)",
    },
  },
  {
    name: 'meetingAttendanceRecorded',
    table: 'meeting_attendance',
    whose: byPerson('recorded_by_person_id'),
    columns: ['meeting_id', 'organisation_id', 'recorded_by_person_id', 'created_at'],
    erasure: { kind: 'keep', why: KEEP_RECORD },
  },
  {
    name: 'meetingMinutesPublished',
    table: 'meeting_minutes',
    whose: byPerson('published_by_person_id'),
    columns: ['meeting_id', 'published_by_person_id', 'published_at'],
    erasure: { kind: 'keep', why: KEEP_RECORD },
  },
  {
    name: 'meetingCommentsWritten',
    table: 'meeting_comment',
    whose: byPerson('author_person_id'),
    columns: ['id', 'meeting_id', 'decision_id', 'author_person_id', 'text', 'status', 'created_at'],
    // What the person wrote goes; the chair's answer and reason, the chair's own public words, stay around it.
    erasure: { kind: 'update', set: () => sql`text = ${ERASED}` },
  },
  {
    name: 'meetingCommentsModerated',
    table: 'meeting_comment',
    whose: byPerson('moderated_by_person_id'),
    columns: ['id', 'meeting_id', 'status', 'answer', 'hidden_reason', 'moderated_at', 'moderated_by_person_id'],
    erasure: { kind: 'keep', why: KEEP_RECORD },
  },
  {
    name: 'commitmentsHeld',
    table: 'commitment',
    whose: byPerson('taskholder_person_id'),
    columns: ['id', 'alliance_id', 'title', 'taskholder_organisation_id', 'taskholder_person_id', 'deadline', 'status'],
    erasure: { kind: 'keep', why: KEEP_RECORD },
  },
  {
    name: 'commitmentsRecorded',
    table: 'commitment',
    whose: byPerson('created_by_person_id'),
    columns: ['id', 'alliance_id', 'title', 'created_by_person_id', 'created_at'],
    erasure: { kind: 'keep', why: KEEP_RECORD },
  },
  {
    name: 'commitmentNotesWritten',
    table: 'commitment_update',
    whose: byPerson('author_person_id'),
    columns: ['id', 'commitment_id', 'occurred_at', 'to_status', 'note', 'by_role', 'author_person_id'],
    erasure: { kind: 'keep', why: KEEP_RECORD },
  },
  {
    name: 'auditEvents',
    table: 'audit_event',
    whose: (s) =>
      sql`(t.actor_person_id = ${s.id} or t.seq in (select p.event_seq from audit_personal p where p.person_id = ${s.id}))`,
    columns: [
      'seq',
      'occurred_at',
      'actor_person_id',
      'actor_organisation_id',
      'action',
      'object_type',
      'object_id',
      'before',
      'after',
    ],
    erasure: { kind: 'keep', why: 'append-only and hash-chained; its personal parts (audit_personal) are erased' },
  },
  {
    name: 'auditPersonalParts',
    table: 'audit_personal',
    whose: byPerson('person_id'),
    // Not salt: it only proves the part against the chain's digest.
    columns: ['event_seq', 'person_id', 'data', 'erased_at'],
    erasure: { kind: 'update', set: () => sql`salt = null, data = null, erased_at = now()` },
  },
  {
    name: 'registerImports',
    table: 'register_import',
    whose: (s) => sql`(t.uploaded_by_person_id = ${s.id} or t.confirmed_by_person_id = ${s.id})`,
    // Not content: the file the secretariat uploaded, about others; dropped when the import is confirmed.
    columns: [
      'id',
      'file_name',
      'status',
      'created_at',
      'confirmed_at',
      'uploaded_by_person_id',
      'confirmed_by_person_id',
    ],
    context: { allianceSlug },
    erasure: { kind: 'keep', why: KEEP_RECORD },
  },
  {
    name: 'registerInvitationsReceived',
    table: 'register_invitation',
    whose: byPerson('person_id'),
    columns: ['alliance_id', 'person_id', 'invited_at'],
    context: { allianceSlug },
    erasure: {
      kind: 'keep',
      why: 'that the pseudonym was invited once: nothing that identifies, and no second e-mail',
    },
  },
  {
    name: 'registerInvitationsSent',
    table: 'register_invitation',
    whose: byPerson('invited_by_person_id'),
    columns: ['alliance_id', 'invited_by_person_id', 'invited_at'],
    context: { allianceSlug },
    erasure: { kind: 'keep', why: KEEP_RECORD },
  },
  {
    name: 'person',
    table: 'person',
    whose: byPerson('id'),
    columns: [
      'id',
      'email',
      'name',
      'locale',
      'time_zone',
      'email_confirmed_at',
      'is_platform_administrator',
      'activity_email_frequency',
      'announcement_email_frequency',
      'created_at',
      'updated_at',
      'erased_at',
    ],
    erasure: {
      kind: 'update',
      set: (
        s,
      ) => sql`email = ${erasedEmail(s.id)}, name = ${ERASED}, locale = 'en', time_zone = null, email_confirmed_at = null,
        is_platform_administrator = false, activity_email_frequency = 'off', announcement_email_frequency = 'off', erased_at = now(), updated_at = now()`,
    },
  },
];

/**
 * Columns whose names look personal, or that point at a person, but hold no personal data of the person they point
 * at, each with the reason. With the sections above, the inventory test's complete list.
 */
export const notPersonal: Readonly<Record<string, string>> = {
  'alliance.name': "the alliance's",
  'alliance.contact_email':
    "the secretariat's address, public on the alliance's page: a shared mailbox, not a person's",
  'working_group.name': "the working group's",
  'organisation.legal_name': "the organisation's (a register of organisations, not of people)",
  'organisation.normalised_name': "the organisation's, for duplicate detection",
  'organisation_duplicate_flag.reason': 'why two organisations may be one: a code',
  'document.filename': 'named after the organisation, never a person',
  'pledge.withdrawal_reason':
    "the organisation's reason; the person who gave it finds it in their audit events (pledge.withdrawn)",
  'declaration_version.title': "the declaration's",
  'meeting.title': "the meeting's, public",
  'announcement.recipient_count': 'how many people an announcement went to: nobody is named',
  'meeting.cancellation_reason': "the hosts' reason, public: said to everyone invited",
  'meeting_agenda_item.title': "the script's, public",
  'meeting_agenda_item.question': "the script's, public",
  'meeting_minutes.text': "the meeting's minutes, public once published",
  'meeting_decision.text': "the meeting's decision, public",
  'declaration_version.text': "the declaration's",
  'declaration_translation.title': "the declaration's, translated",
  'declaration_translation.text': "the declaration's, translated",
  'progress_report.answered_at': 'when the organisation answered a query: a date',
  'email_token.token_hash': 'a credential (never exported), deleted with the rest of the row',
  'email_opt_out.token_hash': 'a credential (never exported), deleted with the rest of the row',
  'session.token_hash': 'a credential (never exported), deleted with the rest of the row',
  'audit_personal.salt': 'proves a personal part against its digest; erased with it',
  'email_delivery.idempotency_key': 'the kind of e-mail and the ids of what it is about',
  'email_delivery.message_id': 'a Message-ID Concord made up',
};
