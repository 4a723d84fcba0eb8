import { schema } from '@concord/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kgToTonnes, tonnesToKg } from '../src/modules/progress/decimal.ts';
import { buildTestApp, type TestApp } from './helper.ts';

const SLUG = 'circular-plastics';
const DIMENSIONS = ['KIND', 'POLYMER', 'SECTOR', 'WORKING_GROUP', 'COUNTRY', 'ORGANISATION_KIND'] as const;

interface Row {
  key: string;
  supplyTonnes: string;
  uptakeTonnes: string;
  pledgeCount: number;
  achievedTonnes: string;
}
interface Figures {
  pledgedSupplyTonnes: string;
  pledgedUptakeTonnes: string;
  achievedTonnes: string;
  year: number;
  byYear: { year: number; achievedTonnes: string }[];
  trajectory: {
    basedOnYears: number;
    projectedTonnes: string;
    isOnTrack: boolean;
    shortfallTonnes: string;
    predictionIntervalTonnes: string | null;
    confidence: string;
  } | null;
  supplyUptakeGap: { polymer: string; supplyTonnes: string; uptakeTonnes: string; gapTonnes: string }[];
  [dimension: string]: unknown;
}

const QUERY = `{ alliance(slug: "${SLUG}") { counts { acceptedPledges } progress {
  pledgedSupplyTonnes pledgedUptakeTonnes achievedTonnes year byYear { year achievedTonnes }
  trajectory { basedOnYears projectedTonnes isOnTrack shortfallTonnes predictionIntervalTonnes confidence }
  supplyUptakeGap { polymer supplyTonnes uptakeTonnes gapTonnes }
  ${DIMENSIONS.map((d) => `${d}: breakdown(by: ${d}) { key supplyTonnes uptakeTonnes pledgeCount achievedTonnes }`).join('\n')}
} } }`;

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

async function figures(): Promise<{ progress: Figures; accepted: number }> {
  const res = await t.graphql<{ alliance: { counts: { acceptedPledges: number }; progress: Figures } }>(QUERY);
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return { progress: res.data.alliance.progress, accepted: res.data.alliance.counts.acceptedPledges };
}

const sumKg = (values: string[]) => values.reduce((a, v) => a + tonnesToKg(v), 0n);

describe('[PROGRESS] breakdowns, gap and trajectory', () => {
  it('adds up: every breakdown sums to the totals, to the kilogram', async () => {
    const { progress, accepted } = await figures();
    for (const dimension of DIMENSIONS) {
      const rows = progress[dimension] as Row[];
      expect(kgToTonnes(sumKg(rows.map((r) => r.supplyTonnes)))).toBe(progress.pledgedSupplyTonnes);
      expect(kgToTonnes(sumKg(rows.map((r) => r.uptakeTonnes)))).toBe(progress.pledgedUptakeTonnes);
      expect(rows.reduce((a, r) => a + r.pledgeCount, 0)).toBe(accepted);
    }
    // Achieved counts the target's flow (uptake); the KIND breakdown shows it as the UPTAKE row.
    const uptake = (progress.KIND as Row[]).find((r) => r.key === 'UPTAKE');
    expect(uptake?.achievedTonnes).toBe(progress.achievedTonnes);
  });

  it('shows where supply exceeds uptake, polymer by polymer', async () => {
    const { progress } = await figures();
    const polymers = progress.POLYMER as Row[];
    for (const gap of progress.supplyUptakeGap) {
      const row = polymers.find((r) => r.key === gap.polymer);
      expect(gap.supplyTonnes).toBe(row?.supplyTonnes);
      expect(tonnesToKg(gap.gapTonnes)).toBe(tonnesToKg(gap.supplyTonnes) - tonnesToKg(gap.uptakeTonnes));
    }
    const gaps = progress.supplyUptakeGap.map((g) => tonnesToKg(g.gapTonnes));
    expect([...gaps].sort((a, b) => (b > a ? 1 : b < a ? -1 : 0))).toEqual(gaps);
    // The demo, like the real campaign, pledges more supply than uptake in total.
    expect(gaps.reduce((a, b) => a + b, 0n)).toBeGreaterThan(0n);
  });

  it('draws the trajectory from every reported year and says how sure it is', async () => {
    const { progress } = await figures();
    expect(progress.trajectory?.basedOnYears).toBe(progress.byYear.length);
    expect(progress.trajectory?.isOnTrack).toBe(false);
    expect(tonnesToKg(progress.trajectory?.shortfallTonnes ?? '0')).toBeGreaterThan(0n);
    expect(progress.trajectory?.predictionIntervalTonnes).not.toBeNull();
    expect(['LOW', 'MEDIUM', 'HIGH']).toContain(progress.trajectory?.confidence);
  });

  it('drops a withdrawn pledge from every total', async () => {
    const before = await figures();
    const [victim] = await t.database.db
      .select()
      .from(schema.pledge)
      .where(eq(schema.pledge.status, 'accepted'))
      .limit(1);
    if (!victim) throw new Error('no accepted pledge');
    await t.database.db
      .update(schema.pledge)
      .set({ status: 'withdrawn', withdrawnAt: new Date(), withdrawalReason: 'test' })
      .where(eq(schema.pledge.id, victim.id));
    const after = await figures();
    const field = victim.kind === 'supply' ? 'pledgedSupplyTonnes' : 'pledgedUptakeTonnes';
    expect(tonnesToKg(before.progress[field] as string) - tonnesToKg(after.progress[field] as string)).toBe(
      tonnesToKg(victim.tonnesPerYear),
    );
    expect(after.accepted).toBe(before.accepted - 1);
    for (const dimension of DIMENSIONS) {
      expect((after.progress[dimension] as Row[]).reduce((a, r) => a + r.pledgeCount, 0)).toBe(after.accepted);
    }
  });

  it('costs the same few statements whatever the breakdowns hold', async () => {
    t.resetQueryCount();
    await figures();
    // alliance, counts, pledged, by year, gap, six breakdowns
    expect(t.queryCount()).toBe(11);
  });
});

describe('[PROGRESS] sub-targets', () => {
  it('measures each sub-target against its own pledges and validated reports, exactly', async () => {
    const res = await t.graphql<{
      alliance: {
        subTargets: {
          polymer: string | null;
          sector: string | null;
          tonnes: string;
          progress: { year: number | null; pledgedTonnes: string; achievedTonnes: string; share: string };
        }[];
        progress: Figures;
      };
    }>(`{ alliance(slug: "${SLUG}") { subTargets { polymer sector tonnes progress { year pledgedTonnes achievedTonnes share } }
      progress { year POLYMER: breakdown(by: POLYMER) { key uptakeTonnes } SECTOR: breakdown(by: SECTOR) { key uptakeTonnes } } } }`);
    expect(res.errors).toBeUndefined();
    const { subTargets, progress } = res.data?.alliance ?? { subTargets: [], progress: {} as Figures };
    expect(subTargets.length).toBeGreaterThan(0);
    for (const sub of subTargets) {
      // The target's flow is uptake: a sub-target's pledged figure is the uptake of its polymer or sector.
      const rows = (sub.polymer ? progress.POLYMER : progress.SECTOR) as Row[];
      const key = sub.polymer ?? sub.sector;
      if (!(sub.polymer && sub.sector))
        expect(sub.progress.pledgedTonnes).toBe(rows.find((r) => r.key === key)?.uptakeTonnes ?? '0.000');
      const expectedShare = Number(tonnesToKg(sub.progress.achievedTonnes)) / Number(tonnesToKg(sub.tonnes));
      expect(Math.abs(Number(sub.progress.share) - expectedShare)).toBeLessThan(0.00006);
    }
  });
});
