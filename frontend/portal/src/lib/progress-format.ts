import { formatTonnesIn, type TonnesPatterns, tonnesParts } from '@concord/schema/values';

export { formatTonnesIn, tonnesIn } from '@concord/schema/values';

/**
 * The trajectory in words. The projection picks its unit ("6.11 Mt"); its uncertainty and the shortfall are
 * written in the same unit ("± 0.32 Mt", "3.89 Mt short"), so that a reader compares like with like.
 */

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
