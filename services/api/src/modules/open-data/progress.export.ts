import type { Database, schema } from '@concord/db';
import { wireName } from '../../graphql/enums.ts';
import {
  computeProgress,
  computeSupplyUptakeGap,
  type PolymerGap,
  type ProgressFigures,
  type YearFigures,
} from '../progress/progress.service.ts';
import type { ExportColumn, ExportTable } from './tabular-export.ts';

/** One reported year, with the alliance's target and pledged totals repeated so that each row stands alone. */
export interface ProgressYearRow extends Omit<YearFigures, 'countedFlow'> {
  targetTonnes: string;
  targetYear: number;
  targetFlow: string;
  countedFlow: string;
  pledgedSupplyTonnes: string;
  pledgedUptakeTonnes: string;
}

export const progressYearColumns: readonly ExportColumn<ProgressYearRow>[] = [
  { name: 'year', type: 'integer', value: (r) => r.year },
  { name: 'achieved_tonnes', type: 'decimal', value: (r) => r.achievedTonnes, width: 18 },
  { name: 'report_count', type: 'integer', value: (r) => r.reportCount },
  { name: 'share', type: 'fraction', value: (r) => r.share },
  { name: 'target_tonnes', type: 'decimal', value: (r) => r.targetTonnes, width: 18 },
  { name: 'target_year', type: 'integer', value: (r) => r.targetYear },
  { name: 'target_flow', type: 'text', value: (r) => r.targetFlow },
  { name: 'counted_flow', type: 'text', value: (r) => r.countedFlow },
  { name: 'pledged_supply_tonnes', type: 'decimal', value: (r) => r.pledgedSupplyTonnes, width: 22 },
  { name: 'pledged_uptake_tonnes', type: 'decimal', value: (r) => r.pledgedUptakeTonnes, width: 22 },
];

export const polymerGapColumns: readonly ExportColumn<PolymerGap>[] = [
  { name: 'polymer', type: 'text', value: (r) => r.polymer },
  { name: 'supply_tonnes', type: 'decimal', value: (r) => r.supplyTonnes, width: 18 },
  { name: 'uptake_tonnes', type: 'decimal', value: (r) => r.uptakeTonnes, width: 18 },
  { name: 'gap_tonnes', type: 'decimal', value: (r) => r.gapTonnes, width: 18 },
];

async function* onePage<T>(rows: readonly T[]): AsyncGenerator<readonly T[]> {
  yield rows;
}

export function progressYearRows(alliance: schema.Alliance, progress: ProgressFigures): ProgressYearRow[] {
  return progress.byYear.map((y) => ({
    ...y,
    targetTonnes: progress.targetTonnes,
    targetYear: progress.targetYear,
    targetFlow: wireName('TargetFlow', alliance.targetFlow),
    countedFlow: wireName('PledgeKind', y.countedFlow),
    pledgedSupplyTonnes: progress.pledgedSupplyTonnes,
    pledgedUptakeTonnes: progress.pledgedUptakeTonnes,
  }));
}

/** The progress file's two tables: one row per reported year, and the supply–uptake gap by polymer. */
export async function progressExportTables(
  db: Database,
  alliance: schema.Alliance,
): Promise<{ years: ExportTable<ProgressYearRow>; gap: ExportTable<PolymerGap> }> {
  const [progress, gap] = await Promise.all([computeProgress(db, alliance), computeSupplyUptakeGap(db, alliance.id)]);
  return {
    years: {
      name: 'years',
      sheet: 'Progress by year',
      columns: progressYearColumns,
      pages: onePage(progressYearRows(alliance, progress)),
    },
    gap: { name: 'supply_uptake_gap', sheet: 'Supply-uptake gap', columns: polymerGapColumns, pages: onePage(gap) },
  };
}
