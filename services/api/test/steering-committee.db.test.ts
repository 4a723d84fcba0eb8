import { schema } from '@concord/db';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusal } from './alliance-fixtures.ts';
import { buildTestApp, type TestApp } from './helper.ts';
import { signIn } from './journey.ts';

/**
 * The steering committee (docs/adr/0035-steering-committee.md): the secretariat appoints and removes named people
 * who represent active signatories, each chair or member (one chair at most); the list is public and counts a seat
 * while its organisation signs and its person still represents it. Also the chair candidates of a group with more
 * than 100 members (the portal's form once read only the first page of members).
 */
const SLUG = 'circular-plastics';
const { auditEvent, organisation, organisationMember, person, signature, steeringCommitteeMember } = schema;

const APPOINT = `mutation($a: ID!, $o: ID!, $p: ID!, $role: SteeringCommitteeRole!) {
  appointSteeringCommitteeMember(allianceId: $a, organisationId: $o, personId: $p, role: $role) {
    id role name organisation { id } } }`;
const REMOVE = 'mutation($id: ID!) { removeSteeringCommitteeMember(id: $id) }';
const COMMITTEE = `query { alliance(slug: "${SLUG}") { steeringCommittee { id role name organisation { id legalName } } } }`;
const PAUSED = `query { alliance(slug: "${SLUG}") { pausedSteeringCommitteeSeats { reason seat { id role name organisation { id } } } } }`;
const CANDIDATES = `query { alliance(slug: "${SLUG}") { steeringCommitteeCandidates { personId organisationId } } }`;

interface Rep {
  organisationId: string;
  personId: string;
  name: string;
  email: string;
}

let t: TestApp;
let staff = '';
let allianceId = '';
/** Three active signatories' sole representatives, and one organisation that never signed with its own. */
let a: Rep;
let b: Rep;
let c: Rep;
let outsider: Rep;

beforeAll(async () => {
  t = await buildTestApp();
  staff = await signIn(t, 'secretariat@concord.example');
  const { db } = t.database;
  const [alliance] = await db.select().from(schema.alliance).where(eq(schema.alliance.slug, SLUG));
  allianceId = alliance?.id ?? '';
  const reps = await db
    .select({ organisationId: organisation.id, personId: person.id, name: person.name, email: person.email })
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
    .limit(3);
  [a, b, c] = reps as [Rep, Rep, Rep];
  if (!c) throw new Error('the demo alliance has fewer than three signatories with one representative');
  const [org] = await db
    .insert(organisation)
    .values({
      legalName: 'Never Signed Ltd',
      normalisedName: 'never signed ltd',
      country: 'IE',
      kind: 'company',
      size: 'sme',
    })
    .returning();
  const [rep] = await db.insert(person).values({ email: 'never.signed@example.org', name: 'Nora Never' }).returning();
  if (!org || !rep) throw new Error('no outsider');
  await db.insert(organisationMember).values({ organisationId: org.id, personId: rep.id });
  outsider = { organisationId: org.id, personId: rep.id, name: rep.name, email: rep.email };
}, 60_000);
afterAll(() => t.close());

const seats = () =>
  t.database.db
    .select()
    .from(steeringCommitteeMember)
    .where(eq(steeringCommitteeMember.allianceId, allianceId))
    .orderBy(asc(steeringCommitteeMember.personId));
const auditCount = async () =>
  (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(auditEvent))[0]?.n ?? 0;
async function committee() {
  const res = await t.graphql<{
    alliance: { steeringCommittee: { id: string; role: string; name: string; organisation: { id: string } }[] };
  }>(COMMITTEE);
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return res.data.alliance.steeringCommittee.map(({ role, name, organisation: o }) => ({
    role,
    name,
    organisationId: o.id,
  }));
}
const appoint = (rep: Rep, role: 'CHAIR' | 'MEMBER', cookie = staff) =>
  t.graphql<{ appointSteeringCommitteeMember: { id: string; role: string; name: string } }>(
    APPOINT,
    { a: allianceId, o: rep.organisationId, p: rep.personId, role },
    { cookie },
  );
async function clear() {
  await t.database.db.delete(steeringCommitteeMember).where(eq(steeringCommitteeMember.allianceId, allianceId));
}

describe('[STEERING] the secretariat sets the steering committee', () => {
  it('refuses anybody but the secretariat, a non-signatory and a person who does not represent it; writes nothing', async () => {
    await clear();
    const asA = await signIn(t, a.email);
    const before = { seats: await seats(), audit: await auditCount() };
    const vars = (o: string, p: string) => ({ a: allianceId, o, p, role: 'MEMBER' });
    expect(await refusal(t, APPOINT, vars(a.organisationId, a.personId))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await refusal(t, APPOINT, vars(a.organisationId, a.personId), asA)).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await refusal(t, APPOINT, vars(outsider.organisationId, outsider.personId), staff)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'organisationId',
    });
    for (const p of [b.personId, 'nope', '0190a0b0-0000-7000-8000-000000000000']) {
      expect(await refusal(t, APPOINT, vars(a.organisationId, p), staff), p).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'personId',
      });
    }
    expect(await refusal(t, APPOINT, { ...vars(a.organisationId, a.personId), a: 'nope' }, staff)).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await refusal(t, REMOVE, { id: '0190a0b0-0000-7000-8000-000000000000' }, staff)).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect({ seats: await seats(), audit: await auditCount() }).toEqual(before);
  });

  it('appoints a chair and members, lists them publicly chair first, and audits each change', async () => {
    await clear();
    expect((await appoint(a, 'MEMBER')).data?.appointSteeringCommitteeMember).toMatchObject({
      role: 'MEMBER',
      name: a.name,
    });
    expect((await appoint(b, 'CHAIR')).errors).toBeUndefined();
    expect(await committee()).toEqual([
      { role: 'CHAIR', name: b.name, organisationId: b.organisationId },
      { role: 'MEMBER', name: a.name, organisationId: a.organisationId },
    ]);
    // The same appointment again changes nothing and records nothing.
    const audit = await auditCount();
    expect((await appoint(a, 'MEMBER')).errors).toBeUndefined();
    expect(await auditCount()).toBe(audit);

    // A new chair makes the previous one a member, in one audited change.
    expect((await appoint(c, 'CHAIR')).errors).toBeUndefined();
    const roles = Object.fromEntries((await seats()).map((s) => [s.personId, s.role]));
    expect(roles).toEqual({ [a.personId]: 'member', [b.personId]: 'member', [c.personId]: 'chair' });
    const [event] = await t.database.db
      .select()
      .from(auditEvent)
      .where(eq(auditEvent.action, 'steering_committee.member_appointed'))
      .orderBy(sql`${auditEvent.seq} desc`)
      .limit(1);
    expect(event).toMatchObject({
      allianceId,
      objectId: allianceId,
      before: { previousChair: { personId: b.personId, role: 'chair' } },
      after: {
        personId: c.personId,
        organisationId: c.organisationId,
        role: 'chair',
        previousChair: { personId: b.personId, role: 'member' },
      },
    });

    // Removing a seat: gone from the list and the table, with an audit event of what it was.
    const seat = (await seats()).find((s) => s.personId === a.personId);
    expect((await refusal(t, REMOVE, { id: seat?.id }, await signIn(t, a.email))).code).toBe('FORBIDDEN');
    const removed = await t.graphql(REMOVE, { id: seat?.id }, { cookie: staff });
    expect(removed.data).toEqual({ removeSteeringCommitteeMember: true });
    expect((await committee()).map((m) => m.name)).not.toContain(a.name);
    const [removal] = await t.database.db
      .select()
      .from(auditEvent)
      .where(eq(auditEvent.action, 'steering_committee.member_removed'))
      .orderBy(sql`${auditEvent.seq} desc`)
      .limit(1);
    expect(removal).toMatchObject({
      before: { personId: a.personId, organisationId: a.organisationId, role: 'member' },
    });
  });

  /** `rep`'s organisation's active signature in the alliance, to withdraw and to make active again. */
  async function activeSignature(rep: Rep) {
    const { db } = t.database;
    const [active] = await db
      .select()
      .from(signature)
      .where(
        and(
          eq(signature.organisationId, rep.organisationId),
          eq(signature.allianceId, allianceId),
          eq(signature.status, 'active'),
        ),
      );
    if (!active) throw new Error(`${rep.name}'s organisation does not sign`);
    const set = (values: { status: 'withdrawn' | 'active'; withdrawnAt: Date | null }) =>
      db.update(signature).set(values).where(eq(signature.id, active.id));
    return {
      withdraw: () => set({ status: 'withdrawn', withdrawnAt: new Date() }),
      reinstate: () => set({ status: 'active', withdrawnAt: null }),
    };
  }

  /** The seats that do not count, as the secretariat (or `cookie`) reads them: [organisation, reason]. */
  async function paused(cookie = staff) {
    const res = await t.graphql<{
      alliance: { pausedSteeringCommitteeSeats: { reason: string; seat: { organisation: { id: string } } }[] };
    }>(PAUSED, {}, cookie ? { cookie } : {});
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.alliance.pausedSteeringCommitteeSeats.map((p) => [p.seat.organisation.id, p.reason]);
  }

  it('lists a seat while its organisation signs and its person represents it; shows the others to the secretariat', async () => {
    await clear();
    await appoint(a, 'MEMBER');
    await appoint(b, 'MEMBER');
    const { db } = t.database;
    const aSignature = await activeSignature(a);
    expect(await paused()).toEqual([]);
    await aSignature.withdraw();
    expect((await committee()).map((m) => m.organisationId)).toEqual([b.organisationId]);
    // Kept, and shown with why to the secretariat alone.
    expect(await paused()).toEqual([[a.organisationId, 'NOT_AN_ACTIVE_SIGNATORY']]);
    expect(await paused('')).toEqual([]);
    expect(await paused(await signIn(t, b.email))).toEqual([]);
    await aSignature.reinstate();
    expect(await paused()).toEqual([]);
    expect((await committee()).map((m) => m.organisationId).sort()).toEqual(
      [a.organisationId, b.organisationId].sort(),
    );

    // b's person stops representing b (a colleague keeps it represented): the seat is not listed.
    const [other] = await db
      .insert(person)
      .values({ email: 'b.colleague@example.org', name: 'Bea Colleague' })
      .returning();
    if (!other) throw new Error('no colleague');
    await db.insert(organisationMember).values({ organisationId: b.organisationId, personId: other.id });
    const bMembership = and(
      eq(organisationMember.organisationId, b.organisationId),
      eq(organisationMember.personId, b.personId),
    );
    await db.delete(organisationMember).where(bMembership);
    expect((await committee()).map((m) => m.organisationId)).toEqual([a.organisationId]);
    expect(await paused()).toEqual([[b.organisationId, 'NOT_A_REPRESENTATIVE']]);
    // Both fail: the organisation's signature is the reason given first.
    const bSignature = await activeSignature(b);
    await bSignature.withdraw();
    expect(await paused()).toEqual([[b.organisationId, 'NOT_AN_ACTIVE_SIGNATORY']]);
    await bSignature.reinstate();
    await db.insert(organisationMember).values({ organisationId: b.organisationId, personId: b.personId });
    await db.delete(organisationMember).where(eq(organisationMember.personId, other.id));
    expect(await committee()).toHaveLength(2);
    expect(await paused()).toEqual([]);
  });

  it('shows whom to choose from to the secretariat alone', async () => {
    const candidates = async (cookie?: string) => {
      const res = await t.graphql<{
        alliance: { steeringCommitteeCandidates: { personId: string; organisationId: string }[] };
      }>(CANDIDATES, {}, cookie ? { cookie } : {});
      return res.data?.alliance.steeringCommitteeCandidates;
    };
    expect(await candidates()).toEqual([]);
    expect(await candidates(await signIn(t, a.email))).toEqual([]);
    const all = (await candidates(staff)) ?? [];
    expect(all).toContainEqual({ personId: a.personId, organisationId: a.organisationId });
    expect(all.map((x) => x.organisationId)).not.toContain(outsider.organisationId);
  });

  it('keeps one seat when the same person is appointed twice at once, and one chair when two are', async () => {
    await clear();
    const audit = await auditCount();
    const twice = await Promise.all([appoint(a, 'MEMBER'), appoint(a, 'MEMBER')]);
    expect(twice.map((r) => r.errors)).toEqual([undefined, undefined]);
    expect((await seats()).map((s) => s.personId)).toEqual([a.personId]);
    expect(await auditCount()).toBe(audit + 1);

    const chairs = await Promise.all([appoint(b, 'CHAIR'), appoint(c, 'CHAIR')]);
    expect(chairs.map((r) => r.errors)).toEqual([undefined, undefined]);
    expect((await seats()).filter((s) => s.role === 'chair')).toHaveLength(1);
  });

  it('holds one chair in the database, whoever writes', async () => {
    await clear();
    const { db } = t.database;
    await db.insert(steeringCommitteeMember).values({ allianceId, ...pick(a), role: 'chair' });
    await expect(
      db.insert(steeringCommitteeMember).values({ allianceId, ...pick(b), role: 'chair' }),
    ).rejects.toThrow();
    await expect(
      db.insert(steeringCommitteeMember).values({ allianceId, ...pick(a), role: 'member' }),
    ).rejects.toThrow();
    await clear();
  });
});

const pick = (rep: Rep) => ({ personId: rep.personId, organisationId: rep.organisationId });

describe('[CHAIRS] whom a chair can be named from', () => {
  it('lists every representative of a group of more than 100 members, to the secretariat alone', async () => {
    const { db } = t.database;
    const created = await t.graphql<{ createWorkingGroup: { id: string } }>(
      `mutation($input: WorkingGroupInput!) { createWorkingGroup(allianceSlug: "${SLUG}", input: $input) { id } }`,
      {
        input: {
          slug: 'many-members',
          name: 'Many',
          kind: 'HORIZONTAL',
          mandate: 'Be many.',
          relevantStages: ['RECYCLER'],
        },
      },
      { cookie: staff },
    );
    const groupId = created.data?.createWorkingGroup.id ?? '';
    const [version] = await db
      .select()
      .from(schema.declarationVersion)
      .where(
        and(eq(schema.declarationVersion.allianceId, allianceId), eq(schema.declarationVersion.status, 'published')),
      )
      .limit(1);
    if (!groupId || !version) throw new Error(`no group or version: ${JSON.stringify(created.errors)}`);
    const n = 105;
    const orgs = await db
      .insert(organisation)
      .values(
        Array.from({ length: n }, (_, i) => ({
          legalName: `Member ${String(i).padStart(3, '0')} SA`,
          normalisedName: `member ${i} sa`,
          country: 'FR',
          kind: 'company' as const,
          size: 'sme' as const,
        })),
      )
      .returning();
    const people = await db
      .insert(person)
      .values(orgs.map((_, i) => ({ email: `member${i}@many.example`, name: `Person ${i}` })))
      .returning();
    await db
      .insert(organisationMember)
      .values(orgs.map((o, i) => ({ organisationId: o.id, personId: people[i]?.id ?? '' })));
    await db.insert(signature).values(
      orgs.map((o) => ({
        allianceId,
        declarationVersionId: version.id,
        organisationId: o.id,
        signerName: 'Signer',
        signerJobTitle: 'CEO',
        status: 'active' as const,
        activatedAt: new Date(),
      })),
    );
    // The last one observes: not a chair's candidate.
    await db.insert(schema.workingGroupMember).values(
      orgs.map((o, i) => ({
        workingGroupId: groupId,
        organisationId: o.id,
        role: i === n - 1 ? ('observer' as const) : ('member' as const),
      })),
    );
    const query = `query { alliance(slug: "${SLUG}") { workingGroup(slug: "many-members") {
      chairCandidates { personId name organisationId organisationName } } } }`;
    const res = await t.graphql<{
      alliance: { workingGroup: { chairCandidates: { organisationName: string; organisationId: string }[] } };
    }>(query, {}, { cookie: staff });
    const list = res.data?.alliance.workingGroup.chairCandidates ?? [];
    expect(list).toHaveLength(n - 1);
    expect(list.map((x) => x.organisationName)).toEqual(orgs.slice(0, n - 1).map((o) => o.legalName));
    const publicView = await t.graphql<{ alliance: { workingGroup: { chairCandidates: unknown[] } } }>(query);
    expect(publicView.data?.alliance.workingGroup.chairCandidates).toEqual([]);
    // The 101st member's representative can be named, as the form now offers.
    const last = orgs[n - 2];
    const named = await t.graphql(
      `mutation($g: ID!, $o: ID!, $p: ID!) { appointChair(workingGroupId: $g, organisationId: $o, personId: $p, role: CHAIR) { chairName } }`,
      { g: groupId, o: last?.id, p: people[n - 2]?.id },
      { cookie: staff },
    );
    expect(named.data).toEqual({ appointChair: { chairName: `Person ${n - 2}` } });
    await db.delete(schema.workingGroupMember).where(eq(schema.workingGroupMember.workingGroupId, groupId));
    await db
      .update(signature)
      .set({ status: 'withdrawn', withdrawnAt: new Date() })
      .where(
        inArray(
          signature.organisationId,
          orgs.map((o) => o.id),
        ),
      );
  });
});
