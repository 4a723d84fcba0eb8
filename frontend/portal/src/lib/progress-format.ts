import { formatDecimal, fromScaled, type TonnesPatterns, type TonnesUnit, tonnesParts, toScaled } from './format';

/**
 * The trajectory in words. The projection picks its unit ("6.11 Mt"); its uncertainty and the shortfall are
 * written in the same unit ("± 0.32 Mt", "3.89 Mt short"), so that a reader compares like with like.
 */

const unitSteps: Record<TonnesUnit, { exponent: number; fractionDigits: number }> = {
  t: { exponent: 0, fractionDigits: 1 },
  kt: { exponent: 3, fractionDigits: 1 },
  Mt: { exponent: 6, fractionDigits: 2 },
};

/** Tonnes in a given unit, rounded exactly (half away from zero): ("316424.305", "Mt") → "0.32". */
export function tonnesIn(tonnes: string, unit: TonnesUnit): string {
  const { exponent, fractionDigits } = unitSteps[unit];
  const exact = toScaled(tonnes, 3);
  const magnitude = exact < 0n ? -exact : exact;
  const divisor = 10n ** BigInt(3 + exponent - fractionDigits);
  const rounded = (magnitude * 2n + divisor) / (divisor * 2n);
  return fromScaled(exact < 0n && rounded !== 0n ? -rounded : rounded, fractionDigits);
}

export function formatTonnesIn(tonnes: string, unit: TonnesUnit, locale: string, patterns: TonnesPatterns): string {
  const { fractionDigits } = unitSteps[unit];
  return patterns[unit](formatDecimal(tonnesIn(tonnes, unit), locale, { maximumFractionDigits: fractionDigits }));
}

export interface TrajectoryFigures {
  basedOnYears: number;
  projectedTonnes: string;
  targetYear: number;
  isOnTrack: boolean;
  shortfallTonnes: string;
  predictionIntervalTonnes: string | null;
  confidence: 'NONE' | 'LOW' | 'MEDIUM' | 'HIGH';
}

export type TrajectoryWords =
  | { kind: 'none' }
  | { kind: 'single'; year: number; achieved: string }
  | {
      kind: 'short' | 'onTrack';
      years: number;
      projected: string;
      targetYear: number;
      /** Null below three years: no interval can be given. */
      interval: string | null;
      shortfall: string;
      confidence: TrajectoryFigures['confidence'];
    };

/**
 * What the sentence about the trend says, its figures formatted: nothing reported, one year (too few for a
 * trend), or a projection that is short of the target or on track.
 */
export function trajectoryWords(
  trajectory: TrajectoryFigures | null,
  byYear: readonly { year: number; achievedTonnes: string }[],
  locale: string,
  patterns: TonnesPatterns,
): TrajectoryWords {
  if (!trajectory || byYear.length === 0) return { kind: 'none' };
  const only = byYear[0];
  if (trajectory.basedOnYears < 2 && only) {
    const { unit } = tonnesParts(only.achievedTonnes);
    return { kind: 'single', year: only.year, achieved: formatTonnesIn(only.achievedTonnes, unit, locale, patterns) };
  }
  const { unit } = tonnesParts(trajectory.projectedTonnes);
  const inUnit = (tonnes: string) => formatTonnesIn(tonnes, unit, locale, patterns);
  return {
    kind: trajectory.isOnTrack ? 'onTrack' : 'short',
    years: trajectory.basedOnYears,
    projected: inUnit(trajectory.projectedTonnes),
    targetYear: trajectory.targetYear,
    interval: trajectory.predictionIntervalTonnes === null ? null : inUnit(trajectory.predictionIntervalTonnes),
    shortfall: inUnit(trajectory.shortfallTonnes),
    confidence: trajectory.confidence,
  };
}
