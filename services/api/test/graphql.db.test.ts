import { createHash } from 'node:crypto';
import { schema } from '@concord/db';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.ts';

const SLUG = 'circular-plastics';
let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('[ALLIANCE] public reads', () => {
  it('lists the alliances as a connection', async () => {
    const res = await t.graphql<{ alliances: { totalCount: number; nodes: { slug: string }[] } }>(
      '{ alliances { totalCount nodes { slug } } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.alliances.nodes.map((a) => a.slug)).toContain(SLUG);
    expect(res.data?.alliances.totalCount).toBe(res.data?.alliances.nodes.length);
  });

  it('returns the target and the current declaration, whose hash matches its text', async () => {
    const res = await t.graphql<{
      alliance: {
        name: string;
        target: { tonnes: string; year: number; baselineYear: number; flow: string };
        declaration: { version: number; title: string; text: string; textSha256: string };
      };
    }>(
      `query($slug: String!) { alliance(slug: $slug) { name target { tonnes year baselineYear flow }
        declaration { version title text textSha256 } } }`,
      { slug: SLUG },
    );
    expect(res.errors).toBeUndefined();
    const alliance = res.data?.alliance;
    expect(alliance?.target).toEqual({ tonnes: '10000000.000', year: 2025, baselineYear: 2016, flow: 'UPTAKE' });
    const declaration = alliance?.declaration;
    expect(declaration?.version).toBeGreaterThanOrEqual(1);
    expect(declaration?.textSha256).toBe(
      createHash('sha256')
        .update(declaration?.text ?? '', 'utf8')
        .digest('hex'),
    );
  });

  it('answers an unknown slug with NOT_FOUND', async () => {
    const res = await t.graphql('{ alliance(slug: "no-such-alliance") { name } }');
    expect(res.statusCode).toBeLessThan(500);
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('lists the six working groups with members and chairs', async () => {
    const res = await t.graphql<{
      alliance: {
        workingGroups: {
          totalCount: number;
          nodes: {
            slug: string;
            memberCount: number;
            chairs: { role: string; organisation: { legalName: string } }[];
          }[];
        };
      };
    }>(
      `{ alliance(slug: "${SLUG}") { workingGroups { totalCount nodes { slug kind memberCount
        chairs { role organisation { legalName } } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const groups = res.data?.alliance.workingGroups;
    expect(groups?.totalCount).toBe(6);
    for (const group of groups?.nodes ?? []) {
      expect(group.memberCount).toBeGreaterThan(0);
      expect(group.chairs.filter((c) => c.role === 'CHAIR')).toHaveLength(1);
    }
  });
});

describe('[REGISTER] signatories', () => {
  const query = `query($first: Int, $after: String, $filter: SignatoryFilter) {
    alliance(slug: "${SLUG}") { signatories(first: $first, after: $after, filter: $filter) {
      totalCount pageInfo { hasNextPage endCursor }
      nodes { id activeSince organisation { legalName country kind stages workingGroups { role workingGroup { name } } } }
    } } }`;
  type Page = {
    alliance: {
      signatories: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        nodes: { id: string; organisation: { legalName: string; country: string; kind: string; stages: string[] } }[];
      };
    };
  };

  it('counts exactly the active signatures', async () => {
    const [expected] = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(schema.signature)
      .where(eq(schema.signature.status, 'active'));
    const res = await t.graphql<Page>(query, { first: 1 });
    expect(res.data?.alliance.signatories.totalCount).toBe(expected?.n);
    expect(expected?.n).toBeGreaterThan(250);
  });

  it('walks every page once, in name order, without repeats', async () => {
    const seen: string[] = [];
    const names: string[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const res: { data: Page | null } = await t.graphql<Page>(query, { first: 40, after });
      const page = res.data?.alliance.signatories;
      if (!page) throw new Error('no page');
      total = page.totalCount;
      seen.push(...page.nodes.map((n) => n.id));
      names.push(...page.nodes.map((n) => n.organisation.legalName));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(total);
  });

  it('filters by country, kind, stage and search text together', async () => {
    const res = await t.graphql<Page>(query, {
      first: 200,
      filter: { country: 'DE', kind: 'COMPANY' },
    });
    const nodes = res.data?.alliance.signatories.nodes ?? [];
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((n) => n.organisation.country === 'DE' && n.organisation.kind === 'COMPANY')).toBe(true);

    const stage = await t.graphql<Page>(query, { first: 200, filter: { stage: 'RECYCLER' } });
    const recyclers = stage.data?.alliance.signatories.nodes ?? [];
    expect(recyclers.length).toBeGreaterThan(0);
    expect(recyclers.every((n) => n.organisation.stages.includes('RECYCLER'))).toBe(true);

    const first = nodes[0]?.organisation.legalName ?? '';
    const fragment = first.slice(1, 6).toUpperCase();
    const search = await t.graphql<Page>(query, { first: 200, filter: { search: fragment } });
    const found = search.data?.alliance.signatories.nodes ?? [];
    expect(found.map((n) => n.organisation.legalName)).toContain(first);
    expect(found.every((n) => n.organisation.legalName.toUpperCase().includes(fragment))).toBe(true);
  });

  it('treats % and _ in search text as letters', async () => {
    const res = await t.graphql<Page>(query, { first: 10, filter: { search: '%' } });
    expect(res.data?.alliance.signatories.totalCount).toBe(0);
  });

  it('costs the same number of SQL statements for 10 and for 200 signatories', async () => {
    t.resetQueryCount();
    const small = await t.graphql<Page>(query, { first: 10 });
    const forTen = t.queryCount();
    t.resetQueryCount();
    const large = await t.graphql<Page>(query, { first: 200 });
    const forTwoHundred = t.queryCount();
    expect(small.data?.alliance.signatories.nodes).toHaveLength(10);
    expect(large.data?.alliance.signatories.nodes).toHaveLength(200);
    // alliance, page, total count, working-group memberships: one statement each.
    expect(forTen).toBe(4);
    expect(forTwoHundred).toBe(forTen);
  });
});

describe('[REGISTER] bad input', () => {
  const cases: [string, string, Record<string, unknown>, string][] = [
    ['an unknown country (variable)', 'filter.country', { filter: { country: 'XX' } }, '$filter'],
    ['a negative first', 'first', { first: -1 }, '$first'],
    ['first over the maximum', 'first', { first: 10_000 }, '$first'],
    ['a malformed cursor', 'after', { after: 'not-a-cursor!' }, '$after'],
    ['a forged cursor', 'after', { after: Buffer.from('["x"]').toString('base64url') }, '$after'],
    ['an over-long search', 'filter.search', { filter: { search: 'x'.repeat(101) } }, '$filter'],
  ];
  it.each(cases)('rejects %s as BAD_USER_INPUT naming %s', async (_label, field, variables) => {
    const res = await t.graphql(
      `query($first: Int, $after: String, $filter: SignatoryFilter) {
        alliance(slug: "${SLUG}") { signatories(first: $first, after: $after, filter: $filter) { totalCount } } }`,
      variables,
    );
    expect(res.statusCode).toBeLessThan(500);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('names the argument of an invalid inline literal', async () => {
    const res = await t.graphql(
      `{ alliance(slug: "${SLUG}") { signatories(filter: { country: "XX" }) { totalCount } } }`,
    );
    expect(res.statusCode).toBe(400);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.country' });
  });

  it('refuses queries deeper than the limit', async () => {
    const deep = `{ alliance(slug: "${SLUG}") { signatories { nodes { organisation { workingGroups { workingGroup {
      chairs { organisation { workingGroups { workingGroup { chairs { organisation { legalName } } } } } } } } } } } } }`;
    const res = await t.graphql(deep);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.errors?.length).toBeGreaterThan(0);
    expect(res.data ?? null).toBeNull();
  });
});

describe('[PROGRESS] figures computed in SQL', () => {
  it('matches independent sums of accepted pledges and validated reports, to the kilogram', async () => {
    const res = await t.graphql<{
      alliance: {
        progress: {
          pledgedSupplyTonnes: string;
          pledgedUptakeTonnes: string;
          achievedTonnes: string;
          targetTonnes: string;
          share: string;
          year: number;
        };
      };
    }>(
      `{ alliance(slug: "${SLUG}") { progress { pledgedSupplyTonnes pledgedUptakeTonnes achievedTonnes targetTonnes share year } } }`,
    );
    expect(res.errors).toBeUndefined();
    const progress = res.data?.alliance.progress;
    const { pledge, progressReport } = schema;
    const pledged = await t.database.db
      .select({ kind: pledge.kind, kg: sql<string>`(sum(${pledge.tonnesPerYear}) * 1000)::bigint::text` })
      .from(pledge)
      .where(eq(pledge.status, 'accepted'))
      .groupBy(pledge.kind);
    const kg = (kind: string) => BigInt(pledged.find((p) => p.kind === kind)?.kg ?? '0');
    const toKg = (tonnes: string) => BigInt(tonnes.replace('.', ''));
    expect(toKg(progress?.pledgedSupplyTonnes ?? '0')).toBe(kg('supply'));
    expect(toKg(progress?.pledgedUptakeTonnes ?? '0')).toBe(kg('uptake'));
    expect(kg('supply')).toBeGreaterThan(10_000_000_000n);

    const [achieved] = await t.database.db
      .select({ kg: sql<string>`(sum(${progressReport.tonnesAchieved}) * 1000)::bigint::text` })
      .from(progressReport)
      .innerJoin(pledge, eq(pledge.id, progressReport.pledgeId))
      .where(
        and(
          eq(progressReport.year, progress?.year ?? 0),
          eq(progressReport.status, 'validated'),
          eq(pledge.status, 'accepted'),
          eq(pledge.kind, 'uptake'),
        ),
      );
    expect(toKg(progress?.achievedTonnes ?? '0')).toBe(BigInt(achieved?.kg ?? '0'));
    expect(progress?.targetTonnes).toBe('10000000.000');
    // share = achieved / target, 4 decimals
    const expectedShare = (Number(BigInt(achieved?.kg ?? '0') / 1_000_000n) / 10_000).toFixed(4);
    expect(Math.abs(Number(progress?.share) - Number(expectedShare))).toBeLessThanOrEqual(0.0001);
  });

  it('totals the pledges that match a filter over all pages', async () => {
    const res = await t.graphql<{
      alliance: {
        pledges: {
          totalCount: number;
          totalTonnes: string;
          nodes: { kind: string; polymer: string; tonnesPerYear: string }[];
        };
      };
    }>(
      `{ alliance(slug: "${SLUG}") { pledges(first: 250, filter: { kind: SUPPLY, polymer: PET }) { totalCount totalTonnes nodes { kind polymer tonnesPerYear } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const pledges = res.data?.alliance.pledges;
    expect(pledges?.nodes.length).toBe(pledges?.totalCount);
    expect(pledges?.nodes.every((p) => p.kind === 'SUPPLY' && p.polymer === 'PET')).toBe(true);
    const sumKg = (pledges?.nodes ?? []).reduce((acc, p) => acc + BigInt(p.tonnesPerYear.replace('.', '')), 0n);
    expect(BigInt(pledges?.totalTonnes.replace('.', '') ?? '0')).toBe(sumKg);
  });
});

describe('[HEALTH] probes', () => {
  it('answers /healthz and /readyz', async () => {
    expect((await t.app.inject('/healthz')).statusCode).toBe(200);
    const ready = await t.app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready' });
  });
});
