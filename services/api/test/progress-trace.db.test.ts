import { schema } from '@concord/db';
import { and, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tonnesToKg } from '../src/modules/progress/decimal.ts';
import { buildTestApp, type TestApp } from './helper.ts';
import { ok, SLUG } from './reporting-fixtures.ts';

/**
 * Issue 5: every figure of the progress page can be traced to the reports behind it. Each row of each
 * breakdown, "no working group" and each kind of organisation included, has a report filter whose
 * totalTonnes is the row's achieved figure.
 */

const DIMENSIONS = ['KIND', 'POLYMER', 'SECTOR', 'WORKING_GROUP', 'COUNTRY', 'ORGANISATION_KIND'] as const;
type Dimension = (typeof DIMENSIONS)[number];

interface Row {
  key: string;
  achievedTonnes: string;
  achievedSupplyTonnes: string;
  achievedUptakeTonnes: string;
}

const KINDS = ['SUPPLY', 'UPTAKE'] as const;
/** Everything a row's pledges achieved, supply and uptake: what moves when a pledge of either kind moves. */
const bothKg = (row: Row | undefined) =>
  tonnesToKg(row?.achievedSupplyTonnes ?? '0') + tonnesToKg(row?.achievedUptakeTonnes ?? '0');
interface Totals {
  totalCount: number;
  totalTonnes: string;
}

/** The filter of one breakdown row: the row's key under its dimension's argument. */
function filterOf(dimension: Dimension, key: string): Record<string, unknown> {
  switch (dimension) {
    case 'KIND':
      return { kind: key };
    case 'POLYMER':
      return { polymer: key };
    case 'SECTOR':
      return { sector: key };
    case 'WORKING_GROUP':
      return key === 'NONE' ? { withoutWorkingGroup: true } : { workingGroup: key };
    case 'COUNTRY':
      return { country: key };
    case 'ORGANISATION_KIND':
      return { organisationKind: key };
  }
}

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

async function breakdowns(): Promise<{ year: number; rows: Record<Dimension, Row[]> }> {
  const { progress } = (
    await ok<{ alliance: { progress: { year: number } & Record<Dimension, Row[]> } }>(
      t,
      `{ alliance(slug: "${SLUG}") { progress { year
        ${DIMENSIONS.map((d) => `${d}: breakdown(by: ${d}) { key achievedTonnes achievedSupplyTonnes achievedUptakeTonnes }`).join('\n')} } } }`,
    )
  ).alliance;
  return { year: progress.year, rows: progress };
}

/** The totals of several filters, one aliased connection each, in requests under the API's cap on aliases. */
async function totalsOf(filters: Record<string, unknown>[]): Promise<Totals[]> {
  const totals: Totals[] = [];
  for (let i = 0; i < filters.length; i += 25) totals.push(...(await totalsOfBatch(filters.slice(i, i + 25))));
  return totals;
}

async function totalsOfBatch(filters: Record<string, unknown>[]): Promise<Totals[]> {
  const variables = Object.fromEntries(filters.map((f, i) => [`f${i}`, f]));
  const data = await ok<Record<string, { progressReports: Totals }>>(
    t,
    `query(${filters.map((_, i) => `$f${i}: ProgressReportFilter`).join(', ')}) {
      ${filters
        .map(
          (_, i) => `r${i}: alliance(slug: "${SLUG}") { progressReports(first: 0, filter: $f${i}) {
            totalCount totalTonnes } }`,
        )
        .join('\n')} }`,
    variables,
  );
  return filters.map((_, i) => {
    const totals = data[`r${i}`]?.progressReports;
    if (!totals) throw new Error(`no totals for filter ${i}`);
    return totals;
  });
}

async function expectEveryRowTraced() {
  const { year, rows } = await breakdowns();
  for (const dimension of DIMENSIONS) {
    const dimensionRows = rows[dimension];
    // Supply and uptake side by side, each traced to the reports of its kind; a KIND row has only its own.
    const cells = dimensionRows.flatMap((row) =>
      KINDS.filter((kind) => dimension !== 'KIND' || row.key === kind).map((kind) => ({ row, kind })),
    );
    const totals = await totalsOf(
      cells.map(({ row, kind }) => ({ year, status: 'VALIDATED', kind, ...filterOf(dimension, row.key) })),
    );
    cells.forEach(({ row, kind }, i) => {
      const figure = kind === 'SUPPLY' ? row.achievedSupplyTonnes : row.achievedUptakeTonnes;
      expect(totals[i]?.totalTonnes, `${dimension} ${row.key} ${kind}`).toBe(figure);
    });
  }
  return { year, rows };
}

describe('[PROGRESS] the reports behind every breakdown row', () => {
  it('lists, for every row of every dimension, reports adding up to its achieved figure', async () => {
    const { rows } = await expectEveryRowTraced();
    // Not vacuous: the demo has achievements in several rows of each dimension, pledges in no group among them.
    for (const dimension of DIMENSIONS) {
      const achieving = rows[dimension].filter((r) => bothKg(r) > 0n);
      expect(achieving.length, dimension).toBeGreaterThanOrEqual(2);
    }
    const none = rows.WORKING_GROUP.find((r) => r.key === 'NONE');
    expect(tonnesToKg(none?.achievedTonnes ?? '0')).toBeGreaterThan(0n);
  });

  it('keeps them equal when an organisation changes kind and a pledge leaves its working group', async () => {
    const db = t.database.db;
    const { year } = await breakdowns();
    // A pledge in a group with a validated report of the year: it moves to no group, its organisation to
    // another kind, and both figures move with it.
    const [moved] = await db
      .select({ pledgeId: schema.pledge.id, organisationId: schema.pledge.organisationId })
      .from(schema.pledge)
      .innerJoin(schema.progressReport, eq(schema.progressReport.pledgeId, schema.pledge.id))
      .where(
        and(
          eq(schema.pledge.status, 'accepted'),
          isNotNull(schema.pledge.workingGroupId),
          eq(schema.progressReport.year, year),
          eq(schema.progressReport.status, 'validated'),
        ),
      )
      .limit(1);
    if (!moved) throw new Error('no pledge with a validated report in a working group');
    const [organisation] = await db
      .select({ kind: schema.organisation.kind })
      .from(schema.organisation)
      .where(eq(schema.organisation.id, moved.organisationId));
    const before = (await breakdowns()).rows;
    await db.update(schema.pledge).set({ workingGroupId: null }).where(eq(schema.pledge.id, moved.pledgeId));
    await db
      .update(schema.organisation)
      .set({ kind: organisation?.kind === 'ngo' ? 'trade_union' : 'ngo' })
      .where(eq(schema.organisation.id, moved.organisationId));
    const { rows: after } = await expectEveryRowTraced();
    const noneBefore = bothKg(before.WORKING_GROUP.find((r) => r.key === 'NONE'));
    const noneAfter = bothKg(after.WORKING_GROUP.find((r) => r.key === 'NONE'));
    expect(noneAfter).toBeGreaterThan(noneBefore);
  });

  it('splits a year between pledges in no working group and pledges in one', async () => {
    const { year, rows } = await breakdowns();
    const [all, without, within] = await totalsOf([
      { year },
      { year, withoutWorkingGroup: true },
      { year, withoutWorkingGroup: false },
    ]);
    expect(without?.totalCount).toBeGreaterThan(0);
    expect(within?.totalCount).toBeGreaterThan(0);
    expect((without?.totalCount ?? 0) + (within?.totalCount ?? 0)).toBe(all?.totalCount);
    expect(tonnesToKg(without?.totalTonnes ?? '0') + tonnesToKg(within?.totalTonnes ?? '0')).toBe(
      tonnesToKg(all?.totalTonnes ?? 'x'),
    );
    // A group's slug with "in some group" is the group alone: consistent, not contradictory.
    const group = rows.WORKING_GROUP.find((r) => r.key !== 'NONE');
    if (!group) throw new Error('no working group row');
    const [alone, inSome] = await totalsOf([
      { year, workingGroup: group.key },
      { year, workingGroup: group.key, withoutWorkingGroup: false },
    ]);
    expect(inSome).toEqual(alone);
  });

  it('refuses "in no working group" together with a group as BAD_USER_INPUT naming the argument', async () => {
    const res = await t.graphql(
      `query($f: ProgressReportFilter) { alliance(slug: "${SLUG}") { progressReports(first: 1, filter: $f) {
        totalCount } } }`,
      { f: { workingGroup: 'packaging', withoutWorkingGroup: true } },
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filter.withoutWorkingGroup',
    });
  });
});
