/**
 * Issue 9, defects 3 and 4: every breakdown shows the headline's measure (the target's flow), supply and uptake
 * side by side, so that the rows add up to the headline; and the headline year is the latest year whose campaign
 * has closed, so that a first report of a new year neither collapses the headline nor bends the trajectory.
 */
import { schema } from '@concord/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kgToTonnes, tonnesToKg } from '../src/modules/progress/decimal.ts';
import { addDays, utcDate } from '../src/modules/reporting/reporting-dates.ts';
import type { TestApp } from './helper.ts';
import { buildTestApp } from './helper.ts';
import { signIn } from './journey.ts';
import { demoAlliance, ok, SECRETARIAT, SLUG, seedOrganisation, seedReport } from './reporting-fixtures.ts';

const DIMENSIONS = ['KIND', 'POLYMER', 'SECTOR', 'WORKING_GROUP', 'COUNTRY', 'ORGANISATION_KIND'] as const;

interface Row {
  key: string;
  supplyTonnes: string;
  uptakeTonnes: string;
  achievedTonnes: string;
  achievedSupplyTonnes: string;
  achievedUptakeTonnes: string;
}
interface Figures {
  year: number | null;
  achievedTonnes: string;
  share: string;
  byYear: { year: number; achievedTonnes: string }[];
  inProgressYear: number | null;
  inProgress: { year: number; achievedTonnes: string; reportCount: number } | null;
  trajectory: { basedOnYears: number; lastYear: number; projectedTonnes: string } | null;
  achievedIncludingSubmittedTonnes: string | null;
  [dimension: string]: unknown;
}

const QUERY = `{ alliance(slug: "${SLUG}") { subTargets { progress { year } } progress {
  year achievedTonnes share byYear { year achievedTonnes } inProgressYear inProgress { year achievedTonnes reportCount }
  trajectory { basedOnYears lastYear projectedTonnes } achievedIncludingSubmittedTonnes
  ${DIMENSIONS.map((d) => `${d}: breakdown(by: ${d}) { key supplyTonnes uptakeTonnes achievedTonnes achievedSupplyTonnes achievedUptakeTonnes }`).join('\n')}
} } }`;

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
}, 60_000);
afterAll(() => t.close());

async function figures(cookie = ''): Promise<{ progress: Figures; subTargetYears: (number | null)[] }> {
  const data = await ok<{ alliance: { progress: Figures; subTargets: { progress: { year: number | null } }[] } }>(
    t,
    QUERY,
    {},
    cookie,
  );
  return { progress: data.alliance.progress, subTargetYears: data.alliance.subTargets.map((s) => s.progress.year) };
}

const sum = (values: string[]) => kgToTonnes(values.reduce((a, v) => a + tonnesToKg(v), 0n));

describe('[PROGRESS] breakdowns measure what the headline measures', () => {
  it('adds up, in every dimension, to the headline, and shows supply and uptake side by side', async () => {
    const { progress } = await figures();
    const kinds = progress.KIND as Row[];
    const achievedOf = (kind: string) => kinds.find((r) => r.key === kind)?.achievedTonnes ?? '0.000';
    // The demo's target counts uptake: the SUPPLY row achieves nothing of the headline's measure.
    expect(achievedOf('UPTAKE')).toBe(progress.achievedTonnes);
    expect(achievedOf('SUPPLY')).toBe('0.000');
    const supplyAchieved = kinds.find((r) => r.key === 'SUPPLY')?.achievedSupplyTonnes ?? '0.000';
    expect(tonnesToKg(supplyAchieved)).toBeGreaterThan(0n);
    for (const dimension of DIMENSIONS) {
      const rows = progress[dimension] as Row[];
      expect(sum(rows.map((r) => r.achievedTonnes)), dimension).toBe(progress.achievedTonnes);
      expect(sum(rows.map((r) => r.achievedUptakeTonnes)), dimension).toBe(progress.achievedTonnes);
      expect(sum(rows.map((r) => r.achievedSupplyTonnes)), dimension).toBe(supplyAchieved);
      for (const row of rows) expect(row.achievedTonnes).toBe(row.achievedUptakeTonnes);
    }
    // No group achieves more than the whole alliance (the Packaging group once showed 5.75 Mt of 5.49 Mt).
    for (const row of progress.SECTOR as Row[]) {
      expect(tonnesToKg(row.achievedTonnes)).toBeLessThanOrEqual(tonnesToKg(progress.achievedTonnes));
    }
  });
});

describe('[PROGRESS] the headline year is the latest year whose campaign has closed', () => {
  let before: Figures;
  let campaignId = '';

  it('stays on the last closed year when the first report of a new year is validated', async () => {
    before = (await figures()).progress;
    expect(before.year).toBe(2024);
    expect(before.inProgressYear).toBeNull();
    const today = utcDate(new Date());
    const [campaign] = await t.database.db
      .insert(schema.reportingCampaign)
      .values({ allianceId: (await demoAlliance(t)).id, year: 2025, opensOn: today, deadline: addDays(today, 30) })
      .returning();
    campaignId = campaign?.id ?? '';
    const early = await seedOrganisation(t, { name: 'Early Reporter', pledges: [{ kind: 'uptake' }] });
    await seedReport(t, { pledgeId: early.pledgeIds[0] ?? '', year: 2025, tonnes: '1234.500' });

    const { progress, subTargetYears } = await figures();
    expect(progress.year).toBe(2024);
    expect(progress.achievedTonnes).toBe(before.achievedTonnes);
    expect(progress.share).toBe(before.share);
    expect(progress.byYear).toEqual(before.byYear);
    expect(progress.trajectory).toEqual(before.trajectory);
    expect(progress.inProgressYear).toBe(2025);
    expect(progress.inProgress).toEqual({ year: 2025, achievedTonnes: '1234.500', reportCount: 1 });
    expect(new Set(subTargetYears)).toEqual(new Set([2024]));
    // The breakdowns stay on the headline year too.
    expect(sum((progress.KIND as Row[]).map((r) => r.achievedTonnes))).toBe(before.achievedTonnes);
  });

  it('moves to the new year once its campaign has closed, and draws the trajectory through it', async () => {
    const yesterday = addDays(utcDate(new Date()), -1);
    await t.database.db
      .update(schema.reportingCampaign)
      .set({ opensOn: addDays(yesterday, -30), deadline: yesterday })
      .where(and(eq(schema.reportingCampaign.id, campaignId)));
    const { progress } = await figures();
    expect(progress.year).toBe(2025);
    expect(progress.achievedTonnes).toBe('1234.500');
    expect(progress.inProgressYear).toBeNull();
    expect(progress.byYear.map((y) => y.year)).toEqual([...before.byYear.map((y) => y.year), 2025]);
    expect(progress.trajectory?.lastYear).toBe(2025);
  });
});

describe('[PROGRESS] figures that count unvalidated reports are the secretariat’s', () => {
  it('answers null to the public and the figure to the secretariat', async () => {
    const early = await seedOrganisation(t, { name: 'Pending Reporter', pledges: [{ kind: 'uptake' }] });
    await seedReport(t, { pledgeId: early.pledgeIds[0] ?? '', year: 2025, status: 'submitted', tonnes: '10.000' });
    const publicView = (await figures()).progress;
    expect(publicView.achievedIncludingSubmittedTonnes).toBeNull();
    const staff = (await figures(await signIn(t, SECRETARIAT))).progress;
    expect(staff.achievedIncludingSubmittedTonnes).toBe(sum([staff.achievedTonnes, '10.000']));
  });
});
