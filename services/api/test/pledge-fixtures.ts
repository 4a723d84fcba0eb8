import { schema } from '@concord/db';
import { and, eq, sql } from 'drizzle-orm';
import { buildTestApp, type GraphQLResponse, type TestApp } from './helper.ts';
import { mailbox, signIn, waitFor } from './journey.ts';

/** What the pledge tests share: the app and the demo alliance's people, the operations, and a valid input. */
export const SLUG = 'circular-plastics';
export const SECRETARIAT = 'secretariat@concord.example';

export const PLEDGE_FIELDS = `id status kind polymer sector tonnesPerYear targetYear baselineTonnes baselineYear
  conditions currentVersion submittedAt decidedAt withdrawnAt withdrawalReason workingGroup { slug }`;
export const VERSION_FIELDS = `id version status tonnesPerYear targetYear reviewComment submittedAt decidedAt
  workingGroup { slug } statement { sha256 kind }`;

export const DRAFT = `mutation($input: DraftPledgeInput!) { draftPledge(input: $input) { ${PLEDGE_FIELDS} } }`;
export const UPDATE = `mutation($id: ID!, $pledge: PledgeInput!) { updatePledgeDraft(pledgeId: $id, pledge: $pledge) {
  ${PLEDGE_FIELDS} openVersion { ${VERSION_FIELDS} } } }`;
export const SUBMIT = `mutation($id: ID!) { submitPledge(pledgeId: $id) { ${PLEDGE_FIELDS} openVersion { ${VERSION_FIELDS} } } }`;
export const REVIEW = `mutation($id: ID!, $decision: PledgeDecision!, $comment: String) {
  reviewPledge(pledgeId: $id, decision: $decision, comment: $comment) { ${PLEDGE_FIELDS} } }`;
export const AMEND = `mutation($id: ID!, $pledge: PledgeInput!) { amendPledge(pledgeId: $id, pledge: $pledge) {
  ${PLEDGE_FIELDS} openVersion { ${VERSION_FIELDS} } } }`;
export const WITHDRAW = `mutation($id: ID!, $reason: String!) { withdrawPledge(pledgeId: $id, reason: $reason) { ${PLEDGE_FIELDS} } }`;
export const PLEDGE = `query($id: ID!) { alliance(slug: "${SLUG}") { pledge(id: $id) {
  ${PLEDGE_FIELDS} lapsedAt versions { ${VERSION_FIELDS} } openVersion { ${VERSION_FIELDS} } } } }`;

export interface PledgeView {
  id: string;
  status: string;
  kind: string;
  polymer: string;
  tonnesPerYear: string;
  targetYear: number;
  baselineTonnes: string | null;
  baselineYear: number | null;
  conditions: string | null;
  currentVersion: number;
  submittedAt: string | null;
  decidedAt: string | null;
  withdrawnAt: string | null;
  withdrawalReason: string | null;
  workingGroup: { slug: string } | null;
  /** Read by `PLEDGE`. */
  lapsedAt?: string | null;
  versions?: VersionView[];
  openVersion?: VersionView | null;
}

export interface VersionView {
  id: string;
  version: number;
  status: string;
  tonnesPerYear: string;
  targetYear: number;
  reviewComment: string | null;
  submittedAt: string | null;
  decidedAt: string | null;
  workingGroup: { slug: string } | null;
  statement: { sha256: string; kind: string } | null;
}

export const pledgeInput = (overrides: Record<string, unknown> = {}) => ({
  kind: 'SUPPLY',
  polymer: 'PET',
  sector: 'PACKAGING',
  tonnesPerYear: '1250.5',
  targetYear: 2030,
  baselineTonnes: '400',
  baselineYear: 2020,
  conditions: 'Subject to a steady supply of sorted bottles.',
  workingGroupSlug: 'packaging',
  ...overrides,
});

export interface Person {
  email: string;
  organisationId: string;
  organisationName: string;
}

/**
 * Representatives of active signatories that chair no working group, in a stable order. They are members of the
 * packaging group, where `pledgeInput()` pledges (a pledge is made only in a group of one's own).
 */
export async function pledgers(t: TestApp, count: number): Promise<Person[]> {
  const { organisation, organisationMember, person, signature, workingGroup, workingGroupMember } = schema;
  return t.database.db
    .select({ email: person.email, organisationId: organisation.id, organisationName: organisation.legalName })
    .from(organisation)
    .innerJoin(organisationMember, eq(organisationMember.organisationId, organisation.id))
    .innerJoin(person, eq(person.id, organisationMember.personId))
    .where(
      and(
        sql`exists (select 1 from ${signature} where ${signature.organisationId} = ${organisation.id} and ${signature.status} = 'active')`,
        sql`not exists (select 1 from ${workingGroupMember} where ${workingGroupMember.organisationId} = ${organisation.id} and ${workingGroupMember.role} in ('chair', 'co_chair'))`,
        sql`exists (select 1 from ${workingGroupMember} join ${workingGroup} on ${workingGroup.id} = ${workingGroupMember.workingGroupId} where ${workingGroupMember.organisationId} = ${organisation.id} and ${workingGroup.slug} = 'packaging')`,
      ),
    )
    .orderBy(organisation.legalName)
    .limit(count);
}

/** The representative of the organisation chairing (role `chair`) a working group. */
export async function chairOf(t: TestApp, groupSlug: string): Promise<Person> {
  const { organisation, organisationMember, person, workingGroup, workingGroupMember } = schema;
  const [row] = await t.database.db
    .select({ email: person.email, organisationId: organisation.id, organisationName: organisation.legalName })
    .from(workingGroupMember)
    .innerJoin(workingGroup, eq(workingGroup.id, workingGroupMember.workingGroupId))
    .innerJoin(organisation, eq(organisation.id, workingGroupMember.organisationId))
    .innerJoin(organisationMember, eq(organisationMember.organisationId, organisation.id))
    .innerJoin(person, eq(person.id, organisationMember.personId))
    .where(and(eq(workingGroup.slug, groupSlug), eq(workingGroupMember.role, 'chair')))
    .limit(1);
  if (!row) throw new Error(`no chair for ${groupSlug}`);
  return row;
}

/**
 * The app and the people a pledge test file acts as, signed in: representatives of `pledgers()` and the chairs of
 * groups, under the names the file gives them, and the secretariat as `staff`. For the file's `beforeAll`; its
 * `afterAll` closes `t`.
 */
export async function pledgeTestApp<P extends string, C extends string = never>({
  pledgers: names,
  chairs = {} as Record<C, string>,
}: {
  pledgers: readonly P[];
  /** Name → the slug of the group whose chair it is. */
  chairs?: Record<C, string>;
}): Promise<{ t: TestApp; people: Record<P | C, Person>; cookies: Record<P | C | 'staff', string> }> {
  const t = await buildTestApp();
  const people = {} as Record<P | C, Person>;
  const cookies = {} as Record<P | C | 'staff', string>;
  const found = await pledgers(t, names.length);
  if (found.length < names.length) throw new Error(`the demo data has fewer than ${names.length} pledgers`);
  for (const [i, name] of names.entries()) {
    people[name] = found[i] as Person;
    cookies[name] = await signIn(t, people[name].email);
  }
  for (const [name, slug] of Object.entries(chairs) as [C, string][]) {
    people[name] = await chairOf(t, slug);
    cookies[name] = await signIn(t, people[name].email);
  }
  cookies.staff = await signIn(t, SECRETARIAT);
  return { t, people, cookies };
}

/** The pledge as `PLEDGE` reads it, for the holder of `cookie` (the public without one). */
export function viewPledge(t: TestApp, id: string, cookie?: string) {
  return t.graphql<{ alliance: { pledge: PledgeView } }>(PLEDGE, { id }, cookie ? { cookie } : {});
}

export async function countRows(t: TestApp): Promise<{ pledges: number; versions: number }> {
  const [row] = await t.database.rows<{ pledges: number; versions: number }>(
    sql`select (select count(*)::int from pledge) as pledges, (select count(*)::int from pledge_version) as versions`,
  );
  return { pledges: Number(row?.pledges), versions: Number(row?.versions) };
}

/** Runs a GraphQL operation that must succeed and returns its data. */
export async function ok<T>(
  t: TestApp,
  query: string,
  variables: Record<string, unknown>,
  cookie?: string,
): Promise<T> {
  const res: GraphQLResponse<T> = await t.graphql<T>(query, variables, cookie ? { cookie } : {});
  if (res.errors || !res.data) throw new Error(JSON.stringify(res.errors));
  return res.data;
}

export async function draft(
  t: TestApp,
  cookie: string,
  organisationId: string,
  overrides: Record<string, unknown> = {},
) {
  const data = await ok<{ draftPledge: PledgeView }>(
    t,
    DRAFT,
    { input: { allianceSlug: SLUG, organisationId, pledge: pledgeInput(overrides) } },
    cookie,
  );
  return data.draftPledge;
}

/** A pledge drafted, submitted and accepted by the secretariat: one in force. */
export async function acceptedPledge(
  t: TestApp,
  { pledger, staff }: { pledger: string; staff: string },
  organisationId: string,
  overrides: Record<string, unknown> = {},
): Promise<PledgeView> {
  const drafted = await draft(t, pledger, organisationId, overrides);
  await ok(t, SUBMIT, { id: drafted.id }, pledger);
  const data = await ok<{ reviewPledge: PledgeView }>(t, REVIEW, { id: drafted.id, decision: 'ACCEPT' }, staff);
  return data.reviewPledge;
}

export async function totalsOf(t: TestApp) {
  const data = await ok<{
    alliance: {
      pledges: { totalCount: number; totalTonnes: string };
      pledgeTotals: { kind: string; polymer: string; tonnesPerYear: string; pledgeCount: number }[];
      progress: { pledgedSupplyTonnes: string; pledgedUptakeTonnes: string };
    };
  }>(
    t,
    `{ alliance(slug: "${SLUG}") { pledges { totalCount totalTonnes } pledgeTotals { kind polymer tonnesPerYear pledgeCount }
      progress { pledgedSupplyTonnes pledgedUptakeTonnes } } }`,
    {},
  );
  return data.alliance;
}

/** Exact decimal arithmetic in kilograms, for comparing totals. */
export const kg = (tonnes: string) => {
  const [whole = '0', fraction = ''] = tonnes.split('.');
  return BigInt(whole) * 1000n + BigInt(fraction.padEnd(3, '0').slice(0, 3));
};

/**
 * Waits until the job worker has nothing left to do now (its statements would count against a request's). Jobs
 * scheduled for later (a commitment's reminder, a campaign's steps) are not work left now.
 */
export async function jobsSettled(t: TestApp): Promise<void> {
  await waitFor(async () => {
    const [row] = await t.database.rows<{ n: number }>(
      sql`select count(*)::int as n from pgboss.job where state in ('created', 'retry', 'active') and start_after <= now()`,
    );
    return Number(row?.n) === 0 ? true : undefined;
  }, 'the job queue to drain');
}

/** Waits for an e-mail to `to` whose subject and text match (several similar ones may be on their way). */
export async function waitForMailAbout(t: TestApp, to: string, subject: RegExp, text: string) {
  return waitFor(async () => {
    const messages = await mailbox(t, to);
    return messages.find((m) => subject.test(m.subject) && m.text.replace(/\s+/g, ' ').includes(text));
  }, `an e-mail to ${to} about ${text}`);
}
