import { schema } from '@concord/db';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.ts';
import { signIn } from './journey.ts';

/**
 * The matrix of roles × working-group operations through the real API. Before each row the membership of
 * organisation A in group G is set to what the operation needs, so one row's success cannot hide another's;
 * a refused row must leave the memberships and the audit log as they were.
 */
const SLUG = 'circular-plastics';
const { auditEvent, organisation, organisationMember, person, signature, workingGroup, workingGroupMember } = schema;

type Role = 'public' | 'repA' | 'repB' | 'chairG' | 'chairH' | 'secretariat';
const roles: Role[] = ['public', 'repA', 'repB', 'chairG', 'chairH', 'secretariat'];

let t: TestApp;
const cookies: Partial<Record<Role, string>> = {};
/** G: the group operated on; H: another group; X: a group of the test's own, for edits. */
let groupG: schema.WorkingGroup;
let groupX = '';
let orgA = '';
/** A's representative: the person named when A is made co-chair. */
let personA = '';

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  const groups = await db.select().from(workingGroup).orderBy(asc(workingGroup.slug));
  const g = groups.find((row) => row.slug === 'agriculture');
  const h = groups.find((row) => row.slug === 'automotive');
  if (!g || !h) throw new Error('the demo groups are missing');
  groupG = g;
  const roleIn = async (groupId: string, role: 'chair' | 'co_chair') =>
    (
      await db
        .select({ id: workingGroupMember.organisationId })
        .from(workingGroupMember)
        .where(and(eq(workingGroupMember.workingGroupId, groupId), eq(workingGroupMember.role, role)))
    ).map((r) => r.id);
  const [chairOfG] = await roleIn(g.id, 'chair');
  const [chairOfH] = await roleIn(h.id, 'chair');
  // Organisations that lead any group are kept out of the "plain representative" roles.
  const leaders = new Set(
    (
      await db
        .select({ id: workingGroupMember.organisationId })
        .from(workingGroupMember)
        .where(inArray(workingGroupMember.role, ['chair', 'co_chair']))
    ).map((r) => r.id),
  );
  const gLeaders = new Set([...(await roleIn(g.id, 'chair')), ...(await roleIn(g.id, 'co_chair'))]);
  if (!chairOfG || !chairOfH || gLeaders.has(chairOfH)) throw new Error('the demo chairs do not fit this test');

  const representatives = await db
    .select({ organisationId: organisation.id, email: person.email, personId: person.id })
    .from(organisation)
    .innerJoin(organisationMember, eq(organisationMember.organisationId, organisation.id))
    .innerJoin(person, eq(person.id, organisationMember.personId))
    .innerJoin(signature, and(eq(signature.organisationId, organisation.id), eq(signature.status, 'active')))
    .where(eq(signature.allianceId, g.allianceId))
    .orderBy(asc(organisation.legalName));
  const emailOf = (id: string) => representatives.find((r) => r.organisationId === id)?.email ?? '';
  const plain = representatives.filter((r) => !leaders.has(r.organisationId));
  const [a, b] = plain;
  if (!a || !b) throw new Error('not enough signatories');
  orgA = a.organisationId;
  personA = a.personId;

  cookies.repA = await signIn(t, a.email);
  cookies.repB = await signIn(t, b.email);
  cookies.chairG = await signIn(t, emailOf(chairOfG));
  cookies.chairH = await signIn(t, emailOf(chairOfH));
  cookies.secretariat = await signIn(t, 'secretariat@concord.example');

  const created = await t.graphql<{ createWorkingGroup: { id: string } }>(
    `mutation($input: WorkingGroupInput!) { createWorkingGroup(allianceSlug: "${SLUG}", input: $input) { id } }`,
    { input: groupInput('matrix-edits') },
    { cookie: cookies.secretariat },
  );
  groupX = created.data?.createWorkingGroup.id ?? '';
  if (!groupX) throw new Error(JSON.stringify(created.errors));
}, 120_000);
afterAll(() => t.close());

function groupInput(slug: string) {
  return {
    slug,
    name: 'Matrix edits',
    kind: 'HORIZONTAL',
    mandate: 'A group for the rights matrix.',
    relevantStages: ['RECYCLER'],
  };
}

/** Sets organisation A's place in group G: absent, or present with a role. */
async function placeA(role: 'member' | null) {
  await t.database.db
    .delete(workingGroupMember)
    .where(and(eq(workingGroupMember.workingGroupId, groupG.id), eq(workingGroupMember.organisationId, orgA)));
  if (role) {
    await t.database.db.insert(workingGroupMember).values({ workingGroupId: groupG.id, organisationId: orgA, role });
  }
}

async function state() {
  const [audit] = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(auditEvent);
  const members = await t.database.db
    .select({ organisationId: workingGroupMember.organisationId, role: workingGroupMember.role })
    .from(workingGroupMember)
    .where(inArray(workingGroupMember.workingGroupId, [groupG.id, groupX]))
    .orderBy(asc(workingGroupMember.workingGroupId), asc(workingGroupMember.organisationId));
  const groups = await t.database.db.select().from(workingGroup).orderBy(asc(workingGroup.id));
  return { audit: audit?.n, members, groups };
}

interface Operation {
  name: string;
  allowed: Role[];
  setUp?(): Promise<void>;
  run(cookie: string | undefined): Promise<{ errors?: { extensions?: { code?: string } }[] }>;
}

const gql = (query: string, variables: Record<string, unknown>, cookie: string | undefined) =>
  t.graphql(query, variables, { cookie: cookie ?? '' });

const operations: Operation[] = [
  {
    name: 'read members and who is missing',
    allowed: roles,
    run: (cookie) =>
      gql(
        `{ alliance(slug: "${SLUG}") { workingGroup(slug: "agriculture") { missingStages missingCountries
          members(first: 3) { totalCount nodes { role organisation { legalName } } } } } }`,
        {},
        cookie,
      ),
  },
  {
    name: 'create a working group',
    allowed: ['secretariat'],
    run: (cookie) =>
      gql(
        'mutation($input: WorkingGroupInput!) { createWorkingGroup(allianceSlug: "circular-plastics", input: $input) { id } }',
        { input: groupInput(`matrix-${Math.random().toString(36).slice(2, 10)}`) },
        cookie,
      ),
  },
  {
    name: 'change a working group',
    allowed: ['secretariat'],
    run: (cookie) =>
      gql(
        'mutation($id: ID!, $input: WorkingGroupInput!) { updateWorkingGroup(id: $id, input: $input) { id } }',
        { id: groupX, input: groupInput('matrix-edits') },
        cookie,
      ),
  },
  {
    name: 'appoint organisation A co-chair of G',
    allowed: ['secretariat'],
    setUp: () => placeA('member'),
    run: (cookie) =>
      gql(
        'mutation($g: ID!, $o: ID!, $p: ID!) { appointChair(workingGroupId: $g, organisationId: $o, personId: $p, role: CO_CHAIR) { role } }',
        { g: groupG.id, o: orgA, p: personA },
        cookie,
      ),
  },
  {
    name: 'join organisation A to G',
    allowed: ['repA'],
    setUp: () => placeA(null),
    run: (cookie) =>
      gql(
        'mutation($g: ID!, $o: ID!) { joinWorkingGroup(workingGroupId: $g, organisationId: $o) { role } }',
        { g: groupG.id, o: orgA },
        cookie,
      ),
  },
  {
    name: 'take organisation A out of G (leave)',
    allowed: ['repA'],
    setUp: () => placeA('member'),
    run: (cookie) =>
      gql(
        'mutation($g: ID!, $o: ID!) { leaveWorkingGroup(workingGroupId: $g, organisationId: $o) }',
        { g: groupG.id, o: orgA },
        cookie,
      ),
  },
  {
    name: 'remove organisation A from G',
    allowed: ['chairG', 'secretariat'],
    setUp: () => placeA('member'),
    run: (cookie) =>
      gql(
        'mutation($g: ID!, $o: ID!) { removeWorkingGroupMember(workingGroupId: $g, organisationId: $o, reason: "Inactive") }',
        { g: groupG.id, o: orgA },
        cookie,
      ),
  },
];

describe('[RIGHTS] working groups: every role × every operation', () => {
  for (const operation of operations) {
    for (const role of roles) {
      const allowed = operation.allowed.includes(role);
      const expected = allowed ? 'OK' : role === 'public' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
      it(`${role}: ${operation.name} → ${expected}`, async () => {
        await operation.setUp?.();
        const before = await state();
        const res = await operation.run(role === 'public' ? undefined : cookies[role]);
        expect(res.errors?.[0]?.extensions?.code ?? 'OK').toBe(expected);
        if (!allowed) expect(await state()).toEqual(before);
      });
    }
  }

  it('keeps the public out of a group that does not exist without telling it so', async () => {
    const res = await gql(
      'mutation($g: ID!, $o: ID!) { removeWorkingGroupMember(workingGroupId: $g, organisationId: $o, reason: "x") }',
      { g: '0190a0b0-0000-7000-8000-000000000000', o: orgA },
      undefined,
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
