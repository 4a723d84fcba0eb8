import { schema } from '@concord/db';
import { and, asc, eq, sql } from 'drizzle-orm';
import { type ParsedMail, simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.ts';
import { waitFor } from './journey.ts';
import { type SmtpSink, signInThroughSink, startSmtpSink } from './smtp-sink.ts';

/**
 * The person the secretariat names working-group chair or co-chair (docs/adr/0033), or appoints to the steering
 * committee (docs/adr/0035), is told by e-mail, in their language, through the queue and a real mail server
 * (smtp-server); the same appointment made again sends nothing more.
 */
const SLUG = 'circular-plastics';
const { organisation, organisationMember, person, signature, workingGroupMember } = schema;

let t: TestApp;
let sink: SmtpSink;
let staff = '';
let allianceId = '';
/** Two active signatories' sole representatives: `fr` reads French, `de` German. */
let fr: { organisationId: string; personId: string; email: string };
let de: { organisationId: string; personId: string; email: string };

beforeAll(async () => {
  sink = await startSmtpSink({ keepRaw: true });
  t = await buildTestApp({ env: { SMTP_URL: sink.url, DEV_MAILBOX: 'false' } });
  const { db } = t.database;
  const [alliance] = await db.select().from(schema.alliance).where(eq(schema.alliance.slug, SLUG));
  allianceId = alliance?.id ?? '';
  const reps = await db
    .select({ organisationId: organisation.id, personId: person.id, email: person.email })
    .from(organisation)
    .innerJoin(organisationMember, eq(organisationMember.organisationId, organisation.id))
    .innerJoin(person, eq(person.id, organisationMember.personId))
    .innerJoin(
      signature,
      and(
        eq(signature.organisationId, organisation.id),
        eq(signature.allianceId, allianceId),
        eq(signature.status, 'active'),
      ),
    )
    .where(sql`(select count(*) from ${organisationMember} m where m.organisation_id = ${organisation.id}) = 1`)
    .orderBy(asc(organisation.legalName))
    .limit(2);
  [fr, de] = reps as [typeof fr, typeof de];
  if (!de) throw new Error('two signatories needed');
  await db.update(person).set({ locale: 'fr' }).where(eq(person.id, fr.personId));
  await db.update(person).set({ locale: 'de' }).where(eq(person.id, de.personId));
  staff = await signInThroughSink(t, sink, 'secretariat@concord.example');
}, 60_000);
afterAll(async () => {
  await t?.close();
  await sink?.close();
});

/** The messages the server took for `email` whose subject matches. */
async function received(email: string, subject: RegExp): Promise<ParsedMail[]> {
  const parsed = await Promise.all(sink.messages.map((m) => simpleParser(m.raw ?? '')));
  return parsed.filter(
    (m) => !Array.isArray(m.to) && m.to?.text.toLowerCase() === email.toLowerCase() && subject.test(m.subject ?? ''),
  );
}

async function sent(template: string, count: number) {
  const { emailDelivery } = schema;
  await waitFor(
    async () => {
      const rows = await t.database.db
        .select({ id: emailDelivery.id })
        .from(emailDelivery)
        .where(and(eq(emailDelivery.template, template), eq(emailDelivery.status, 'sent')));
      return rows.length >= count ? true : undefined;
    },
    `${count} ${template} e-mail(s) sent to the mail server`,
    60_000,
  );
}

describe('[E-MAIL] appointments, through a real mail server', () => {
  it('tells a person named to the steering committee, once, in their language', async () => {
    const APPOINT = `mutation($a: ID!, $o: ID!, $p: ID!) {
      appointSteeringCommitteeMember(allianceId: $a, organisationId: $o, personId: $p, role: CHAIR) { id } }`;
    const vars = { a: allianceId, o: fr.organisationId, p: fr.personId };
    expect((await t.graphql(APPOINT, vars, { cookie: staff })).errors).toBeUndefined();
    expect((await t.graphql(APPOINT, vars, { cookie: staff })).errors).toBeUndefined();
    await sent('steering-committee-appointed', 1);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const mails = await received(fr.email, /comité de pilotage/);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toMatch(/^Vous êtes désormais président du comité de pilotage/);
    expect(mails[0]?.headers.get('content-language')).toBe('fr');
    expect(mails[0]?.text).toContain(`${t.app.config.publicUrl}/alliances/${SLUG}/steering-committee`);
  }, 90_000);

  it('tells a person named co-chair of a working group, in their language', async () => {
    const created = await t.graphql<{ createWorkingGroup: { id: string; slug: string } }>(
      `mutation($input: WorkingGroupInput!) { createWorkingGroup(allianceSlug: "${SLUG}", input: $input) { id slug } }`,
      {
        input: {
          slug: 'mailed-chairs',
          name: 'Sortierung',
          kind: 'HORIZONTAL',
          mandate: 'Sort.',
          relevantStages: ['RECYCLER'],
        },
      },
      { cookie: staff },
    );
    const group = created.data?.createWorkingGroup;
    if (!group) throw new Error(JSON.stringify(created.errors));
    await t.database.db
      .insert(workingGroupMember)
      .values({ workingGroupId: group.id, organisationId: de.organisationId });
    const res = await t.graphql(
      `mutation($g: ID!, $o: ID!, $p: ID!) { appointChair(workingGroupId: $g, organisationId: $o, personId: $p, role: CO_CHAIR) { role } }`,
      { g: group.id, o: de.organisationId, p: de.personId },
      { cookie: staff },
    );
    expect(res.errors).toBeUndefined();
    await sent('chair-appointed', 1);
    const [mail] = await received(de.email, /Arbeitsgruppe Sortierung/);
    expect(mail?.subject).toBe('Sie haben nun den Ko-Vorsitz der Arbeitsgruppe Sortierung');
    expect(mail?.headers.get('content-language')).toBe('de');
    expect(mail?.html).toContain(`href="${t.app.config.publicUrl}/alliances/${SLUG}/working-groups/${group.slug}"`);
  }, 90_000);
});
