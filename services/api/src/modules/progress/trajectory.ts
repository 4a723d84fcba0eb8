import { kgToTonnes, roundDiv, tonnesToKg } from './decimal.ts';

export interface YearFigure {
  year: number;
  tonnes: string;
}

export type TrajectoryConfidence = 'none' | 'low' | 'medium' | 'high';

export interface Trajectory {
  basedOnYears: number;
  firstYear: number;
  lastYear: number;
  /** Tonnes a year added by the least-squares line. */
  slopeTonnesPerYear: string;
  /** The line's value at the target year. */
  projectedTonnes: string;
  targetYear: number;
  targetTonnes: string;
  isOnTrack: boolean;
  /** Target minus projection, never negative. */
  shortfallTonnes: string;
  /** Half-width of a ~95 % prediction interval at the target year; null below three years (no residual left). */
  predictionIntervalTonnes: string | null;
  confidence: TrajectoryConfidence;
}

/**
 * The least-squares line through the reported years, read at the target year. The line itself is computed
 * exactly (integer kilograms and rational arithmetic); the interval, which is an estimate anyway, in floats.
 * Returns null without any reported year.
 */
export function fitTrajectory(
  points: readonly YearFigure[],
  targetYear: number,
  targetTonnes: string,
): Trajectory | null {
  const sorted = [...points].sort((a, b) => a.year - b.year);
  const first = sorted[0];
  const last = sorted.at(-1);
  if (!first || !last) return null;
  const n = BigInt(sorted.length);
  const xs = sorted.map((p) => BigInt(p.year));
  const ys = sorted.map((p) => tonnesToKg(p.tonnes));
  const sx = xs.reduce((a, b) => a + b, 0n);
  const sy = ys.reduce((a, b) => a + b, 0n);
  const sxx = xs.reduce((a, x) => a + x * x, 0n);
  const sxy = xs.reduce((a, x, i) => a + x * (ys[i] ?? 0n), 0n);
  const spread = n * sxx - sx * sx; // n² × variance of the years: 0 when there is one year

  const target = BigInt(targetYear);
  let slopeKg: bigint;
  let projectedKg: bigint;
  if (spread === 0n) {
    // One year (or every report in the same year): no trend to speak of; the figure is all we know.
    slopeKg = 0n;
    projectedKg = roundDiv(sy, n);
  } else {
    const slopeNumerator = n * sxy - sx * sy;
    slopeKg = roundDiv(slopeNumerator, spread);
    // ȳ + slope × (T − x̄), as one fraction.
    projectedKg = roundDiv(sy * spread + slopeNumerator * (n * target - sx), n * spread);
  }
  const targetKg = tonnesToKg(targetTonnes);
  const shortfallKg = targetKg > projectedKg ? targetKg - projectedKg : 0n;

  let interval: number | null = null;
  if (sorted.length >= 3 && spread !== 0n) {
    const slope = Number(n * sxy - sx * sy) / Number(spread);
    const meanX = Number(sx) / sorted.length;
    const meanY = Number(sy) / sorted.length;
    const residual = sorted.reduce((acc, p, i) => {
      const fitted = meanY + slope * (p.year - meanX);
      return acc + (Number(ys[i]) - fitted) ** 2;
    }, 0);
    const s = Math.sqrt(residual / (sorted.length - 2));
    const sxxCentred = Number(spread) / sorted.length;
    const standardError = s * Math.sqrt(1 + 1 / sorted.length + (targetYear - meanX) ** 2 / sxxCentred);
    interval = Math.round(tCritical95(sorted.length - 2) * standardError);
  }

  return {
    basedOnYears: sorted.length,
    firstYear: first.year,
    lastYear: last.year,
    slopeTonnesPerYear: kgToTonnes(slopeKg),
    projectedTonnes: kgToTonnes(projectedKg),
    targetYear,
    targetTonnes: kgToTonnes(targetKg),
    isOnTrack: projectedKg >= targetKg,
    shortfallTonnes: kgToTonnes(shortfallKg),
    predictionIntervalTonnes: interval === null ? null : kgToTonnes(BigInt(interval)),
    confidence: confidenceOf(sorted.length, interval, targetKg),
  };
}

/** How much to trust the line: few years, or an interval wide against the target, mean little. */
function confidenceOf(years: number, interval: number | null, targetKg: bigint): TrajectoryConfidence {
  if (years < 2) return 'none';
  if (years < 3 || interval === null) return 'low';
  const relative = interval / Number(targetKg);
  if (years >= 5 && relative < 0.05) return 'high';
  if (relative < 0.15) return 'medium';
  return 'low';
}

/** Two-sided 95 % Student t quantiles for small samples; 1.96 beyond. */
function tCritical95(degreesOfFreedom: number): number {
  const table = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228];
  return table[degreesOfFreedom - 1] ?? (degreesOfFreedom <= 30 ? 2.042 : 1.96);
}
