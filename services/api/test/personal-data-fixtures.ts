import { randomUUID } from 'node:crypto';
import { schema } from '@concord/db';
import { PRIVACY_NOTICE_VERSION } from '@concord/schema/values';
import { eq, ne, sql } from 'drizzle-orm';
import { CREATE_COMMITMENT, commitmentInput } from './commitment-fixtures.ts';
import type { TestApp } from './helper.ts';
import { mailbox, tokenFrom, waitFor, waitForMail } from './journey.ts';
import { draft, ok, SECRETARIAT, SLUG, SUBMIT } from './pledge-fixtures.ts';

/** A person whose every kind of personal data Concord holds: the subject of the export and erasure tests. */
export interface Subject {
  id: string;
  email: string;
  name: string;
  jobTitle: string;
  cookie: string;
  organisationId: string;
  signatureId: string;
}

const REGISTER = `mutation($input: OrganisationInput!) { registerOrganisation(input: $input) { organisation { id } } }`;
const SIGN = `mutation($input: SignDeclarationInput!) { signDeclaration(input: $input) { id } }`;
const CONFIRM = 'mutation($token: String!) { confirmSignature(token: $token) { id } }';
const APPROVE = 'mutation($id: ID!) { approveSignature(id: $id) { id } }';
const JOIN = 'mutation($g: ID!, $o: ID!) { joinWorkingGroup(workingGroupId: $g, organisationId: $o) { role } }';
const APPOINT = `mutation($g: ID!, $o: ID!, $p: ID!) {
  appointChair(workingGroupId: $g, organisationId: $o, personId: $p, role: CO_CHAIR) { role } }`;
const STEERING = `mutation($a: ID!, $o: ID!, $p: ID!) {
  appointSteeringCommitteeMember(allianceId: $a, organisationId: $o, personId: $p) { id } }`;
const SIGN_IN = `mutation($token: String!, $version: String) {
  signInWithLink(token: $token, privacyNoticeVersion: $version) { person { id } } }`;

/** Signs in through an e-mailed link, accepting the privacy notice on the way (as the portal's button does). */
export async function signInAccepting(t: TestApp, email: string, version: string | null = PRIVACY_NOTICE_VERSION) {
  const isLoginMail = /sign-?in|log-?in/i;
  const before = (await mailbox(t, email)).filter((m) => isLoginMail.test(m.subject)).length;
  await ok(t, 'mutation($email: String!) { requestLoginLink(email: $email) { accepted } }', { email });
  const mail = await waitForMail(t, email, isLoginMail, before + 1);
  const token = tokenFrom(mail.text, '/login/verify');
  const res = await t.graphql<{ signInWithLink: { person: { id: string } } }>(SIGN_IN, { token, version });
  const cookie = res.setCookie.find((c) => c.startsWith('concord_session='))?.split(';')[0] ?? '';
  return { res, token, cookie, personId: res.data?.signInWithLink.person.id ?? '' };
}

/**
 * A person who signed in, registered an organisation, signed the declaration (with their name and job title),
 * confirmed it by e-mail and was approved, got the certificate by e-mail, and drafted and submitted a pledge. Rows
 * the API gives only to other roles (a pledge decided, a report validated, a campaign opened, a staff role, an
 * opt-out link) are written as those roles' own operations would write them.
 */
export async function richSubject(t: TestApp, staffCookie: string, tag: string): Promise<Subject> {
  const email = `quill.${tag}@feather.example`;
  const name = `Quillon ${tag} Featherstonehaugh`;
  const jobTitle = `Chief ${tag} Circularity Wrangler`;
  const { cookie, personId } = await signInAccepting(t, email);
  const registered = await ok<{ registerOrganisation: { organisation: { id: string } } }>(
    t,
    REGISTER,
    {
      input: {
        legalName: `Featherstone ${tag} Recycling BV`,
        country: 'NL',
        kind: 'COMPANY',
        size: 'SME',
        stages: ['RECYCLER'],
        registrationNumber: `KVK ${tag}`,
      },
    },
    cookie,
  );
  const organisationId = registered.registerOrganisation.organisation.id;
  await t.database.db
    .update(schema.organisationMember)
    .set({ jobTitle })
    .where(eq(schema.organisationMember.personId, personId));
  const [declaration] = await t.database.db.select().from(schema.declarationVersion).limit(1);
  const signed = await ok<{ signDeclaration: { id: string } }>(
    t,
    SIGN,
    {
      input: {
        allianceSlug: SLUG,
        organisationId,
        declarationVersion: declaration?.version ?? 1,
        signerName: name,
        signerJobTitle: jobTitle,
      },
    },
    cookie,
  );
  const signatureId = signed.signDeclaration.id;
  const confirmation = await waitForMail(t, email, /confirm/i);
  await ok(t, CONFIRM, { token: tokenFrom(confirmation.text, '/signatures/confirm') });
  await ok(t, APPROVE, { id: signatureId }, staffCookie);
  await waitForMail(t, email, /now a signatory/i);
  await waitFor(async () => {
    const [row] = await t.database.db
      .select({ id: schema.document.id })
      .from(schema.document)
      .where(eq(schema.document.signatureId, signatureId));
    return row;
  }, 'the certificate');

  // A pledge of their own, submitted: pledge versions written by the person.
  const pledged = await draft(t, cookie, organisationId, { workingGroupSlug: null });
  await ok(t, SUBMIT, { id: pledged.id }, cookie);

  // What the person did in other roles, written as those operations write it.
  const db = t.database.db;
  const [alliance] = await db.select().from(schema.alliance).where(eq(schema.alliance.slug, SLUG));
  const allianceId = alliance?.id ?? '';
  await db.insert(schema.allianceStaff).values({ allianceId, personId, role: 'secretariat' });
  // A commitment of the alliance's own, recorded by them as secretariat, held by their organisation in their name.
  await ok(
    t,
    CREATE_COMMITMENT,
    {
      slug: SLUG,
      group: null,
      input: commitmentInput(organisationId, { taskholderPersonId: personId }),
      note: `Recorded by ${tag}.`,
    },
    cookie,
  );
  // An announcement they sent as secretariat to every signatory, themselves among them.
  await ok(
    t,
    `mutation($slug: String!, $input: AnnouncementInput!, $key: ID!) {
      sendAnnouncement(allianceSlug: $slug, input: $input, requestKey: $key) { id } }`,
    {
      slug: SLUG,
      input: { title: `Word from ${tag}`, body: 'Hello.', segment: { kind: 'ALL_SIGNATORIES' } },
      key: randomUUID(),
    },
    cookie,
  );
  await db
    .insert(schema.emailOptOut)
    .values({ tokenHash: 'a'.repeat(56) + tag.padEnd(8, '0').slice(0, 8), personId, topic: 'review' });
  // An announcement waiting for their weekly digest, and a digest already sent (docs/adr/0036).
  await db.insert(schema.emailDigestItem).values({
    personId,
    topic: 'announcement',
    frequency: 'weekly',
    template: 'announcement',
    data: { allianceName: 'A', title: `Digest item of ${tag}`, body: 'Hello.', announcementUrl: 'https://x.test/a' },
    idempotencyKey: `fixture:${tag}:${personId}`,
  });
  await db.insert(schema.emailDigest).values({ personId, frequency: 'daily', periodStart: '2026-01-05', itemCount: 1 });
  await t.database.rows(sql`update pledge_version set decided_by_person_id = ${personId}, decided_at = now()
    where id = (select id from pledge_version where status = 'accepted' order by id limit 1)`);
  await t.database.rows(sql`update signature set reviewed_by_person_id = ${personId}
    where id = (select id from signature where status = 'active' and id <> ${signatureId} order by id limit 1)`);
  await t.database.rows(sql`update reporting_campaign set opened_by_person_id = ${personId}
    where id = (select id from reporting_campaign order by id limit 1)`);
  await t.database.rows(sql`update progress_report set submitted_by_person_id = ${personId},
    validated_by_person_id = ${personId} where id = (select id from progress_report order by id limit 1)`);
  await t.database.rows(sql`insert into progress_report_revision (id, report_id, revision, tonnes_achieved, submitted_at,
    submitted_by_person_id) select gen_random_uuid(), p.id, 1000 + (select count(*) from progress_report_revision), p.tonnes_achieved, now(),
    ${personId} from progress_report p order by p.id limit 1`);
  const [meeting] = await db
    .insert(schema.meeting)
    .values({
      allianceId,
      title: `Quill ${tag} plenary`,
      purpose: 'What did we learn?',
      startsAt: new Date('2027-01-12T09:00:00Z'),
      endsAt: new Date('2027-01-12T11:00:00Z'),
      timeZone: 'Europe/Brussels',
      place: 'Brussels',
      capacity: 5,
      createdByPersonId: personId,
    })
    .returning();
  const meetingId = meeting?.id ?? '';
  await db.insert(schema.meetingRegistration).values({ meetingId, personId, organisationId, status: 'registered' });
  await db.insert(schema.meetingAttendance).values({ meetingId, organisationId, recordedByPersonId: personId });
  await db
    .insert(schema.meetingMinutes)
    .values({ meetingId, text: 'Agreed.', publishedAt: new Date(), publishedByPersonId: personId });
  // A comment they wrote on those minutes, and answered themselves as the meeting's host.
  await db.insert(schema.meetingComment).values({
    allianceId,
    meetingId,
    authorPersonId: personId,
    text: `A question from ${tag}.`,
    status: 'answered',
    answer: `An answer by ${tag}.`,
    moderatedAt: new Date(),
    moderatedByPersonId: personId,
  });
  await db.update(schema.person).set({ timeZone: 'Europe/Lisbon' }).where(eq(schema.person.id, personId));
  // A register import they uploaded and confirmed as secretariat (its file gone with the confirmation).
  await db.insert(schema.registerImport).values({
    allianceId,
    fileName: 'register.csv',
    format: 'csv',
    csvSheet: 'organisations',
    fileSha256: '0'.repeat(64),
    byteSize: 10,
    status: 'confirmed',
    totals: [],
    rows: [],
    uploadedByPersonId: personId,
    confirmedByPersonId: personId,
    confirmedAt: new Date(),
  });
  // Invited to the alliance once as a person an import brought in, and inviting another themselves as secretariat.
  const [other] = await db
    .select({ id: schema.person.id })
    .from(schema.person)
    .where(ne(schema.person.id, personId))
    .limit(1);
  await db
    .insert(schema.registerInvitation)
    .values([
      { allianceId, personId, invitedByPersonId: null, invitedAt: new Date() },
      { allianceId, personId: other?.id ?? '', invitedByPersonId: personId, invitedAt: new Date() },
    ])
    .onConflictDoNothing();
  // Named co-chair of a working group for their organisation, by the secretariat.
  const [group] = await db
    .select({ id: schema.workingGroup.id })
    .from(schema.workingGroup)
    .where(eq(schema.workingGroup.allianceId, allianceId))
    .limit(1);
  const g = group?.id ?? '';
  await ok(t, JOIN, { g, o: organisationId }, cookie);
  await ok(t, APPOINT, { g, o: organisationId, p: personId }, staffCookie);
  // A seat on the alliance's steering committee, for the same organisation.
  await ok(t, STEERING, { a: allianceId, o: organisationId, p: personId }, staffCookie);
  return { id: personId, email, name, jobTitle, cookie, organisationId, signatureId };
}

/** A second organisation of the subject's, whose signature they confirmed and which waits for review. */
export async function pendingSignature(t: TestApp, subject: Subject, tag: string): Promise<string> {
  const registered = await ok<{ registerOrganisation: { organisation: { id: string } } }>(
    t,
    REGISTER,
    {
      input: {
        legalName: `Quillfeather ${tag} Sorting BV`,
        country: 'NL',
        kind: 'COMPANY',
        size: 'SME',
        stages: ['RECYCLER'],
        registrationNumber: `KVK ${tag} 2`,
      },
    },
    subject.cookie,
  );
  const [declaration] = await t.database.db.select().from(schema.declarationVersion).limit(1);
  const before = (await mailbox(t, subject.email)).filter((m) => /confirm/i.test(m.subject)).length;
  const signed = await ok<{ signDeclaration: { id: string } }>(
    t,
    SIGN,
    {
      input: {
        allianceSlug: SLUG,
        organisationId: registered.registerOrganisation.organisation.id,
        declarationVersion: declaration?.version ?? 1,
        signerName: subject.name,
        signerJobTitle: subject.jobTitle,
      },
    },
    subject.cookie,
  );
  const confirmation = await waitForMail(t, subject.email, /confirm/i, before + 1);
  await ok(t, CONFIRM, { token: tokenFrom(confirmation.text, '/signatures/confirm') });
  return signed.signDeclaration.id;
}

export const SECRETARIAT_EMAIL = SECRETARIAT;
