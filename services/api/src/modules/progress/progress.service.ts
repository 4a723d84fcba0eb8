import { type Database, schema } from '@concord/db';
import { and, asc, eq, sql } from 'drizzle-orm';

const { pledge, progressReport } = schema;

export interface YearFigures {
  year: number;
  achievedTonnes: string;
  share: string;
  reportCount: number;
}

export interface ProgressFigures {
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
