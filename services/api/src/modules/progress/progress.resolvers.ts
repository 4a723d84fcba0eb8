import type { Resolvers } from '../../graphql/resolvers.generated.ts';
import { fromGraphQLEnum, toGraphQLEnum } from '../../lib/enums.ts';
import {
  type BreakdownDimension,
  computeAchievedIncludingSubmitted,
  computeBreakdown,
  computeProgress,
  computeSubTargetProgress,
  computeSupplyUptakeGap,
} from './progress.service.ts';
import { fitTrajectory } from './trajectory.ts';

export const progressResolvers: Resolvers = {
  Alliance: {
    progress: (alliance, _args, { db }) => computeProgress(db, alliance),
  },
  Progress: {
    trajectory: (progress) =>
      fitTrajectory(
        progress.byYear.map((y) => ({ year: y.year, tonnes: y.achievedTonnes })),
        progress.targetYear,
        progress.targetTonnes,
      ),
    supplyUptakeGap: (progress, _args, { db }) => computeSupplyUptakeGap(db, progress.allianceId),
    breakdown: (progress, { by }, { db }) =>
      computeBreakdown(db, progress.allianceId, fromGraphQLEnum<BreakdownDimension>(by), progress.year),
    achievedIncludingSubmittedTonnes: (progress, _args, { db }) =>
      computeAchievedIncludingSubmitted(db, progress.allianceId, progress.year),
  },
  SubTarget: {
    sector: (subTarget) => (subTarget.sector ? toGraphQLEnum(subTarget.sector) : null),
    progress: (subTarget, _args, { db }) => computeSubTargetProgress(db, subTarget),
  },
  Trajectory: {
    confidence: (trajectory) => toGraphQLEnum(trajectory.confidence),
  },
};
