import { schema } from '@concord/db';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.ts';
import { signIn } from './journey.ts';

const SLUG = 'circular-plastics';
const SECRETARIAT = 'secretariat@concord.example';
// Written out here rather than imported, so that the test checks the service's list as well.
const EU = 'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK'.split(' ');
const STAGES = [
  'POLYMER_PRODUCER',
  'CONVERTER',
  'BRAND_OWNER',
  'RETAILER',
  'CONSUMER_ORGANISATION',
  'COLLECTOR_SORTER',
  'RECYCLER',
  'REUSER',
  'PUBLIC_AUTHORITY',
  'TRADE_UNION',
  'STANDARDISATION_BODY',
  'RESEARCH',
];

const { auditEvent, organisation, organisationMember, person, signature, workingGroup, workingGroupMember } = schema;

const CREATE = `mutation($slug: String!, $input: WorkingGroupInput!) { createWorkingGroup(allianceSlug: $slug, input: $input) {
  id slug name kind mandate status relevantStages memberCount } }`;
const UPDATE = `mutation($id: ID!, $input: WorkingGroupInput!) { updateWorkingGroup(id: $id, input: $input) {
  id slug name kind mandate status relevantStages } }`;
const APPOINT = `mutation($g: ID!, $o: ID!, $p: ID!, $role: ChairRole!) {
  appointChair(workingGroupId: $g, organisationId: $o, personId: $p, role: $role) { role chairName organisation { id } } }`;
const JOIN = `mutation($g: ID!, $o: ID!, $role: MembershipRole) { joinWorkingGroup(workingGroupId: $g, organisationId: $o, role: $role) {
  role joinedAt organisation { id legalName } } }`;
const LEAVE = 'mutation($g: ID!, $o: ID!) { leaveWorkingGroup(workingGroupId: $g, organisationId: $o) }';
const REMOVE = `mutation($g: ID!, $o: ID!, $reason: String!) {
  removeWorkingGroupMember(workingGroupId: $g, organisationId: $o, reason: $reason) }`;
const GROUP = `query($slug: String!, $first: Int, $after: String) { alliance(slug: "${SLUG}") { workingGroup(slug: $slug) {
  id memberCount missingStages missingCountries chairs { role organisation { id } }
  members(first: $first, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node { role organisation { id legalName } } } } } } }`;

interface GroupView {
  id: string;
  memberCount: number;
  missingStages: string[];
  missingCountries: string[];
  chairs: { role: string; organisation: { id: string } }[];
  members: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: { role: string; organisation: { id: string; legalName: string } } }[];
  };
}

interface Org {
  id: string;
  legalName: string;
  country: string;
  stages: string[];
  email: string;
  /** That representative: the person a chair is named from. */
  personId: string;
  personName: string;
}

let t: TestApp;
let allianceId = '';
let staff = '';
/** Active signatories of the demo alliance, each with its representative's e-mail. */
let signatories: Org[] = [];
const cookies = new Map<string, string>();

beforeAll(async () => {
  t = await buildTestApp();
  const [alliance] = await t.database.db.select().from(schema.alliance).where(eq(schema.alliance.slug, SLUG));
  allianceId = alliance?.id ?? '';
  staff = await signIn(t, SECRETARIAT);
  signatories = await organisationsWhere(
    sql`exists (select 1 from ${signature} where ${signature.organisationId} = ${organisation.id}
      and ${signature.allianceId} = ${allianceId} and ${signature.status} = 'active')`,
  );
}, 60_000);
afterAll(() => t.close());

async function organisationsWhere(condition: ReturnType<typeof sql>): Promise<Org[]> {
  const rows = await t.database.db
    .select({
      id: organisation.id,
      legalName: organisation.legalName,
      country: organisation.country,
      stages: organisation.stages,
      email: person.email,
      personId: person.id,
      personName: person.name,
    })
    .from(organisation)
    .innerJoin(organisationMember, eq(organisationMember.organisationId, organisation.id))
    .innerJoin(person, eq(person.id, organisationMember.personId))
    .where(condition)
    .orderBy(asc(organisation.legalName));
  // One representative each is enough: keep the first.
  const seen = new Set<string>();
  return rows
    .filter((r) => !seen.has(r.id) && seen.add(r.id))
    .map((r) => ({ ...r, stages: r.stages.map((s) => s.toUpperCase()) }));
}

async function cookieOf(email: string): Promise<string> {
  const known = cookies.get(email);
  if (known) return known;
  const cookie = await signIn(t, email);
  cookies.set(email, cookie);
  return cookie;
}

async function groupBySlug(slug: string, first = 250, after: string | null = null): Promise<GroupView> {
  const res = await t.graphql<{ alliance: { workingGroup: GroupView } }>(GROUP, { slug, first, after });
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return res.data.alliance.workingGroup;
}

async function membershipRows(groupId: string) {
  return t.database.db.select().from(workingGroupMember).where(eq(workingGroupMember.workingGroupId, groupId));
}

async function auditOf(groupId: string) {
  return t.database.db
    .select()
    .from(auditEvent)
    .where(and(eq(auditEvent.objectType, 'working_group'), eq(auditEvent.objectId, groupId)))
    .orderBy(asc(auditEvent.seq));
}

async function countRows(table: typeof workingGroup | typeof workingGroupMember | typeof auditEvent) {
  const [row] = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(table);
  return row?.n ?? 0;
}

/** What a refused request must leave behind: the same groups, memberships and audit log. */
async function snapshot() {
  return {
    groups: await countRows(workingGroup),
    members: await t.database.db
      .select()
      .from(workingGroupMember)
      .orderBy(asc(workingGroupMember.workingGroupId), asc(workingGroupMember.organisationId)),
    audit: await countRows(auditEvent),
  };
}

const groupInput = (overrides: Record<string, unknown> = {}) => ({
  slug: `design-for-recycling-${Math.random().toString(36).slice(2, 8)}`,
  name: 'Design for recycling',
  kind: 'HORIZONTAL',
  mandate: 'Agree design-for-recycling guidelines across sectors.',
  relevantStages: ['RECYCLER', 'CONVERTER', 'BRAND_OWNER', 'CONVERTER'],
  ...overrides,
});

async function createGroup(overrides: Record<string, unknown> = {}) {
  const res = await t.graphql<{
    createWorkingGroup: { id: string; slug: string; name: string; status: string; relevantStages: string[] };
  }>(CREATE, { slug: SLUG, input: groupInput(overrides) }, { cookie: staff });
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return res.data.createWorkingGroup;
}

/** Joins through the API as the organisation's representative. */
async function join(groupId: string, org: Org, role?: string) {
  return t.graphql<{ joinWorkingGroup: { role: string; organisation: { id: string } } }>(
    JOIN,
    { g: groupId, o: org.id, ...(role ? { role } : {}) },
    { cookie: await cookieOf(org.email) },
  );
}

async function mustJoin(groupId: string, org: Org, role?: string) {
  const res = await join(groupId, org, role);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
}

/** Signatories not yet in any of the given groups, skipping `taken`. */
function freeSignatories(members: readonly { organisationId: string }[], count: number, taken: Set<string>): Org[] {
  const inGroup = new Set(members.map((m) => m.organisationId));
  const chosen = signatories.filter((o) => !inGroup.has(o.id) && !taken.has(o.id)).slice(0, count);
  for (const o of chosen) taken.add(o.id);
  return chosen;
}
const taken = new Set<string>();

describe('[WORKING GROUP] members and who is missing', () => {
  /** The expected answers, computed here from the tables without the service's SQL. */
  async function expectedGaps() {
    const groups = await t.database.db.select().from(workingGroup).where(eq(workingGroup.allianceId, allianceId));
    const members = await t.database.db
      .select({
        groupId: workingGroupMember.workingGroupId,
        organisationId: workingGroupMember.organisationId,
        stages: organisation.stages,
        country: organisation.country,
      })
      .from(workingGroupMember)
      .innerJoin(organisation, eq(organisation.id, workingGroupMember.organisationId));
    const active = new Set(
      (
        await t.database.db
          .select({ id: signature.organisationId })
          .from(signature)
          .where(and(eq(signature.allianceId, allianceId), eq(signature.status, 'active')))
      ).map((r) => r.id),
    );
    return new Map(
      groups.map((g) => {
        const own = members.filter((m) => m.groupId === g.id && active.has(m.organisationId));
        const stages = new Set(own.flatMap((m) => m.stages.map((s) => s.toUpperCase())));
        const countries = new Set(own.map((m) => m.country));
        const relevant = g.relevantStages.map((s) => s.toUpperCase());
        return [
          g.slug,
          {
            memberCount: own.length,
            missingStages: STAGES.filter((s) => relevant.includes(s) && !stages.has(s)),
            missingCountries: EU.filter((c) => !countries.has(c)).sort(),
          },
        ];
      }),
    );
  }

  const LIST = `query($first: Int) { alliance(slug: "${SLUG}") { workingGroups(first: $first) { nodes {
    slug memberCount missingStages missingCountries chairs { role organisation { legalName } }
    members(first: 5) { totalCount pageInfo { hasNextPage endCursor } nodes { role joinedAt organisation { legalName country } } }
  } } } }`;
  type ListedGroup = {
    slug: string;
    memberCount: number;
    missingStages: string[];
    missingCountries: string[];
    members: { totalCount: number; pageInfo: { hasNextPage: boolean }; nodes: { joinedAt: string }[] };
  };

  it('shows, for every group, the relevant stages and EU countries that no member covers', async () => {
    const res = await t.graphql<{ alliance: { workingGroups: { nodes: ListedGroup[] } } }>(LIST, { first: 50 });
    expect(res.errors).toBeUndefined();
    const expected = await expectedGaps();
    const nodes = res.data?.alliance.workingGroups.nodes ?? [];
    expect(nodes.length).toBe(expected.size);
    for (const group of nodes) {
      const want = expected.get(group.slug);
      expect({ slug: group.slug, ...want }).toEqual({
        slug: group.slug,
        memberCount: group.memberCount,
        missingStages: group.missingStages,
        missingCountries: group.missingCountries,
      });
      expect(group.members.totalCount).toBe(group.memberCount);
      expect(group.members.nodes.length).toBe(Math.min(5, group.memberCount));
      for (const node of group.members.nodes) expect(node.joinedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
    // The demo leaves gaps on purpose: at least packaging misses trade unions.
    expect(nodes.find((g) => g.slug === 'packaging')?.missingStages).toContain('TRADE_UNION');
    expect(nodes.some((g) => g.missingCountries.length > 0)).toBe(true);
  });

  it('costs a fixed number of SQL statements, however many groups are listed', async () => {
    const counts: number[] = [];
    for (const first of [1, 3, 50]) {
      t.resetQueryCount();
      const res = await t.graphql<{ alliance: { workingGroups: { nodes: ListedGroup[] } } }>(LIST, { first });
      counts.push(t.queryCount());
      const nodes = res.data?.alliance.workingGroups.nodes ?? [];
      expect(nodes).toHaveLength(Math.min(first, 6));
      expect(nodes.every((g) => g.members.nodes.length > 0)).toBe(true);
    }
    // alliance, groups page, member counts, chairs, missing stages, missing countries, members pages, members'
    // totals: one statement each; the organisations of chairs and of members: one batch, or two when the chairs
    // and the member pages come back in different ticks (on PostgreSQL's pool they may).
    for (const count of counts) expect(count === 9 || count === 10).toBe(true);
  });

  it('pages through a group’s members by organisation name, each once', async () => {
    const expected = await t.database.db
      .select({ id: organisation.id })
      .from(workingGroupMember)
      .innerJoin(workingGroup, eq(workingGroup.id, workingGroupMember.workingGroupId))
      .innerJoin(organisation, eq(organisation.id, workingGroupMember.organisationId))
      .innerJoin(
        signature,
        and(
          eq(signature.organisationId, organisation.id),
          eq(signature.allianceId, allianceId),
          eq(signature.status, 'active'),
        ),
      )
      .where(eq(workingGroup.slug, 'construction'))
      .orderBy(asc(organisation.legalName), asc(organisation.id));
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: GroupView = await groupBySlug('construction', 10, after);
      expect(page.members.totalCount).toBe(expected.length);
      expect(page.members.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...page.members.edges.map((e) => e.node.organisation.id));
      after = page.members.pageInfo.hasNextPage ? page.members.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(seen).toEqual(expected.map((e) => e.id));
    expect(pages).toBe(Math.ceil(expected.length / 10));
  });

  it.each([
    ['a negative first', 'first', { first: -1 }],
    ['first over the maximum', 'first', { first: 251 }],
    ['a malformed cursor', 'after', { after: 'not a cursor' }],
    ['a forged cursor', 'after', { after: Buffer.from('["x","y"]').toString('base64url') }],
  ])('refuses %s as BAD_USER_INPUT naming %s', async (_label, field, args) => {
    const res = await t.graphql(GROUP, { slug: 'packaging', first: 5, after: null, ...args });
    expect(res.statusCode).toBeLessThan(500);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('closes a gap when an organisation covering a missing stage and country joins, and reopens it when it leaves', async () => {
    const group = await groupBySlug('packaging');
    const before = await expectedGaps();
    const inGroup = new Set((await membershipRows(group.id)).map((r) => r.organisationId));
    const stage = group.missingStages[0];
    const recruit = signatories.find((o) => !inGroup.has(o.id) && !taken.has(o.id) && o.stages.includes(stage ?? ''));
    if (!stage || !recruit) throw new Error('the demo should have a recruit for a missing stage');
    taken.add(recruit.id);

    await mustJoin(group.id, recruit);
    const after = await groupBySlug('packaging');
    expect(after.missingStages).not.toContain(stage);
    expect(after.missingStages).toEqual(group.missingStages.filter((s) => !recruit.stages.includes(s)));
    expect(after.missingCountries).toEqual(group.missingCountries.filter((c) => c !== recruit.country));
    expect(after.memberCount).toBe(group.memberCount + 1);
    expect((await expectedGaps()).get('packaging')?.missingStages).toEqual(after.missingStages);

    const left = await t.graphql(LEAVE, { g: group.id, o: recruit.id }, { cookie: await cookieOf(recruit.email) });
    expect(left.errors).toBeUndefined();
    const again = await groupBySlug('packaging');
    expect(again.missingStages).toEqual(before.get('packaging')?.missingStages);
    expect(again.missingCountries).toEqual(before.get('packaging')?.missingCountries);
  });

  it('shows only active signatories: a member that withdraws its signature drops out of members, counts and coverage', async () => {
    // The only member of a new group from its country, so the country shows as missing once it withdraws.
    const group = await createGroup({ relevantStages: STAGES });
    const [member] = freeSignatories([], 1, taken);
    const other = signatories.find((o) => !taken.has(o.id) && o.country !== member?.country);
    if (!member || !other) throw new Error('not enough signatories');
    taken.add(other.id);
    await mustJoin(group.id, member);
    await mustJoin(group.id, other);
    const joined = await groupBySlug(group.slug);
    expect(joined.memberCount).toBe(2);

    const [active] = await t.database.db
      .select({ id: signature.id })
      .from(signature)
      .where(and(eq(signature.organisationId, member.id), eq(signature.status, 'active')));
    const withdrawn = await t.graphql(
      'mutation($id: ID!) { withdrawSignature(id: $id, reason: "Leaving the alliance") { status } }',
      { id: active?.id },
      { cookie: await cookieOf(member.email) },
    );
    expect(withdrawn.errors).toBeUndefined();

    const view = await groupBySlug(group.slug);
    expect(view.memberCount).toBe(1);
    expect(view.members.totalCount).toBe(1);
    expect(view.members.edges.map((e) => e.node.organisation.id)).toEqual([other.id]);
    const expected = (await expectedGaps()).get(group.slug);
    expect(view.missingStages).toEqual(expected?.missingStages);
    expect(view.missingCountries).toEqual(expected?.missingCountries);
    expect(view.missingCountries).toContain(member.country);
    // The membership row stays (the signing module does not touch groups); it shows again if the organisation re-signs.
    expect((await membershipRows(group.id)).map((r) => r.organisationId)).toContain(member.id);
    // And it can still be taken out of the group.
    const left = await t.graphql(LEAVE, { g: group.id, o: member.id }, { cookie: await cookieOf(member.email) });
    expect(left.errors).toBeUndefined();
  });
});

describe('[WORKING GROUP] creating and changing groups', () => {
  it('creates a group, with its stages once each in the value chain’s order, and an audit event', async () => {
    const created = await createGroup({
      slug: 'design-for-recycling',
      relevantStages: ['RECYCLER', 'CONVERTER', 'RECYCLER'],
    });
    expect(created).toMatchObject({
      slug: 'design-for-recycling',
      status: 'ACTIVE',
      relevantStages: ['CONVERTER', 'RECYCLER'],
    });
    const events = await auditOf(created.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'working_group.created',
      allianceId,
      actorOrganisationId: null,
      after: { slug: 'design-for-recycling', name: 'Design for recycling', status: 'active' },
    });
    const listed = await groupBySlug('design-for-recycling');
    expect(listed).toMatchObject({ id: created.id, memberCount: 0, missingStages: ['CONVERTER', 'RECYCLER'] });
    expect(listed.missingCountries).toEqual(EU);
    expect(listed.members).toMatchObject({ totalCount: 0, edges: [] });
  });

  it.each([
    ['an empty slug', 'input.slug', { slug: '' }],
    ['a slug with capitals and spaces', 'input.slug', { slug: 'Design For Recycling' }],
    ['a slug with a double hyphen', 'input.slug', { slug: 'design--recycling' }],
    ['a slug ending in a hyphen', 'input.slug', { slug: 'design-' }],
    ['a slug over 60 characters', 'input.slug', { slug: 'a'.repeat(61) }],
    ['an empty name', 'input.name', { name: '  ' }],
    ['a name over 200 characters', 'input.name', { name: 'n'.repeat(201) }],
    ['an empty mandate', 'input.mandate', { mandate: '' }],
    ['a mandate over 4000 characters', 'input.mandate', { mandate: 'm'.repeat(4001) }],
    ['no relevant stage', 'input.relevantStages', { relevantStages: [] }],
    ['an unknown stage', 'input.relevantStages[0]', { relevantStages: ['ALCHEMIST'] }],
  ])('refuses %s as BAD_USER_INPUT naming %s, and writes nothing', async (_label, field, overrides) => {
    const before = await snapshot();
    const res = await t.graphql(CREATE, { slug: SLUG, input: groupInput(overrides) }, { cookie: staff });
    expect(res.statusCode).toBeLessThan(500);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await snapshot()).toEqual(before);
  });

  it('accepts a slug of exactly 60 characters, a name of 200 and a mandate of 4000', async () => {
    const created = await createGroup({ slug: 'a'.repeat(60), name: 'n'.repeat(200), mandate: 'm'.repeat(4000) });
    expect(created.slug).toHaveLength(60);
  });

  it('answers a slug taken in the alliance with CONFLICT on input.slug, and writes nothing', async () => {
    const before = await snapshot();
    const res = await t.graphql(CREATE, { slug: SLUG, input: groupInput({ slug: 'packaging' }) }, { cookie: staff });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.slug' });
    expect(res.errors?.[0]?.message).toMatch(/packaging/);
    expect(await snapshot()).toEqual(before);
  });

  it('ends two simultaneous creations with one slug in one group and CONFLICT for the other', async () => {
    const input = groupInput({ slug: 'twins' });
    const answers = await Promise.all([
      t.graphql(CREATE, { slug: SLUG, input }, { cookie: staff }),
      t.graphql(CREATE, { slug: SLUG, input }, { cookie: staff }),
    ]);
    expect(answers.map((a) => a.errors?.[0]?.extensions?.code ?? 'OK').sort()).toEqual(['CONFLICT', 'OK']);
    const rows = await t.database.db.select().from(workingGroup).where(eq(workingGroup.slug, 'twins'));
    expect(rows).toHaveLength(1);
  });

  it('answers an unknown alliance with NOT_FOUND', async () => {
    const res = await t.graphql(CREATE, { slug: 'no-such-alliance', input: groupInput() }, { cookie: staff });
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('changes a group, keeps the previous values in the audit event, and can close it', async () => {
    const created = await createGroup({ slug: 'research-agenda', name: 'Research agenda' });
    const res = await t.graphql<{ updateWorkingGroup: Record<string, unknown> }>(
      UPDATE,
      {
        id: created.id,
        input: groupInput({
          slug: 'research-investment',
          name: 'Research and investment',
          kind: 'HORIZONTAL',
          status: 'CLOSED',
          relevantStages: ['RESEARCH', 'POLYMER_PRODUCER'],
        }),
      },
      { cookie: staff },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.updateWorkingGroup).toMatchObject({
      slug: 'research-investment',
      name: 'Research and investment',
      status: 'CLOSED',
      relevantStages: ['POLYMER_PRODUCER', 'RESEARCH'],
    });
    const events = await auditOf(created.id);
    expect(events.at(-1)).toMatchObject({
      action: 'working_group.updated',
      before: { slug: 'research-agenda', name: 'Research agenda', status: 'active' },
      after: { slug: 'research-investment', name: 'Research and investment', status: 'closed' },
    });
  });

  it('refuses an update to a taken slug, bad input, or an unknown group, and writes nothing', async () => {
    const created = await createGroup();
    const before = await snapshot();
    const taken = await t.graphql(
      UPDATE,
      { id: created.id, input: groupInput({ slug: 'packaging' }) },
      { cookie: staff },
    );
    expect(taken.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.slug' });
    const bad = await t.graphql(UPDATE, { id: created.id, input: groupInput({ mandate: ' ' }) }, { cookie: staff });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.mandate' });
    for (const id of ['0190a0b0-0000-7000-8000-000000000000', 'not-an-id']) {
      const missing = await t.graphql(UPDATE, { id, input: groupInput() }, { cookie: staff });
      expect(missing.statusCode).toBeLessThan(500);
      expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('[WORKING GROUP] chairs', () => {
  it('refuses to appoint an organisation that is not a member, naming organisationId', async () => {
    const group = await createGroup();
    const [outsider] = freeSignatories([], 1, taken);
    const before = await snapshot();
    const res = await t.graphql(
      APPOINT,
      { g: group.id, o: outsider?.id, p: outsider?.personId, role: 'CHAIR' },
      { cookie: staff },
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organisationId' });
    expect(res.errors?.[0]?.message).toMatch(/not a member/);
    const malformed = await t.graphql(
      APPOINT,
      { g: group.id, o: 'nope', p: outsider?.personId, role: 'CHAIR' },
      { cookie: staff },
    );
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organisationId' });
    expect(await snapshot()).toEqual(before);
  });

  it('allows several co-chairs and one chair; a new chair makes the previous one a member, as the audit says', async () => {
    const group = await createGroup();
    const [a, b, c, d] = freeSignatories([], 4, taken);
    if (!a || !b || !c || !d) throw new Error('not enough signatories');
    for (const org of [a, b, c, d]) await mustJoin(group.id, org);

    for (const [org, role] of [
      [a, 'CHAIR'],
      [b, 'CO_CHAIR'],
      [c, 'CO_CHAIR'],
    ] as const) {
      const res = await t.graphql<{ appointChair: { role: string } }>(
        APPOINT,
        { g: group.id, o: org.id, p: org.personId, role },
        { cookie: staff },
      );
      expect(res.data?.appointChair.role).toBe(role);
    }
    let rows = await membershipRows(group.id);
    expect(rows.filter((r) => r.role === 'chair').map((r) => r.organisationId)).toEqual([a.id]);
    expect(
      rows
        .filter((r) => r.role === 'co_chair')
        .map((r) => r.organisationId)
        .sort(),
    ).toEqual([b.id, c.id].sort());

    const res = await t.graphql(APPOINT, { g: group.id, o: d.id, p: d.personId, role: 'CHAIR' }, { cookie: staff });
    expect(res.errors).toBeUndefined();
    rows = await membershipRows(group.id);
    expect(rows.filter((r) => r.role === 'chair').map((r) => r.organisationId)).toEqual([d.id]);
    expect(rows.find((r) => r.organisationId === a.id)?.role).toBe('member');
    const view = await groupBySlug(group.slug);
    expect(view.chairs[0]).toEqual({ role: 'CHAIR', organisation: { id: d.id } });
    expect(view.chairs.filter((ch) => ch.role === 'CHAIR')).toHaveLength(1);
    expect(view.chairs.filter((ch) => ch.role === 'CO_CHAIR')).toHaveLength(2);

    const events = await auditOf(group.id);
    expect(events.at(-1)).toMatchObject({
      action: 'working_group.chair_appointed',
      before: { organisationId: d.id, role: 'member', previousChair: { organisationId: a.id, role: 'chair' } },
      after: { organisationId: d.id, role: 'chair', previousChair: { organisationId: a.id, role: 'member' } },
    });

    // A co-chair promoted to chair: the previous chair steps down, the other co-chair stays.
    await t.graphql(APPOINT, { g: group.id, o: b.id, p: b.personId, role: 'CHAIR' }, { cookie: staff });
    rows = await membershipRows(group.id);
    expect(Object.fromEntries(rows.map((r) => [r.organisationId, r.role]))).toEqual({
      [a.id]: 'member',
      [b.id]: 'chair',
      [c.id]: 'co_chair',
      [d.id]: 'member',
    });
  });

  it('refuses to make the chair a co-chair, which would leave the group without a chair', async () => {
    const group = await createGroup();
    const [a] = freeSignatories([], 1, taken);
    if (!a) throw new Error('no signatory');
    await mustJoin(group.id, a);
    await t.graphql(APPOINT, { g: group.id, o: a.id, p: a.personId, role: 'CHAIR' }, { cookie: staff });
    const before = await snapshot();
    const res = await t.graphql(APPOINT, { g: group.id, o: a.id, p: a.personId, role: 'CO_CHAIR' }, { cookie: staff });
    expect(res.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await snapshot()).toEqual(before);
  });

  it('leaves exactly one chair when two are appointed at once', async () => {
    const group = await createGroup();
    const orgs = freeSignatories([], 4, taken);
    for (const org of orgs) await mustJoin(group.id, org);
    const answers = await Promise.all(
      orgs.map((org) =>
        t.graphql(APPOINT, { g: group.id, o: org.id, p: org.personId, role: 'CHAIR' }, { cookie: staff }),
      ),
    );
    expect(answers.every((a) => a.errors === undefined)).toBe(true);
    const rows = await membershipRows(group.id);
    expect(rows.filter((r) => r.role === 'chair')).toHaveLength(1);
    expect(rows.filter((r) => r.role === 'member')).toHaveLength(3);
  });
});

describe('[WORKING GROUP] joining, leaving and removing members', () => {
  it('lets an active signatory join as member (the default) or observer, with an audit event', async () => {
    const group = await createGroup();
    const [a, b] = freeSignatories([], 2, taken);
    if (!a || !b) throw new Error('not enough signatories');
    const asMember = await join(group.id, a);
    expect(asMember.data?.joinWorkingGroup).toMatchObject({ role: 'MEMBER', organisation: { id: a.id } });
    const asObserver = await join(group.id, b, 'OBSERVER');
    expect(asObserver.data?.joinWorkingGroup.role).toBe('OBSERVER');
    const events = await auditOf(group.id);
    const joined = events.filter((e) => e.action === 'working_group.member_joined');
    expect(joined.map((e) => [e.actorOrganisationId, e.after])).toEqual([
      [a.id, { organisationId: a.id, role: 'member' }],
      [b.id, { organisationId: b.id, role: 'observer' }],
    ]);
    expect((await groupBySlug(group.slug)).members.totalCount).toBe(2);
  });

  it('refuses organisations without an active signature (withdrawn, rejected, pending) with CONFLICT', async () => {
    const group = await createGroup();
    const outsiders = await organisationsWhere(
      sql`not exists (select 1 from ${signature} where ${signature.organisationId} = ${organisation.id}
        and ${signature.status} = 'active') and exists (select 1 from ${signature} where ${signature.organisationId} = ${organisation.id})`,
    );
    const statuses = await t.database.db
      .select({ organisationId: signature.organisationId, status: signature.status })
      .from(signature)
      .where(
        inArray(
          signature.organisationId,
          outsiders.map((o) => o.id),
        ),
      );
    const covered = new Set(statuses.map((s) => s.status));
    expect(covered).toContain('withdrawn');
    expect(covered).toContain('rejected');
    // One organisation per kind of signature is enough to show the rule.
    const sample = ['withdrawn', 'rejected', 'pending_review', 'pending_confirmation']
      .map((status) => outsiders.find((o) => statuses.some((s) => s.organisationId === o.id && s.status === status)))
      .filter((o): o is Org => o !== undefined);
    expect(sample.length).toBeGreaterThanOrEqual(2);
    for (const org of sample) {
      await cookieOf(org.email);
      const before = await snapshot();
      const res = await join(group.id, org);
      expect(res.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      expect(res.errors?.[0]?.message).toMatch(/not an active signatory/);
      expect(await snapshot()).toEqual(before);
    }
  });

  it('answers joining twice with CONFLICT, also when both requests arrive at once', async () => {
    const group = await createGroup();
    const [a, b] = freeSignatories([], 2, taken);
    if (!a || !b) throw new Error('not enough signatories');
    await mustJoin(group.id, a);
    const before = await snapshot();
    const again = await join(group.id, a, 'OBSERVER');
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(again.errors?.[0]?.message).toMatch(/already a member/);
    expect(await snapshot()).toEqual(before);

    const cookie = await cookieOf(b.email);
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => t.graphql(JOIN, { g: group.id, o: b.id }, { cookie })),
    );
    expect(answers.map((a) => a.errors?.[0]?.extensions?.code ?? 'OK').sort()).toEqual([
      'CONFLICT',
      'CONFLICT',
      'CONFLICT',
      'CONFLICT',
      'OK',
    ]);
    const joined = (await auditOf(group.id)).filter((e) => e.action === 'working_group.member_joined');
    expect(joined).toHaveLength(2);
  });

  it('refuses to let anyone join a closed group', async () => {
    const group = await createGroup({ status: 'CLOSED' });
    const [a] = freeSignatories([], 1, taken);
    if (!a) throw new Error('no signatory');
    await cookieOf(a.email);
    const before = await snapshot();
    const res = await join(group.id, a);
    expect(res.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(res.errors?.[0]?.message).toMatch(/closed/);
    expect(await snapshot()).toEqual(before);
  });

  it('lets a member leave, but not the chair, who must be replaced by the secretariat first', async () => {
    const group = await createGroup();
    const [chair, member, outsider] = freeSignatories([], 3, taken);
    if (!chair || !member || !outsider) throw new Error('not enough signatories');
    await mustJoin(group.id, chair);
    await mustJoin(group.id, member);
    await t.graphql(APPOINT, { g: group.id, o: chair.id, p: chair.personId, role: 'CHAIR' }, { cookie: staff });

    await Promise.all([cookieOf(chair.email), cookieOf(outsider.email)]);
    const before = await snapshot();
    const chairLeaves = await t.graphql(LEAVE, { g: group.id, o: chair.id }, { cookie: await cookieOf(chair.email) });
    expect(chairLeaves.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(chairLeaves.errors?.[0]?.message).toMatch(/appoint another chair/);
    const notIn = await t.graphql(LEAVE, { g: group.id, o: outsider.id }, { cookie: await cookieOf(outsider.email) });
    expect(notIn.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organisationId' });
    expect(await snapshot()).toEqual(before);

    const left = await t.graphql<{ leaveWorkingGroup: boolean }>(
      LEAVE,
      { g: group.id, o: member.id },
      { cookie: await cookieOf(member.email) },
    );
    expect(left.data?.leaveWorkingGroup).toBe(true);
    expect((await membershipRows(group.id)).map((r) => r.organisationId)).toEqual([chair.id]);
    expect((await auditOf(group.id)).at(-1)).toMatchObject({
      action: 'working_group.member_left',
      actorOrganisationId: member.id,
      before: { organisationId: member.id, role: 'member' },
      after: null,
    });

    // Once another chair is appointed, the former chair is a member and may leave.
    await mustJoin(group.id, member);
    await t.graphql(APPOINT, { g: group.id, o: member.id, p: member.personId, role: 'CHAIR' }, { cookie: staff });
    const formerChairLeaves = await t.graphql(
      LEAVE,
      { g: group.id, o: chair.id },
      { cookie: await cookieOf(chair.email) },
    );
    expect(formerChairLeaves.errors).toBeUndefined();
  });

  it('lets a chair or co-chair remove a member with a reason kept in the audit log; never the chair', async () => {
    const group = await createGroup();
    const [chair, coChair, a, b] = freeSignatories([], 4, taken);
    if (!chair || !coChair || !a || !b) throw new Error('not enough signatories');
    for (const org of [chair, coChair, a, b]) await mustJoin(group.id, org);
    await t.graphql(APPOINT, { g: group.id, o: chair.id, p: chair.personId, role: 'CHAIR' }, { cookie: staff });
    await t.graphql(APPOINT, { g: group.id, o: coChair.id, p: coChair.personId, role: 'CO_CHAIR' }, { cookie: staff });

    const chairCookie = await cookieOf(chair.email);
    const before = await snapshot();
    for (const [reason, field] of [
      ['', 'reason'],
      ['   ', 'reason'],
      ['r'.repeat(2001), 'reason'],
    ] as const) {
      const res = await t.graphql(REMOVE, { g: group.id, o: a.id, reason }, { cookie: chairCookie });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const removeChair = await t.graphql(REMOVE, { g: group.id, o: chair.id, reason: 'Inactive' }, { cookie: staff });
    expect(removeChair.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const notIn = await t.graphql(REMOVE, { g: group.id, o: signatories[0]?.id, reason: 'x' }, { cookie: staff });
    expect(notIn.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organisationId' });
    expect(await snapshot()).toEqual(before);

    const removed = await t.graphql<{ removeWorkingGroupMember: boolean }>(
      REMOVE,
      { g: group.id, o: a.id, reason: 'Has not attended a meeting in two years.' },
      { cookie: chairCookie },
    );
    expect(removed.data?.removeWorkingGroupMember).toBe(true);
    expect((await auditOf(group.id)).at(-1)).toMatchObject({
      action: 'working_group.member_removed',
      actorOrganisationId: chair.id,
      before: { organisationId: a.id, role: 'member' },
      after: { organisationId: a.id, role: null, reason: 'Has not attended a meeting in two years.' },
    });

    const byCoChair = await t.graphql(
      REMOVE,
      { g: group.id, o: b.id, reason: 'Asked to be removed.' },
      { cookie: await cookieOf(coChair.email) },
    );
    expect(byCoChair.errors).toBeUndefined();
    const remaining = (await membershipRows(group.id)).map((r) => r.organisationId).sort();
    expect(remaining).toEqual([chair.id, coChair.id].sort());

    const chain = await t.database.rows(sql`select seq from audit_verify_chain()`);
    expect(chain).toEqual([]);
  });
});
