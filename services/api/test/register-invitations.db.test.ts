import { schema } from '@concord/db';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.ts';
import { mailbox, signIn, waitFor } from './journey.ts';
import { jobsSettled, pledgers, SECRETARIAT } from './pledge-fixtures.ts';
import { CONFIRM, generatedRegister, upload, xlsxOf } from './register-import-fixtures.ts';

/**
 * [IMPORT] Inviting the people a register import brought in, on both databases, through the queue: imports e-mail
 * nobody; the secretariat then invites the representatives of imported organisations who never signed in, each once
 * (also when two invitations run at once), in their language, naming the organisations they represent; nobody who
 * has signed in, and no one for anyone but the secretariat.
 */
const COUNT = `query { alliance(slug: "circular-plastics") { importedPeopleToInvite } }`;
const INVITE = `mutation { inviteImportedPeople(allianceSlug: "circular-plastics") { invited } }`;
// "register" (en), "registre" (fr), "Register" (de).
const INVITED = /regist/i;

let t: TestApp;
let secretariat = '';
let representative = { email: '', cookie: '' };
const invitees = ['person-inv-1@imported.example', 'person-inv-2@imported.example', 'person-inv-3@imported.example'];

const invitationsTo = async (email: string) => (await mailbox(t, email)).filter((m) => INVITED.test(m.subject));

beforeAll(async () => {
  t = await buildTestApp();
  secretariat = await signIn(t, SECRETARIAT);
  const [rep] = await pledgers(t, 1);
  if (!rep) throw new Error('no representative in the demo data');
  representative = { email: rep.email, cookie: await signIn(t, rep.email) };
  const register = generatedRegister(3, { prefix: 'INV' });
  // The first person represents two of the organisations; someone who has signed in before represents the third.
  register.representatives.push(
    { organisation_key: 'ORG-INV-2', name: 'Person INV 1', email: invitees[0] ?? '' },
    { organisation_key: 'ORG-INV-3', name: 'Known Person', email: rep.email },
  );
  const file = await xlsxOf({ organisations: register.organisations, representatives: register.representatives });
  const uploaded = await upload(t, secretariat, file, { fileName: 'register.xlsx' });
  expect(uploaded.statusCode, JSON.stringify(uploaded.body)).toBe(201);
  const confirmed = await t.graphql(CONFIRM, { id: uploaded.body.id }, { cookie: secretariat });
  expect(confirmed.errors).toBeUndefined();
  await t.database.db
    .update(schema.person)
    .set({ locale: 'fr' })
    .where(eq(schema.person.email, invitees[1] ?? ''));
}, 120_000);
afterAll(() => t?.close());

describe('[IMPORT] inviting the people an import brought in', () => {
  it('e-mails nobody on import, and tells the secretariat alone how many it would invite', async () => {
    await jobsSettled(t);
    for (const email of invitees) expect(await invitationsTo(email), email).toHaveLength(0);
    const count = await t.graphql<{ alliance: { importedPeopleToInvite: number } }>(COUNT, {}, { cookie: secretariat });
    expect(count.data?.alliance.importedPeopleToInvite).toBe(3);
    for (const query of [COUNT, INVITE]) {
      const refused = await t.graphql(query, {}, { cookie: representative.cookie });
      expect(refused.errors?.[0]?.extensions?.code, query).toBe('FORBIDDEN');
      const anonymous = await t.graphql(query, {});
      expect(anonymous.errors?.[0]?.extensions?.code, query).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
    }
    const [{ n } = { n: -1 }] = await t.database.rows<{ n: number }>(
      sql`select count(*)::int as n from register_invitation`,
    );
    expect(Number(n)).toBe(0);
  });

  it('invites each once, also when two invitations run at once, in their language, naming their organisations', async () => {
    const results = await Promise.all([
      t.graphql<{ inviteImportedPeople: { invited: number } }>(INVITE, {}, { cookie: secretariat }),
      t.graphql<{ inviteImportedPeople: { invited: number } }>(INVITE, {}, { cookie: secretariat }),
    ]);
    for (const r of results) expect(r.errors).toBeUndefined();
    expect(results.reduce((sum, r) => sum + (r.data?.inviteImportedPeople.invited ?? 0), 0)).toBe(3);

    for (const email of invitees) {
      await waitFor(
        async () => ((await invitationsTo(email)).length > 0 ? true : undefined),
        `the invitation to ${email}`,
      );
    }
    await jobsSettled(t);
    for (const email of invitees) expect(await invitationsTo(email), email).toHaveLength(1);
    expect(await invitationsTo(representative.email)).toHaveLength(0);

    const [first] = await invitationsTo(invitees[0] ?? '');
    expect(first?.subject).toBe('The Circular Plastics Alliance (demo) now keeps its register in Concord');
    // The plain text is wrapped: read it as one line.
    expect(first?.text.replace(/\s+/g, ' ')).toContain('Imported INV Recycling 1 SA and Imported INV Recycling 2 SA');
    expect(first?.text).toContain('/login?next=%2Faccount');
    const [french] = await invitationsTo(invitees[1] ?? '');
    expect(french?.subject).toContain('tient désormais son registre dans Concord');

    const events = await t.database.rows<{ after: { invited: number } }>(
      sql`select after from audit_event where action = 'register_import.people_invited' order by seq`,
    );
    expect(events.reduce((sum, e) => sum + e.after.invited, 0)).toBe(3);

    const again = await t.graphql<{ inviteImportedPeople: { invited: number } }>(INVITE, {}, { cookie: secretariat });
    expect(again.data?.inviteImportedPeople.invited).toBe(0);
    const count = await t.graphql<{ alliance: { importedPeopleToInvite: number } }>(COUNT, {}, { cookie: secretariat });
    expect(count.data?.alliance.importedPeopleToInvite).toBe(0);
    await jobsSettled(t);
    for (const email of invitees) expect(await invitationsTo(email), email).toHaveLength(1);
  });

  it('leaves out a person who signed in meanwhile, and counts a new import’s people', async () => {
    const register = generatedRegister(2, { prefix: 'LATE' });
    const file = await xlsxOf({ organisations: register.organisations, representatives: register.representatives });
    const uploaded = await upload(t, secretariat, file, { fileName: 'more.xlsx' });
    expect((await t.graphql(CONFIRM, { id: uploaded.body.id }, { cookie: secretariat })).errors).toBeUndefined();
    await signIn(t, 'person-late-1@imported.example');
    const count = await t.graphql<{ alliance: { importedPeopleToInvite: number } }>(COUNT, {}, { cookie: secretariat });
    expect(count.data?.alliance.importedPeopleToInvite).toBe(1);
    const invited = await t.graphql<{ inviteImportedPeople: { invited: number } }>(INVITE, {}, { cookie: secretariat });
    expect(invited.data?.inviteImportedPeople.invited).toBe(1);
    const rows = await t.database.db
      .select({ email: schema.person.email })
      .from(schema.registerInvitation)
      .innerJoin(schema.person, eq(schema.person.id, schema.registerInvitation.personId))
      .where(inArray(schema.person.email, ['person-late-1@imported.example', 'person-late-2@imported.example']));
    expect(rows.map((r) => r.email)).toEqual(['person-late-2@imported.example']);
  });
});
