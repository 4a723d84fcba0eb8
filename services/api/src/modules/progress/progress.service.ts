import { type Database, schema } from '@concord/db';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { isClosedOn } from '../reporting/reporting.sql.ts';
import { utcDate } from '../reporting/reporting-dates.ts';
import { countedFlow, countedTonnes, flowsOf } from './counted-flow.ts';
import { kgToTonnes, roundDiv, tonnesToKg } from './decimal.ts';

const {
  alliance,
  pledge,
  progressAchievedRollup,
  progressPledgedRollup,
  progressReport,
  reportingCampaign,
  workingGroup,
} = schema;

export interface YearFigures {
  year: number;
  /** The flow counted in the year (counted-flow.ts). */
  countedFlow: schema.PledgeKind;
  achievedTonnes: string;
  share: string;
  reportCount: number;
}

export interface ProgressFigures {
  allianceId: string;
  targetTonnes: string;
  targetYear: number;
  /** Which pledges the target counts: supply, uptake or both. */
  targetFlow: schema.TargetFlow;
  /** The flow whose figures are the headline's in `year` (counted-flow.ts). */
  countedFlow: schema.PledgeKind;
  pledgedSupplyTonnes: string;
  pledgedUptakeTonnes: string;
  /** The headline year: the latest year whose reporting campaign has closed, or null before the first closes. */
  year: number | null;
  achievedTonnes: string;
  share: string;
  /** The years up to the headline year that have validated reports: the results, and the trajectory's points. */
  byYear: YearFigures[];
  /** A later year whose campaign has not closed yet: still being reported, never the result. */
  inProgressYear: number | null;
  inProgress: YearFigures | null;
}

/**
 * The headline year and the year in progress of an alliance, on `today` (`YYYY-MM-DD`, UTC), as scalar
 * subqueries: the latest year whose campaign has closed (its deadline passed, or the secretariat closed it), and
 * the latest year after it whose campaign has not closed yet (a reopened one among them). A year is a result once its campaign has closed; before that, a first
 * validated report would make a collapse of the headline out of a year barely begun (issue 9).
 */
export function headlineYearOf(allianceId: string, today: string) {
  return sql<number | null>`(select max(${reportingCampaign.year}) from ${reportingCampaign}
    where ${reportingCampaign.allianceId} = ${allianceId} and ${isClosedOn(today)})`;
}

function inProgressYearOf(allianceId: string, today: string) {
  return sql<number | null>`(select max(${reportingCampaign.year}) from ${reportingCampaign}
    where ${reportingCampaign.allianceId} = ${allianceId} and not ${isClosedOn(today)}
      and ${reportingCampaign.year} > coalesce(${headlineYearOf(allianceId, today)}, 0))`;
}

/**
 * Progress toward the target, all of it summed and divided in SQL on exact numerics (two statements,
 * whatever the number of pledges). Achieved tonnes count validated reports of accepted pledges of the flow
 * that counts (counted-flow.ts: the target's, or for a target of both the year's lesser); a withdrawn pledge
 * leaves every total. Read from the progress rollups, which triggers keep
 * in the transaction of every write (docs/adr/0005-progress-rollups.md): a few rows, not a million.
 */
export async function computeProgress(
  db: Database,
  target: schema.Alliance,
  today: string = utcDate(new Date()),
): Promise<ProgressFigures> {
  const pledged = progressPledgedRollup;
  const [totals] = await db
    .select({
      supply: sql<string>`coalesce(sum(${pledged.tonnes}) filter (where ${pledged.kind} = 'supply'), 0)::numeric(14,3)::text`,
      uptake: sql<string>`coalesce(sum(${pledged.tonnes}) filter (where ${pledged.kind} = 'uptake'), 0)::numeric(14,3)::text`,
      headlineYear: sql<number | null>`${headlineYearOf(target.id, today)}`,
      inProgressYear: sql<number | null>`${inProgressYearOf(target.id, today)}`,
    })
    .from(pledged)
    .where(and(eq(pledged.allianceId, target.id), eq(pledged.dimension, 'kind')));

  const achieved = progressAchievedRollup;
  const rows = await db
    .select({
      year: achieved.year,
      kind: achieved.kind,
      achievedTonnes: sql<string>`${achieved.tonnes}::numeric(14,3)::text`,
      share: sql<string>`round(${achieved.tonnes} / ${target.targetTonnes}::numeric, 4)::text`,
      reportCount: achieved.reportCount,
    })
    .from(achieved)
    .where(
      and(
        eq(achieved.allianceId, target.id),
        eq(achieved.dimension, 'kind'),
        inArray(achieved.kind, flowsOf(target.targetFlow)),
      ),
    )
    .orderBy(asc(achieved.year), asc(achieved.kind));

  const none = (y: number, flow: schema.PledgeKind): YearFigures => ({
    year: y,
    countedFlow: flow,
    achievedTonnes: '0.000',
    share: '0.0000',
    reportCount: 0,
  });
  // A year is a result once a flow the target counts has validated reports in it; its figure is the counted flow's.
  const years = [...new Set(rows.filter((r) => r.reportCount > 0).map((r) => r.year))];
  const figuresOf = (y: number): YearFigures => {
    const of = (kind: schema.PledgeKind) => rows.find((r) => r.year === y && r.kind === kind);
    const flow = countedFlow(target.targetFlow, {
      supply: of('supply')?.achievedTonnes ?? '0',
      uptake: of('uptake')?.achievedTonnes ?? '0',
    });
    const row = of(flow);
    return row ? { year: y, countedFlow: flow, ...pick(row) } : none(y, flow);
  };
  const reported = years.map(figuresOf);

  const year = totals?.headlineYear ?? null;
  const inProgressYear = totals?.inProgressYear ?? null;
  const byYear = year === null ? [] : reported.filter((y) => y.year <= year);
  const headline = byYear.find((y) => y.year === year);
  const headlineFlow = headline?.countedFlow ?? countedFlow(target.targetFlow, { supply: '0', uptake: '0' });
  return {
    allianceId: target.id,
    targetTonnes: target.targetTonnes,
    targetYear: target.targetYear,
    targetFlow: target.targetFlow,
    countedFlow: headlineFlow,
    pledgedSupplyTonnes: totals?.supply ?? '0.000',
    pledgedUptakeTonnes: totals?.uptake ?? '0.000',
    year,
    achievedTonnes: headline?.achievedTonnes ?? '0.000',
    share: headline?.share ?? '0.0000',
    byYear,
    inProgressYear,
    inProgress: inProgressYear === null ? null : figuresOf(inProgressYear),
  };
}

const pick = (row: { achievedTonnes: string; share: string; reportCount: number }) => ({
  achievedTonnes: row.achievedTonnes,
  share: row.share,
  reportCount: row.reportCount,
});

/**
 * Tonnes achieved in `year` by accepted pledges of the flow that counts (counted-flow.ts), counting submitted reports as well as
 * validated ones: where the figure is heading while the secretariat validates. Queried reports are left out
 * (their figure is in question). It counts figures nobody has checked yet, so it is the secretariat's working
 * figure, never a public one (the resolver answers null to anyone else). One statement on the progress
 * rollups, which keep submitted reports apart from validated ones: a row, not the year's reports.
 */
export async function computeAchievedIncludingSubmitted(
  db: Database,
  { allianceId, targetFlow }: { allianceId: string; targetFlow: schema.TargetFlow },
  year: number | null,
): Promise<string> {
  if (year === null) return '0.000';
  const achieved = progressAchievedRollup;
  const including = (kind: schema.PledgeKind) =>
    sql<string>`coalesce(sum(${achieved.tonnes} + ${achieved.submittedTonnes}) filter (where ${achieved.kind} = ${kind}), 0)::numeric(14,3)::text`;
  const [row] = await db
    .select({ supply: including('supply'), uptake: including('uptake') })
    .from(achieved)
    .where(and(eq(achieved.allianceId, allianceId), eq(achieved.dimension, 'kind'), eq(achieved.year, year)));
  return row ? countedTonnes(targetFlow, row) : '0.000';
}

export type BreakdownDimension = 'kind' | 'polymer' | 'sector' | 'working_group' | 'country' | 'organisation_kind';

export interface BreakdownRow {
  key: string;
  /** Tonnes a year pledged by the group's accepted pledges, by kind. */
  supplyTonnes: string;
  uptakeTonnes: string;
  pledgeCount: number;
  /** The headline's measure: what the group's pledges of the counted flow achieved in the year. */
  achievedTonnes: string;
  /** What the group's supply and uptake pledges achieved in the year, side by side (one of them is the above). */
  achievedSupplyTonnes: string;
  achievedUptakeTonnes: string;
}

/**
 * Accepted pledges grouped by one dimension, with what their validated reports achieved in `year`, kind by
 * kind. `achievedTonnes` is the headline's measure (`countedFlow`, the flow that counts in `year`), so the rows of a breakdown that
 * partitions the pledges add up to the headline; adding supply to uptake would count a tonne twice (once
 * supplied, once taken up) and show a group above the whole alliance. One statement, on the progress rollups.
 */
export async function computeBreakdown(
  db: Database,
  { allianceId, countedFlow: flow }: { allianceId: string; countedFlow: schema.PledgeKind },
  by: BreakdownDimension,
  year: number | null,
): Promise<BreakdownRow[]> {
  const pledgedRollup = progressPledgedRollup;
  const pledged = db
    .select({
      key: pledgedRollup.key,
      supply: sql<string>`coalesce(sum(${pledgedRollup.tonnes}) filter (where ${pledgedRollup.kind} = 'supply'), 0)`.as(
        'supply',
      ),
      uptake: sql<string>`coalesce(sum(${pledgedRollup.tonnes}) filter (where ${pledgedRollup.kind} = 'uptake'), 0)`.as(
        'uptake',
      ),
      pledgeCount: sql<number>`sum(${pledgedRollup.pledgeCount})`.as('pledge_count'),
    })
    .from(pledgedRollup)
    .where(and(eq(pledgedRollup.allianceId, allianceId), eq(pledgedRollup.dimension, by)))
    .groupBy(pledgedRollup.key)
    // A key whose pledges have all left keeps a row at zero: it is no longer a group.
    .having(sql`sum(${pledgedRollup.pledgeCount}) > 0`)
    .as('pledged');
  const achievedRollup = progressAchievedRollup;
  const achieved = db
    .select({
      key: achievedRollup.key,
      supply:
        sql<string>`coalesce(sum(${achievedRollup.tonnes}) filter (where ${achievedRollup.kind} = 'supply'), 0)`.as(
          'achieved_supply',
        ),
      uptake:
        sql<string>`coalesce(sum(${achievedRollup.tonnes}) filter (where ${achievedRollup.kind} = 'uptake'), 0)`.as(
          'achieved_uptake',
        ),
    })
    .from(achievedRollup)
    .where(
      and(
        eq(achievedRollup.allianceId, allianceId),
        eq(achievedRollup.dimension, by),
        eq(achievedRollup.year, year ?? -1),
      ),
    )
    .groupBy(achievedRollup.key)
    .as('achieved');
  // Working groups are kept by id (a slug may change); the breakdown shows the slug, or NONE.
  const key =
    by === 'working_group' ? sql<string>`coalesce(${workingGroup.slug}, 'NONE')` : sql<string>`${pledged.key}`;
  const achievedSupply = sql<string>`coalesce(${achieved.supply}, 0)::numeric(14,3)::text`;
  const achievedUptake = sql<string>`coalesce(${achieved.uptake}, 0)::numeric(14,3)::text`;
  return db
    .select({
      key,
      supplyTonnes: sql<string>`${pledged.supply}::numeric(14,3)::text`,
      uptakeTonnes: sql<string>`${pledged.uptake}::numeric(14,3)::text`,
      pledgeCount: sql<number>`${pledged.pledgeCount}::int`,
      achievedTonnes: flow === 'supply' ? achievedSupply : achievedUptake,
      achievedSupplyTonnes: achievedSupply,
      achievedUptakeTonnes: achievedUptake,
    })
    .from(pledged)
    .leftJoin(achieved, eq(achieved.key, pledged.key))
    .leftJoin(workingGroup, by === 'working_group' ? sql`${workingGroup.id}::text = ${pledged.key}` : sql`false`)
    .orderBy(key);
}

export interface PolymerGap {
  polymer: schema.Polymer;
  supplyTonnes: string;
  uptakeTonnes: string;
  gapTonnes: string;
}

/** Supply against uptake by polymer, largest surplus of supply first. */
export async function computeSupplyUptakeGap(db: Database, allianceId: string): Promise<PolymerGap[]> {
  const rows = await computeBreakdown(db, { allianceId, countedFlow: 'supply' }, 'polymer', null);
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

export interface SubTargetFigures {
  year: number | null;
  pledgedTonnes: string;
  achievedTonnes: string;
  share: string;
}

/**
 * Progress toward one sub-target, from the base tables (a sub-target may cross two dimensions, which the
 * rollups do not): accepted pledges of the alliance's target flow in the polymer and/or sector, and their
 * validated reports in the alliance's headline year (as the headline: a year still being reported is not a
 * result). For a target of both flows, each figure is the lesser of the two flows' (counted-flow.ts). Two
 * statements; an alliance has a handful of sub-targets.
 */
export async function computeSubTargetProgress(
  db: Database,
  subTarget: {
    allianceId: string;
    polymer: schema.Polymer | null;
    sector: schema.ApplicationSector | null;
    tonnes: string;
  },
  today: string = utcDate(new Date()),
): Promise<SubTargetFigures> {
  // Pledged: accepted pledges; achieved: their reports and those of lapsed ones (docs/adr/0010-lapsed-pledges.md).
  const scope = sql`${pledge.allianceId} = ${subTarget.allianceId} and ${pledge.status} in ('accepted', 'lapsed')
    ${subTarget.polymer ? sql`and ${pledge.polymer} = ${subTarget.polymer}` : sql``}
    ${subTarget.sector ? sql`and ${pledge.sector} = ${subTarget.sector}` : sql``}`;
  const byKind = (
    tonnes: typeof pledge.tonnesPerYear | typeof progressReport.tonnesAchieved,
    kind: schema.PledgeKind,
  ) => sql<string>`coalesce(sum(${tonnes}) filter (where ${pledge.kind} = ${kind}), 0)::numeric(14,3)::text`;
  const [pledged] = await db
    .select({
      supply: byKind(pledge.tonnesPerYear, 'supply'),
      uptake: byKind(pledge.tonnesPerYear, 'uptake'),
      year: sql<number | null>`${headlineYearOf(subTarget.allianceId, today)}`,
      counts: sql<schema.TargetFlow>`(select ${alliance.targetFlow} from ${alliance} where ${alliance.id} = ${subTarget.allianceId})`,
    })
    .from(pledge)
    .where(and(scope, eq(pledge.status, 'accepted')));
  const year = pledged?.year ?? null;
  const counts = pledged?.counts ?? 'uptake';
  const [achieved] = await db
    .select({
      supply: byKind(progressReport.tonnesAchieved, 'supply'),
      uptake: byKind(progressReport.tonnesAchieved, 'uptake'),
    })
    .from(progressReport)
    .innerJoin(pledge, eq(pledge.id, progressReport.pledgeId))
    .where(and(scope, eq(progressReport.status, 'validated'), eq(progressReport.year, year ?? -1)));
  const achievedTonnes = achieved ? countedTonnes(counts, achieved) : '0.000';
  const targetKg = tonnesToKg(subTarget.tonnes);
  const share = targetKg === 0n ? 0n : roundDiv(tonnesToKg(achievedTonnes) * 10_000n, targetKg);
  return {
    year,
    pledgedTonnes: pledged ? countedTonnes(counts, pledged) : '0.000',
    achievedTonnes,
    share: `${share / 10_000n}.${(share % 10_000n).toString().padStart(4, '0')}`,
  };
}
