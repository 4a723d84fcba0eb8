import { schema } from '@concord/db';
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_COMMITMENT, commitmentInput } from './commitment-fixtures.ts';
import { buildTestApp, type TestApp } from './helper.ts';
import { signIn } from './journey.ts';

/**
 * Chairs are people (docs/adr/0033-chairs-are-people.md): the secretariat names a representative of a member
 * organisation chair or co-chair; that person alone acts as chair, their name is public, and a chair no person is
 * named for (imported, or whose person stopped representing the organisation) is held by every representative.
 */
const SLUG = 'circular-plastics';
const { auditEvent, organisation, organisationMember, person, signature, workingGroupMember } = schema;

const CREATE = `mutation($slug: String!, $input: WorkingGroupInput!) { createWorkingGroup(allianceSlug: $slug, input: $input) { id slug } }`;
const JOIN =
  'mutation($g: ID!, $o: ID!, $role: MembershipRole) { joinWorkingGroup(workingGroupId: $g, organisationId: $o, role: $role) { role } }';
const APPOINT = `mutation($g: ID!, $o: ID!, $p: ID!, $role: ChairRole!) {
  appointChair(workingGroupId: $g, organisationId: $o, personId: $p, role: $role) { role chairName } }`;
const REMOVE = `mutation($g: ID!, $o: ID!) { removeWorkingGroupMember(workingGroupId: $g, organisationId: $o, reason: "Left the sector") }`;
const CHAIRS = `query($slug: String!) { alliance(slug: "${SLUG}") { workingGroup(slug: $slug) {
  chairs { role chairName organisation { id } } } } }`;
const HOLDS = `query($slug: String!) { alliance(slug: "${SLUG}") { workingGroup(slug: $slug) { viewerHoldsChair } } }`;
const SCHEDULE = `mutation($g: ID!, $input: MeetingInput!) { scheduleMeeting(allianceSlug: "${SLUG}", workingGroupId: $g, input: $input) { id } }`;
const REMOVE_REPRESENTATIVE = `mutation($o: ID!, $p: ID!) { removeRepresentative(organisationId: $o, personId: $p) { id } }`;

interface Rep {
  organisationId: string;
  personId: string;
  name: string;
  email: string;
}

let t: TestApp;
let staff = '';
/** Three active signatories, each with one representative; `colleague` is a second representative of `a`'s. */
let a: Rep;
let b: Rep;
let c: Rep;
let colleague: Rep;
const cookies = new Map<string, string>();
const cookieOf = async (email: string) => {
  const cookie = cookies.get(email) ?? (await signIn(t, email));
  cookies.set(email, cookie);
  return cookie;
};

beforeAll(async () => {
  t = await buildTestApp();
  staff = await signIn(t, 'secretariat@concord.example');
  const { db } = t.database;
  const [alliance] = await db.select().from(schema.alliance).where(eq(schema.alliance.slug, SLUG));
  const soleRepresentatives = await db
    .select({
      organisationId: organisation.id,
      personId: person.id,
      name: person.name,
      email: person.email,
    })
    .from(organisation)
    .innerJoin(organisationMember, eq(organisationMember.organisationId, organisation.id))
    .innerJoin(person, eq(person.id, organisationMember.personId))
    .innerJoin(
      signature,
      and(
        eq(signature.organisationId, organisation.id),
        eq(signature.allianceId, alliance?.id ?? ''),
        eq(signature.status, 'active'),
      ),
    )
    .where(
      sql`(select count(*) from ${organisationMember} m where m.organisation_id = ${organisation.id}) = 1
        and not exists (select 1 from ${workingGroupMember} w where w.organisation_id = ${organisation.id})`,
    )
    .orderBy(asc(organisation.legalName))
    .limit(3);
  [a, b, c] = soleRepresentatives as [Rep, Rep, Rep];
  if (!c) throw new Error('the demo alliance has fewer than three signatories in no working group');
  // A colleague of a's representative: they sign in (a new person), and are made a representative of a as an
  // accepted invitation would (that journey has its own tests).
  const email = 'colleague.chair@example.org';
  await cookieOf(email);
  const [row] = await db.select().from(person).where(eq(person.email, email));
  if (!row) throw new Error('no colleague');
  await db.update(person).set({ name: 'Colette Colleague' }).where(eq(person.id, row.id));
  await db
    .insert(organisationMember)
    .values({ organisationId: a.organisationId, personId: row.id, jobTitle: 'Engineer' });
  colleague = { organisationId: a.organisationId, personId: row.id, name: 'Colette Colleague', email };
}, 60_000);
afterAll(() => t.close());

/** A new group that a, b and c join, as members unless named in `observers`. */
async function newGroupWithMembers(observers: Rep[] = []): Promise<{ id: string; slug: string }> {
  const slug = `chairs-${Math.random().toString(36).slice(2, 8)}`;
  const input = { slug, name: 'Chairs', kind: 'HORIZONTAL', mandate: 'Test who chairs.', relevantStages: ['RECYCLER'] };
  const created = await t.graphql<{ createWorkingGroup: { id: string; slug: string } }>(
    CREATE,
    { slug: SLUG, input },
    { cookie: staff },
  );
  if (!created.data) throw new Error(JSON.stringify(created.errors));
  const group = created.data.createWorkingGroup;
  for (const rep of [a, b, c]) {
    const role = observers.includes(rep) ? 'OBSERVER' : 'MEMBER';
    const joined = await t.graphql(
      JOIN,
      { g: group.id, o: rep.organisationId, role },
      { cookie: await cookieOf(rep.email) },
    );
    if (joined.errors) throw new Error(JSON.stringify(joined.errors));
  }
  return group;
}

async function publicChairs(slug: string) {
  const res = await t.graphql<{
    alliance: { workingGroup: { chairs: { role: string; chairName: string | null; organisation: { id: string } }[] } };
  }>(CHAIRS, { slug });
  return res.data?.alliance.workingGroup.chairs;
}

const rowsOf = (groupId: string) =>
  t.database.db
    .select()
    .from(workingGroupMember)
    .where(eq(workingGroupMember.workingGroupId, groupId))
    .orderBy(asc(workingGroupMember.organisationId));
const auditCount = async () =>
  (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(auditEvent))[0]?.n ?? 0;

describe('[CHAIRS] a chair is a named person of a member organisation', () => {
  it('refuses a person who does not represent the organisation, naming personId, and changes nothing', async () => {
    const group = await newGroupWithMembers();
    const before = { rows: await rowsOf(group.id), audit: await auditCount() };
    for (const p of [b.personId, 'nope', '0190a0b0-0000-7000-8000-000000000000']) {
      const res = await t.graphql(APPOINT, { g: group.id, o: a.organisationId, p, role: 'CHAIR' }, { cookie: staff });
      expect(res.errors?.[0]?.extensions, p).toMatchObject({ code: 'BAD_USER_INPUT', field: 'personId' });
    }
    // Only the secretariat names chairs: not the person themselves.
    const self = await t.graphql(
      APPOINT,
      { g: group.id, o: a.organisationId, p: a.personId, role: 'CHAIR' },
      { cookie: await cookieOf(a.email) },
    );
    expect(self.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect({ rows: await rowsOf(group.id), audit: await auditCount() }).toEqual(before);
  });

  it('refuses an observer, naming organisationId, as the list of candidates leaves it out, and changes nothing', async () => {
    const group = await newGroupWithMembers([a]);
    const candidates = await t.graphql<{ alliance: { workingGroup: { chairCandidates: { personId: string }[] } } }>(
      `query($slug: String!) { alliance(slug: "${SLUG}") { workingGroup(slug: $slug) { chairCandidates { personId } } } }`,
      { slug: group.slug },
      { cookie: staff },
    );
    const named = candidates.data?.alliance.workingGroup.chairCandidates.map((x) => x.personId);
    expect(named).toContain(b.personId);
    expect(named).not.toContain(a.personId);
    const before = { rows: await rowsOf(group.id), audit: await auditCount() };
    for (const role of ['CHAIR', 'CO_CHAIR']) {
      const res = await t.graphql(
        APPOINT,
        { g: group.id, o: a.organisationId, p: a.personId, role },
        { cookie: staff },
      );
      expect(res.errors?.[0]?.extensions, role).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organisationId' });
    }
    expect({ rows: await rowsOf(group.id), audit: await auditCount() }).toEqual(before);
  });

  it('lets the named person alone act as chair, shows their name, and audits who was named', async () => {
    const group = await newGroupWithMembers();
    const named = await t.graphql<{ appointChair: { role: string; chairName: string } }>(
      APPOINT,
      { g: group.id, o: a.organisationId, p: a.personId, role: 'CHAIR' },
      { cookie: staff },
    );
    expect(named.data?.appointChair).toEqual({ role: 'CHAIR', chairName: a.name });
    expect(await publicChairs(group.slug)).toEqual([
      { role: 'CHAIR', chairName: a.name, organisation: { id: a.organisationId } },
    ]);

    // The colleague represents the chairing organisation but was not named: not a chair.
    const byColleague = await t.graphql(
      REMOVE,
      { g: group.id, o: c.organisationId },
      { cookie: await cookieOf(colleague.email) },
    );
    expect(byColleague.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byChair = await t.graphql(REMOVE, { g: group.id, o: c.organisationId }, { cookie: await cookieOf(a.email) });
    expect(byChair.errors).toBeUndefined();
    expect((await rowsOf(group.id)).map((r) => r.organisationId)).not.toContain(c.organisationId);

    // Naming the colleague instead moves the chair's rights to them, in one audited change.
    const renamed = await t.graphql<{ appointChair: { chairName: string } }>(
      APPOINT,
      { g: group.id, o: a.organisationId, p: colleague.personId, role: 'CHAIR' },
      { cookie: staff },
    );
    expect(renamed.data?.appointChair.chairName).toBe(colleague.name);
    const [event] = await t.database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'working_group.chair_appointed'), eq(auditEvent.objectId, group.id)))
      .orderBy(sql`${auditEvent.seq} desc`)
      .limit(1);
    expect(event).toMatchObject({
      before: { organisationId: a.organisationId, role: 'chair', chairPersonId: a.personId },
      after: { organisationId: a.organisationId, role: 'chair', chairPersonId: colleague.personId },
    });
    const byFormer = await t.graphql(REMOVE, { g: group.id, o: b.organisationId }, { cookie: await cookieOf(a.email) });
    expect(byFormer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('leaves the chair to the organisation when its named person stops representing it', async () => {
    const group = await newGroupWithMembers();
    await t.graphql(
      APPOINT,
      { g: group.id, o: a.organisationId, p: colleague.personId, role: 'CO_CHAIR' },
      { cookie: staff },
    );
    expect(await publicChairs(group.slug)).toEqual([
      { role: 'CO_CHAIR', chairName: colleague.name, organisation: { id: a.organisationId } },
    ]);
    const removed = await t.graphql(
      REMOVE_REPRESENTATIVE,
      { o: a.organisationId, p: colleague.personId },
      { cookie: await cookieOf(a.email) },
    );
    expect(removed.errors).toBeUndefined();
    expect(await publicChairs(group.slug)).toEqual([
      { role: 'CO_CHAIR', chairName: null, organisation: { id: a.organisationId } },
    ]);
    // No person named: every representative of the organisation holds it again.
    const byRepresentative = await t.graphql(
      REMOVE,
      { g: group.id, o: b.organisationId },
      { cookie: await cookieOf(a.email) },
    );
    expect(byRepresentative.errors).toBeUndefined();
    // Put the colleague back for the other tests of this file (they run in order).
    await t.database.db
      .insert(organisationMember)
      .values({ organisationId: a.organisationId, personId: colleague.personId, jobTitle: 'Engineer' });
  });
  // Last: it withdraws b's signature. Before one rule, a chairing organisation that had withdrawn was left out of the
  // group's chairs for meetings but kept a chair's rights over commitments (and the meeting page offered its forms).
  it('gives no chair’s right to an organisation that no longer signs, whatever the action', async () => {
    const group = await newGroupWithMembers();
    await t.graphql(APPOINT, { g: group.id, o: b.organisationId, p: b.personId, role: 'CO_CHAIR' }, { cookie: staff });
    const cookie = await cookieOf(b.email);
    expect(
      (
        await t.graphql<{ alliance: { workingGroup: { viewerHoldsChair: boolean } } }>(
          HOLDS,
          { slug: group.slug },
          { cookie },
        )
      ).data?.alliance.workingGroup.viewerHoldsChair,
    ).toBe(true);
    const [own] = await t.database.db
      .select({ id: signature.id })
      .from(signature)
      .where(and(eq(signature.organisationId, b.organisationId), eq(signature.status, 'active')));
    const withdrawn = await t.graphql(
      'mutation($id: ID!) { withdrawSignature(id: $id, reason: "Leaving the alliance") { status } }',
      { id: own?.id },
      { cookie },
    );
    expect(withdrawn.errors).toBeUndefined();

    expect(await publicChairs(group.slug)).toEqual([]);
    expect(
      (
        await t.graphql<{ alliance: { workingGroup: { viewerHoldsChair: boolean } } }>(
          HOLDS,
          { slug: group.slug },
          { cookie },
        )
      ).data?.alliance.workingGroup.viewerHoldsChair,
    ).toBe(false);
    const meeting = await t.graphql(
      SCHEDULE,
      {
        g: group.id,
        input: {
          title: 'Kick-off',
          purpose: 'Agree the work plan.',
          start: '2031-03-12T09:30',
          end: '2031-03-12T12:00',
          timeZone: 'Europe/Brussels',
          place: 'Brussels',
          capacity: 40,
        },
      },
      { cookie },
    );
    expect(meeting.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const commitment = await t.graphql(
      CREATE_COMMITMENT,
      { slug: SLUG, group: group.slug, input: commitmentInput(a.organisationId), note: 'Agreed.' },
      { cookie },
    );
    expect(commitment.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
