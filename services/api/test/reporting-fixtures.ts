/**
 * Seeding helpers shared by the reporting tests (reporting*.db.test.ts): organisations with pledges in given
 * states and reports for given years, written straight into the test database, so that each test builds the
 * history it checks instead of depending on the demo's random one.
 */
import { createHash, randomUUID } from 'node:crypto';
import { schema, uuidv7 } from '@concord/db';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { TestApp } from './helper.ts';

export const SLUG = 'circular-plastics';
export const SECRETARIAT = 'secretariat@concord.example';

const {
  alliance,
  declarationVersion,
  organisation,
  organisationMember,
  person,
  pledge,
  progressReport,
  reportingCampaign,
  signature,
} = schema;

export async function demoAlliance(t: TestApp): Promise<schema.Alliance> {
  const [row] = await t.database.db.select().from(alliance).where(eq(alliance.slug, SLUG));
  if (!row) throw new Error('no demo alliance');
  return row;
}

/**
 * A second alliance beside the demo one, made as the seed makes an alliance: a published declaration, and one
 * reporting campaign a year for `campaignYears`, each with its deadline on 31 March of the next year, as the
 * demo's campaigns.
 */
export async function seedAlliance(
  t: TestApp,
  { slug, campaignYears }: { slug: string; campaignYears: readonly number[] },
): Promise<schema.Alliance> {
  const db = t.database.db;
  const [row] = await db
    .insert(alliance)
    .values({
      slug,
      name: `Alliance ${slug}`,
      purpose: 'A second alliance of the same deployment, for the tests.',
      targetTonnes: '1000000.000',
      targetFlow: 'supply',
      targetYear: 2030,
      baselineYear: 2018,
      signingOpensOn: '2019-06-01',
    })
    .returning();
  if (!row) throw new Error('alliance not seeded');
  const text = `The declaration of ${slug}.`;
  await db.insert(declarationVersion).values({
    allianceId: row.id,
    version: 1,
    title: `Declaration of ${slug}`,
    text,
    textSha256: createHash('sha256').update(text, 'utf8').digest('hex'),
    status: 'published',
    publishedAt: new Date('2019-06-01T09:00:00Z'),
  });
  for (const year of campaignYears) {
    await db.insert(reportingCampaign).values({
      allianceId: row.id,
      year,
      opensOn: `${year + 1}-02-01`,
      deadline: `${year + 1}-03-31`,
    });
  }
  return row;
}

/** GraphQL that must succeed: returns its data, or fails the test with the errors. */
export async function ok<T>(
  t: TestApp,
  query: string,
  variables: Record<string, unknown> = {},
  cookie = '',
): Promise<T> {
  const res = await t.graphql<T>(query, variables, { cookie });
  if (res.errors || !res.data) throw new Error(JSON.stringify(res.errors));
  return res.data;
}

/** The code of the first error, or OK. */
export async function codeOf(t: TestApp, query: string, variables: Record<string, unknown>, cookie = '') {
  const res = await t.graphql(query, variables, { cookie });
  return res.errors?.[0]?.extensions?.code ?? 'OK';
}

export interface PledgeSpec {
  status?: schema.PledgeStatus;
  /** When it was decided (accepted): decides which campaigns expect a report of it. */
  decidedAt?: string | null;
  kind?: schema.PledgeKind;
  polymer?: schema.Polymer;
  tonnesPerYear?: string;
}

export interface Seeded {
  organisationId: string;
  legalName: string;
  email: string;
  pledgeIds: string[];
}

/**
 * An organisation of an alliance (the demo one unless `alliance` is given) with one representative and the
 * pledges given; `isSigned` gives it an active signature, so it appears in the public register.
 */
export async function seedOrganisation(
  t: TestApp,
  {
    name,
    pledges,
    isSigned = false,
    alliance: target,
  }: { name: string; pledges: PledgeSpec[]; isSigned?: boolean; alliance?: schema.Alliance },
): Promise<Seeded> {
  const db = t.database.db;
  const suffix = randomUUID().slice(0, 8);
  const legalName = `${name} ${suffix}`;
  const email = `rep-${suffix}@reporting.example`;
  const [org] = await db
    .insert(organisation)
    .values({ legalName, normalisedName: legalName.toLowerCase(), country: 'BE', kind: 'company', size: 'sme' })
    .returning();
  const [rep] = await db
    .insert(person)
    .values({ email, name: `Rep ${suffix}` })
    .returning();
  if (!org || !rep) throw new Error('not seeded');
  await db.insert(organisationMember).values({ organisationId: org.id, personId: rep.id });
  const pledgeIds = await seedPledges(t, org.id, { pledges, isSigned, ...(target ? { alliance: target } : {}) });
  return { organisationId: org.id, legalName, email, pledgeIds };
}

/**
 * Pledges of an existing organisation to an alliance (the demo one unless `alliance` is given), and with
 * `isSigned` its active signature of that alliance's declaration: an organisation signs several alliances so.
 */
export async function seedPledges(
  t: TestApp,
  organisationId: string,
  {
    pledges,
    isSigned = false,
    alliance: given,
  }: { pledges: PledgeSpec[]; isSigned?: boolean; alliance?: schema.Alliance },
): Promise<string[]> {
  const db = t.database.db;
  const target = given ?? (await demoAlliance(t));
  const pledgeIds: string[] = [];
  for (const spec of pledges) {
    const status = spec.status ?? 'accepted';
    const decidedAt = spec.decidedAt === undefined ? '2020-01-15T10:00:00Z' : spec.decidedAt;
    const [row] = await db
      .insert(pledge)
      .values({
        id: uuidv7(),
        allianceId: target.id,
        organisationId,
        kind: spec.kind ?? 'uptake',
        polymer: spec.polymer ?? 'PP',
        sector: 'packaging',
        tonnesPerYear: spec.tonnesPerYear ?? '1000.000',
        targetYear: 2025,
        status,
        submittedAt: decidedAt ? new Date(decidedAt) : new Date(),
        decidedAt: decidedAt ? new Date(decidedAt) : null,
        ...(status === 'withdrawn' ? { withdrawnAt: new Date(), withdrawalReason: 'test' } : {}),
      })
      .returning();
    if (!row) throw new Error('pledge not seeded');
    pledgeIds.push(row.id);
  }
  if (isSigned) {
    const [version] = await db
      .select()
      .from(declarationVersion)
      .where(eq(declarationVersion.allianceId, target.id))
      .orderBy(asc(declarationVersion.version))
      .limit(1);
    await db.insert(signature).values({
      allianceId: target.id,
      declarationVersionId: version?.id ?? '',
      organisationId,
      signerName: 'Rep',
      signerJobTitle: 'Director',
      status: 'active',
      confirmedAt: new Date(),
      activatedAt: new Date(),
    });
  }
  return pledgeIds;
}

/** A report in any state, as the lifecycle would have left it. */
export async function seedReport(
  t: TestApp,
  {
    pledgeId,
    year,
    status = 'validated',
    tonnes = '100.000',
  }: { pledgeId: string; year: number; status?: schema.ProgressReportStatus; tonnes?: string },
): Promise<schema.ProgressReport> {
  const [row] = await t.database.db
    .insert(progressReport)
    .values({
      pledgeId,
      year,
      tonnesAchieved: tonnes,
      status,
      submittedAt: new Date(`${year + 1}-02-15T10:00:00Z`),
      validatedAt: status === 'validated' ? new Date(`${year + 1}-03-01T10:00:00Z`) : null,
      queryQuestion: status === 'queried' ? 'Which audit covers these tonnes?' : null,
      queriedAt: status === 'queried' ? new Date(`${year + 1}-02-20T10:00:00Z`) : null,
    })
    .returning();
  if (!row) throw new Error('report not seeded');
  return row;
}

/** A demo organisation with at least `minPledges` accepted pledges of the alliance, and its representative. */
export async function demoOrganisationWithPledges(
  t: TestApp,
  minPledges: number,
  skip: readonly string[] = [],
): Promise<Seeded> {
  const rows = await t.database.db
    .select({
      organisationId: organisation.id,
      legalName: organisation.legalName,
      email: sql<string>`min(${person.email})`,
      pledgeIds: sql<string[]>`array_agg(${pledge.id}::text order by ${pledge.id})`,
    })
    .from(organisation)
    .innerJoin(pledge, and(eq(pledge.organisationId, organisation.id), eq(pledge.status, 'accepted')))
    .innerJoin(organisationMember, eq(organisationMember.organisationId, organisation.id))
    .innerJoin(person, eq(person.id, organisationMember.personId))
    .groupBy(organisation.id, organisation.legalName)
    .having(sql`count(distinct ${pledge.id}) >= ${minPledges}`)
    .orderBy(asc(organisation.legalName))
    .limit(20);
  const found = rows.find((r) => !skip.includes(r.organisationId));
  if (!found) throw new Error(`no demo organisation with ${minPledges} accepted pledges`);
  return { ...found, pledgeIds: [...new Set(found.pledgeIds)] };
}
