import { schema } from '@concord/db';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tonnesToKg } from '../src/modules/progress/decimal.ts';
import { loadReportingStatuses } from '../src/modules/reporting/reporting.reads.ts';
import { utcDate } from '../src/modules/reporting/reporting-dates.ts';
import { type CampaignOutcome, deriveReportingStatus } from '../src/modules/reporting/reporting-status.ts';
import { buildTestApp, type TestApp } from './helper.ts';
import { signIn } from './journey.ts';
import {
  codeOf,
  demoAlliance,
  demoOrganisationWithPledges,
  ok,
  SECRETARIAT,
  type Seeded,
  SLUG,
  seedOrganisation,
  seedReport,
} from './reporting-fixtures.ts';

const POLYMERS = ['LDPE', 'HDPE', 'PP', 'PS', 'EPS', 'PET', 'PVC', 'PU', 'ABS', 'PA', 'PC', 'OTHER'];
/** The demo's campaigns: one a year, 2019 to 2024, each with its deadline on 31 March of the next year. */
const CAMPAIGN_YEARS = [2019, 2020, 2021, 2022, 2023, 2024];
const deadlineOf = (year: number) => `${year + 1}-03-31`;

let t: TestApp;
let allianceId = '';
let staff = '';
let rep = '';
let repOrganisationId = '';

beforeAll(async () => {
  t = await buildTestApp();
  allianceId = (await demoAlliance(t)).id;
  const represented = await demoOrganisationWithPledges(t, 1);
  repOrganisationId = represented.organisationId;
  [staff, rep] = await Promise.all([signIn(t, SECRETARIAT), signIn(t, represented.email)]);
}, 60_000);
afterAll(() => t.close());

interface Totals {
  totalCount: number;
  totalTonnes: string;
}
const TOTALS = `query($f: ProgressReportFilter) { alliance(slug: "${SLUG}") { progressReports(first: 1, filter: $f) {
  totalCount totalTonnes } } }`;
const totals = async (filter: Record<string, unknown>, cookie = '') =>
  (await ok<{ alliance: { progressReports: Totals } }>(t, TOTALS, { f: filter }, cookie)).alliance.progressReports;

describe('[REPORTING] the reports behind every figure', () => {
  it('explains the achieved tonnes of every year, and of every polymer, to the kilogram', async () => {
    const { progress } = (
      await ok<{
        alliance: {
          progress: {
            year: number;
            achievedTonnes: string;
            byYear: { year: number; achievedTonnes: string; reportCount: number }[];
            breakdown: { key: string; achievedTonnes: string }[];
          };
        };
      }>(
        t,
        `{ alliance(slug: "${SLUG}") { progress { year achievedTonnes byYear { year achievedTonnes reportCount }
          breakdown(by: POLYMER) { key achievedTonnes } } } }`,
      )
    ).alliance;
    expect(progress.byYear.length).toBeGreaterThanOrEqual(6);
    const byYear = await ok<Record<string, { progressReports: Totals }>>(
      t,
      `{ ${progress.byYear
        .map(
          (y) => `y${y.year}: alliance(slug: "${SLUG}") { progressReports(first: 0, filter: { year: ${y.year},
            kind: UPTAKE, status: VALIDATED }) { totalCount totalTonnes } }`,
        )
        .join('\n')} }`,
    );
    for (const y of progress.byYear) {
      expect(byYear[`y${y.year}`]?.progressReports).toEqual({
        totalCount: y.reportCount,
        totalTonnes: y.achievedTonnes,
      });
    }
    expect(byYear[`y${progress.year}`]?.progressReports.totalTonnes).toBe(progress.achievedTonnes);

    const byPolymer = await ok<Record<string, { progressReports: Totals }>>(
      t,
      `{ ${POLYMERS.map(
        (p) => `${p}: alliance(slug: "${SLUG}") { progressReports(first: 0, filter: { year: ${progress.year},
          polymer: ${p}, kind: UPTAKE, status: VALIDATED }) { totalCount totalTonnes } }`,
      ).join('\n')} }`,
    );
    expect(progress.breakdown.length).toBeGreaterThan(3);
    for (const row of progress.breakdown) {
      expect(byPolymer[row.key]?.progressReports.totalTonnes, row.key).toBe(row.achievedTonnes);
    }
  });

  it('pages through every report of the figure: the pages add up to the total', async () => {
    const query = `query($after: String) { alliance(slug: "${SLUG}") { progressReports(first: 25, after: $after,
      filter: { year: 2024, kind: UPTAKE }) { totalCount totalTonnes pageInfo { hasNextPage endCursor }
      nodes { year status tonnesAchieved } } } }`;
    type Page = Totals & {
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: { year: number; status: string; tonnesAchieved: string }[];
    };
    const nodes: Page['nodes'] = [];
    let after: string | null = null;
    let page: Page;
    do {
      page = (await ok<{ alliance: { progressReports: Page } }>(t, query, { after })).alliance.progressReports;
      nodes.push(...page.nodes);
      after = page.pageInfo.endCursor;
    } while (page.pageInfo.hasNextPage);
    expect(nodes.length).toBe(page.totalCount);
    expect(nodes.length).toBeGreaterThan(25);
    // The public sees validated reports only, largest first.
    expect(new Set(nodes.map((n) => `${n.year} ${n.status}`))).toEqual(new Set(['2024 VALIDATED']));
    const kg = nodes.map((n) => tonnesToKg(n.tonnesAchieved));
    expect(kg.every((v, i) => i === 0 || v <= (kg[i - 1] ?? 0n))).toBe(true);
    expect(kg.reduce((s, v) => s + v, 0n)).toBe(tonnesToKg(page.totalTonnes));
  });

  it('shows reports waiting for validation to the secretariat and to the organisation itself only', async () => {
    expect(await codeOf(t, TOTALS, { f: { status: 'SUBMITTED' } })).toBe('FORBIDDEN');
    expect(await codeOf(t, TOTALS, { f: { status: 'QUERIED' } }, rep)).toBe('FORBIDDEN');
    expect(await codeOf(t, TOTALS, { f: { status: 'VALIDATED' } })).toBe('OK');
    expect(await codeOf(t, TOTALS, { f: { status: 'SUBMITTED', organisationId: repOrganisationId } }, rep)).toBe('OK');
    const submitted = await totals({ year: 2024, status: 'SUBMITTED' }, staff);
    expect(submitted.totalCount).toBeGreaterThan(0);
    const everything = await totals({ year: 2024 }, staff);
    const validated = await totals({ year: 2024 });
    const queried = await totals({ year: 2024, status: 'QUERIED' }, staff);
    expect(everything.totalCount).toBe(validated.totalCount + submitted.totalCount + queried.totalCount);
  });

  it('adds the submitted reports to the achieved figure, and only those', async () => {
    const { progress } = (
      await ok<{
        alliance: { progress: { year: number; achievedTonnes: string; achievedIncludingSubmittedTonnes: string } };
      }>(
        t,
        `{ alliance(slug: "${SLUG}") { progress { year achievedTonnes achievedIncludingSubmittedTonnes } } }`,
        {},
        staff,
      )
    ).alliance;
    const submitted = await totals({ year: progress.year, kind: 'UPTAKE', status: 'SUBMITTED' }, staff);
    expect(tonnesToKg(submitted.totalTonnes)).toBeGreaterThan(0n);
    expect(tonnesToKg(progress.achievedIncludingSubmittedTonnes)).toBe(
      tonnesToKg(progress.achievedTonnes) + tonnesToKg(submitted.totalTonnes),
    );
  });

  it('queues submitted reports for the secretariat, oldest first', async () => {
    const QUEUE = `query($after: String) { alliance(slug: "${SLUG}") { reportValidationQueue(first: 20, after: $after) {
      totalCount pageInfo { endCursor } nodes { status submittedAt } } } }`;
    type Queue = Totals & { pageInfo: { endCursor: string }; nodes: { status: string; submittedAt: string }[] };
    const first = (await ok<{ alliance: { reportValidationQueue: Queue } }>(t, QUEUE, {}, staff)).alliance
      .reportValidationQueue;
    const next = (
      await ok<{ alliance: { reportValidationQueue: Queue } }>(t, QUEUE, { after: first.pageInfo.endCursor }, staff)
    ).alliance.reportValidationQueue;
    const times = [...first.nodes, ...next.nodes].map((n) => Date.parse(n.submittedAt));
    expect(times.every((v, i) => i === 0 || v >= (times[i - 1] ?? 0))).toBe(true);
    expect(new Set([...first.nodes, ...next.nodes].map((n) => n.status))).toEqual(new Set(['SUBMITTED']));
    expect(first.totalCount).toBe((await totals({ status: 'SUBMITTED' }, staff)).totalCount);
    expect(await codeOf(t, QUEUE, {})).toBe('UNAUTHENTICATED');
    expect(await codeOf(t, QUEUE, {}, rep)).toBe('FORBIDDEN');
  });

  it.each([
    ['a cursor this API did not issue', 'after', { after: 'bm90LWEtY3Vyc29y' }],
    ['an organisation id that is not one', 'filter.organisationId', { f: { organisationId: 'acme' } }],
    ['a page too large', 'first', { first: 251 }],
  ])('refuses %s as BAD_USER_INPUT naming %s', async (_label, field, variables) => {
    const res = await t.graphql(
      `query($f: ProgressReportFilter, $after: String, $first: Int) { alliance(slug: "${SLUG}") {
        progressReports(first: $first, after: $after, filter: $f) { totalCount } } }`,
      variables,
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});

/** A tiny deterministic generator, so that a failing history can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

interface History {
  pledges: { decidedAt: string; reportedYears: number[]; status: 'accepted' | 'withdrawn' }[];
}

/** What the rule says of a constructed history: the pure function, fed campaign by campaign. */
function expectedStatus(history: History, today: string) {
  const outcomes: CampaignOutcome[] = CAMPAIGN_YEARS.map((year) => {
    const counted = history.pledges.filter(
      (p) => p.status === 'accepted' && Date.parse(p.decidedAt) < Date.parse(`${deadlineOf(year)}T00:00:00Z`),
    );
    return {
      deadline: deadlineOf(year),
      isExpected: counted.length > 0,
      hasReported: counted.every((p) => p.reportedYears.includes(year)),
    };
  });
  return deriveReportingStatus(outcomes, today);
}

async function seedHistory(name: string, history: History): Promise<Seeded> {
  const seeded = await seedOrganisation(t, {
    name,
    isSigned: true,
    pledges: history.pledges.map((p) => ({ decidedAt: p.decidedAt, status: p.status })),
  });
  for (const [i, p] of history.pledges.entries()) {
    for (const year of p.reportedYears) {
      await seedReport(t, { pledgeId: seeded.pledgeIds[i] ?? '', year, status: year % 2 ? 'submitted' : 'validated' });
    }
  }
  return seeded;
}

describe('[REPORTING] reporting status', () => {
  const named: [string, History, string, string][] = [
    // name, history, status today (every demo campaign closed), status on 2025-03-20 (the 2024 campaign open)
    [
      'Fresh Pledger',
      { pledges: [{ decidedAt: '2025-05-01T09:00:00Z', reportedYears: [], status: 'accepted' }] },
      'NEW',
      'NEW',
    ],
    [
      'Reported Last',
      { pledges: [{ decidedAt: '2023-01-01T09:00:00Z', reportedYears: [2024], status: 'accepted' }] },
      'ACTIVE',
      'INACTIVE',
    ],
    [
      'Missed Last',
      { pledges: [{ decidedAt: '2023-01-01T09:00:00Z', reportedYears: [2022, 2023], status: 'accepted' }] },
      'NOT_REPORTING',
      'ACTIVE',
    ],
    [
      'Missed Two',
      { pledges: [{ decidedAt: '2023-01-01T09:00:00Z', reportedYears: [2022], status: 'accepted' }] },
      'INACTIVE',
      'NOT_REPORTING',
    ],
    [
      'Missed Only',
      { pledges: [{ decidedAt: '2024-06-01T09:00:00Z', reportedYears: [], status: 'accepted' }] },
      'NOT_REPORTING',
      'NEW',
    ],
    [
      'Half Reported',
      {
        pledges: [
          { decidedAt: '2022-01-01T09:00:00Z', reportedYears: [2022, 2023, 2024], status: 'accepted' },
          { decidedAt: '2022-01-01T09:00:00Z', reportedYears: [2022, 2023], status: 'accepted' },
        ],
      },
      'NOT_REPORTING',
      'ACTIVE',
    ],
    [
      'Accepted On Deadline Day',
      {
        pledges: [
          { decidedAt: '2020-01-01T09:00:00Z', reportedYears: [2023, 2024], status: 'accepted' },
          // Accepted on the 2024 campaign's deadline day: first expected by the next campaign.
          { decidedAt: '2025-03-31T10:00:00Z', reportedYears: [], status: 'accepted' },
        ],
      },
      'ACTIVE',
      'ACTIVE',
    ],
    [
      'Accepted The Day Before',
      { pledges: [{ decidedAt: '2025-03-30T23:59:59Z', reportedYears: [], status: 'accepted' }] },
      'NOT_REPORTING',
      'NEW',
    ],
    [
      'Withdrew Its Pledge',
      { pledges: [{ decidedAt: '2020-01-01T09:00:00Z', reportedYears: [], status: 'withdrawn' }] },
      'NEW',
      'NEW',
    ],
  ];
  const seeded = new Map<string, Seeded>();

  beforeAll(async () => {
    for (const [name, history] of named) seeded.set(name, await seedHistory(name, history));
  }, 60_000);

  it.each(named.map(([name, , now, then]) => [name, now, then]))(
    '%s is %s now, and was %s while the 2024 campaign was open',
    async (name, now, then) => {
      const org = seeded.get(name);
      if (!org) throw new Error(name);
      const register = await ok<{
        alliance: { signatories: { nodes: { reportingStatus: string }[] } };
      }>(
        t,
        `query($s: String) { alliance(slug: "${SLUG}") { signatories(first: 5, filter: { search: $s }) {
          nodes { reportingStatus } } } }`,
        { s: org.legalName },
      );
      expect(register.alliance.signatories.nodes.map((n) => n.reportingStatus)).toEqual([now]);
      const [past] = await loadReportingStatuses(
        t.database.db,
        [{ organisationId: org.organisationId, allianceId }],
        '2025-03-20',
      );
      expect(past?.toUpperCase()).toBe(then);
      const history = named.find(([n]) => n === name)?.[1];
      if (!history) throw new Error(name);
      expect(expectedStatus(history, utcDate(new Date())).toUpperCase()).toBe(now);
      expect(expectedStatus(history, '2025-03-20').toUpperCase()).toBe(then);
    },
  );

  it('agrees with the rule written as a pure function, on random histories and any day', async () => {
    const next = random(20_250_331);
    const decisions = ['2019-06-01', '2021-02-01', '2022-03-31', '2023-01-01', '2024-06-01', '2025-05-01'];
    const histories: History[] = Array.from({ length: 14 }, () => ({
      pledges: Array.from({ length: 1 + Math.floor(next() * 2) }, () => ({
        decidedAt: `${decisions[Math.floor(next() * decisions.length)]}T12:00:00Z`,
        reportedYears: CAMPAIGN_YEARS.filter(() => next() < 0.6),
        status: next() < 0.9 ? ('accepted' as const) : ('withdrawn' as const),
      })),
    }));
    const organisations: string[] = [];
    for (const [i, history] of histories.entries()) {
      organisations.push((await seedHistory(`Random History ${i}`, history)).organisationId);
    }
    for (const today of ['2020-03-31', '2020-04-01', '2023-04-15', '2025-03-20', '2025-04-01', utcDate(new Date())]) {
      const statuses = await loadReportingStatuses(
        t.database.db,
        organisations.map((organisationId) => ({ organisationId, allianceId })),
        today,
      );
      expect(statuses, today).toEqual(histories.map((h) => expectedStatus(h, today)));
    }
  });

  it('costs the same statements for a register page of 10 and of 200', async () => {
    const query = `query($first: Int) { alliance(slug: "${SLUG}") { signatories(first: $first) {
      nodes { reportingStatus organisation { id } } } } }`;
    t.resetQueryCount();
    const small = await ok<{ alliance: { signatories: { nodes: { reportingStatus: string }[] } } }>(t, query, {
      first: 10,
    });
    const forTen = t.queryCount();
    t.resetQueryCount();
    const large = await ok<{ alliance: { signatories: { nodes: { reportingStatus: string }[] } } }>(t, query, {
      first: 200,
    });
    const forTwoHundred = t.queryCount();
    expect(small.alliance.signatories.nodes).toHaveLength(10);
    expect(large.alliance.signatories.nodes).toHaveLength(200);
    // alliance, page, reporting statuses: one statement each.
    expect(forTen).toBe(3);
    expect(forTwoHundred).toBe(forTen);
    // The demo has organisations in every tier.
    const tiers = new Set(large.alliance.signatories.nodes.map((n) => n.reportingStatus));
    expect(tiers.has('ACTIVE')).toBe(true);
  });

  it('is public, and the same for everyone', async () => {
    const org = seeded.get('Missed Two');
    const query = `query($s: String) { alliance(slug: "${SLUG}") { signatories(first: 1, filter: { search: $s }) {
      nodes { reportingStatus } } } }`;
    for (const cookie of ['', rep, staff]) {
      const data = await ok<{ alliance: { signatories: { nodes: { reportingStatus: string }[] } } }>(
        t,
        query,
        { s: org?.legalName },
        cookie,
      );
      expect(data.alliance.signatories.nodes[0]?.reportingStatus).toBe('INACTIVE');
    }
    const pledges = await t.database.db
      .select({ id: schema.pledge.id })
      .from(schema.pledge)
      .where(
        and(
          eq(schema.pledge.allianceId, allianceId),
          inArray(schema.pledge.organisationId, [org?.organisationId ?? '']),
        ),
      );
    expect(pledges).toHaveLength(1);
  });
});
