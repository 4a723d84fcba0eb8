import { type Database, schema } from '@concord/db';
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import { kgToTonnes, tonnesToKg } from './decimal.ts';

const { organisation, pledge, progressReport, workingGroup } = schema;

export interface YearFigures {
  year: number;
  achievedTonnes: string;
  share: string;
  reportCount: number;
}

export interface ProgressFigures {
  allianceId: string;
  targetTonnes: string;
  targetYear: number;
  pledgedSupplyTonnes: string;
  pledgedUptakeTonnes: string;
  year: number | null;
  achievedTonnes: string;
  share: string;
  byYear: YearFigures[];
}

/**
 * Progress toward the target, all of it summed and divided in SQL on exact numerics (two statements,
 * whatever the number of pledges). Achieved tonnes count validated reports of accepted pledges of the
 * target's flow; a withdrawn pledge leaves every total.
 */
export async function computeProgress(db: Database, target: schema.Alliance): Promise<ProgressFigures> {
  const [pledged] = await db
    .select({
      supply: sql<string>`coalesce(sum(${pledge.tonnesPerYear}) filter (where ${pledge.kind} = 'supply'), 0)::numeric(14,3)::text`,
      uptake: sql<string>`coalesce(sum(${pledge.tonnesPerYear}) filter (where ${pledge.kind} = 'uptake'), 0)::numeric(14,3)::text`,
    })
    .from(pledge)
    .where(and(eq(pledge.allianceId, target.id), eq(pledge.status, 'accepted')));

  const byYear = await db
    .select({
      year: progressReport.year,
      achievedTonnes: sql<string>`sum(${progressReport.tonnesAchieved})::numeric(14,3)::text`,
      share: sql<string>`round(sum(${progressReport.tonnesAchieved}) / ${target.targetTonnes}::numeric, 4)::text`,
      reportCount: sql<number>`count(*)::int`,
    })
    .from(progressReport)
    .innerJoin(pledge, eq(pledge.id, progressReport.pledgeId))
    .where(
      and(
        eq(pledge.allianceId, target.id),
        eq(pledge.status, 'accepted'),
        eq(pledge.kind, target.targetFlow),
        eq(progressReport.status, 'validated'),
      ),
    )
    .groupBy(progressReport.year)
    .orderBy(asc(progressReport.year));

  const latest = byYear.at(-1);
  return {
    allianceId: target.id,
    targetTonnes: target.targetTonnes,
    targetYear: target.targetYear,
    pledgedSupplyTonnes: pledged?.supply ?? '0.000',
    pledgedUptakeTonnes: pledged?.uptake ?? '0.000',
    year: latest?.year ?? null,
    achievedTonnes: latest?.achievedTonnes ?? '0.000',
    share: latest?.share ?? '0.0000',
    byYear,
  };
}

export type BreakdownDimension = 'kind' | 'polymer' | 'sector' | 'working_group' | 'country' | 'organisation_kind';

export interface BreakdownRow {
  key: string;
  supplyTonnes: string;
  uptakeTonnes: string;
  pledgeCount: number;
  achievedTonnes: string;
}

const dimensionKey: Record<BreakdownDimension, SQL<string>> = {
  kind: sql<string>`upper(${pledge.kind}::text)`,
  polymer: sql<string>`${pledge.polymer}::text`,
  sector: sql<string>`upper(${pledge.sector}::text)`,
  working_group: sql<string>`coalesce(${workingGroup.slug}, 'NONE')`,
  country: sql<string>`${organisation.country}`,
  organisation_kind: sql<string>`upper(${organisation.kind}::text)`,
};

/** Accepted pledges grouped by one dimension, with what their validated reports achieved in `year`. One statement. */
export async function computeBreakdown(
  db: Database,
  allianceId: string,
  by: BreakdownDimension,
  year: number | null,
): Promise<BreakdownRow[]> {
  const key = dimensionKey[by];
  return (
    db
      .select({
        key,
        supplyTonnes: sql<string>`coalesce(sum(${pledge.tonnesPerYear}) filter (where ${pledge.kind} = 'supply'), 0)::numeric(14,3)::text`,
        uptakeTonnes: sql<string>`coalesce(sum(${pledge.tonnesPerYear}) filter (where ${pledge.kind} = 'uptake'), 0)::numeric(14,3)::text`,
        pledgeCount: sql<number>`count(*)::int`,
        achievedTonnes: sql<string>`coalesce(sum(${progressReport.tonnesAchieved}), 0)::numeric(14,3)::text`,
      })
      .from(pledge)
      .innerJoin(organisation, eq(organisation.id, pledge.organisationId))
      .leftJoin(workingGroup, eq(workingGroup.id, pledge.workingGroupId))
      // One report per pledge and year, so the join adds no rows.
      .leftJoin(
        progressReport,
        and(
          eq(progressReport.pledgeId, pledge.id),
          eq(progressReport.year, year ?? -1),
          eq(progressReport.status, 'validated'),
        ),
      )
      .where(and(eq(pledge.allianceId, allianceId), eq(pledge.status, 'accepted')))
      .groupBy(key)
      .orderBy(key)
  );
}

export interface PolymerGap {
  polymer: schema.Polymer;
  supplyTonnes: string;
  uptakeTonnes: string;
  gapTonnes: string;
}

/** Supply against uptake by polymer, largest surplus of supply first. */
export async function computeSupplyUptakeGap(db: Database, allianceId: string): Promise<PolymerGap[]> {
  const rows = await computeBreakdown(db, allianceId, 'polymer', null);
  return rows
    .map((r) => ({
      polymer: r.key as schema.Polymer,
      supplyTonnes: r.supplyTonnes,
      uptakeTonnes: r.uptakeTonnes,
      gapTonnes: kgToTonnes(tonnesToKg(r.supplyTonnes) - tonnesToKg(r.uptakeTonnes)),
    }))
    .sort((a, b) => {
      const d = tonnesToKg(b.gapTonnes) - tonnesToKg(a.gapTonnes);
      return d > 0n ? 1 : d < 0n ? -1 : a.polymer.localeCompare(b.polymer);
    });
}
