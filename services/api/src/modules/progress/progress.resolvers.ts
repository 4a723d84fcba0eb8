import type { schema } from '@concord/db';
import { wireName } from '../../graphql/enums.ts';
import type { Resolvers } from '../../graphql/resolvers.generated.ts';
import { can } from '../policy/policy.ts';
import {
  type BreakdownDimension,
  computeAchievedIncludingSubmitted,
  computeBreakdown,
  computeProgress,
  computeSubTargetProgress,
  computeSupplyUptakeGap,
} from './progress.service.ts';
import { fitTrajectory } from './trajectory.ts';

/**
 * A breakdown's key is a String on the wire that spells an enum value as GraphQL does (PACKAGING), a country
 * code or a working group's slug; the rollups keep the server's values.
 */
function breakdownKey(by: BreakdownDimension, key: string): string {
  switch (by) {
    case 'kind':
      return wireName('PledgeKind', key as schema.PledgeKind);
    case 'polymer':
      return wireName('Polymer', key as schema.Polymer);
    case 'sector':
      return wireName('ApplicationSector', key as schema.ApplicationSector);
    case 'organisation_kind':
      return wireName('OrganisationKind', key as schema.OrganisationKind);
    default:
      return key;
  }
}

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
    breakdown: async (progress, { by }, { db }) =>
      (await computeBreakdown(db, progress, by, progress.year)).map((row) => ({
        ...row,
        key: breakdownKey(by, row.key),
      })),
    // Unvalidated figures are the secretariat's to weigh; the public sees validated reports only.
    achievedIncludingSubmittedTonnes: async (progress, { year }, { db, actor }) =>
      can(await actor(), { action: 'campaign.viewWorkingLists', allianceId: progress.allianceId })
        ? computeAchievedIncludingSubmitted(db, progress, year ?? progress.year)
        : null,
  },
  SubTarget: {
    progress: (subTarget, _args, { db }) => computeSubTargetProgress(db, subTarget),
  },
};
