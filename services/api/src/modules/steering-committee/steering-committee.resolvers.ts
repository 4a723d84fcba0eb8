import type { GraphQLContext } from '../../graphql/context.ts';
import type { Resolvers } from '../../graphql/resolvers.generated.ts';
import { can } from '../policy/policy.ts';
import { listPausedSeats, listSteeringCommittee, listSteeringCommitteeCandidates } from './steering-committee.reads.ts';
import { appointSteeringCommitteeMember } from './use-cases/appoint-steering-committee-member.ts';
import { removeSteeringCommitteeMember } from './use-cases/remove-steering-committee-member.ts';

async function deps(context: GraphQLContext) {
  return { db: context.db, jobs: context.jobs, config: context.config, actor: await context.actor() };
}

/** A list for whoever manages the alliance's committee (its secretariat, platform administrators); empty for others. */
async function forManagers<T>(
  context: GraphQLContext,
  allianceId: string,
  read: (db: GraphQLContext['db'], allianceId: string) => Promise<T[]>,
): Promise<T[]> {
  const actor = await context.actor();
  if (!can(actor, { action: 'steeringCommittee.manage', allianceId })) return [];
  return read(context.db, allianceId);
}

/** The steering committee: its public list, the secretariat's choice of people, appointing and removing. */
export const steeringCommitteeResolvers: Resolvers = {
  Mutation: {
    appointSteeringCommitteeMember: async (_root, { allianceId, organisationId, personId, role }, context) =>
      appointSteeringCommitteeMember({ ...(await deps(context)), allianceId, organisationId, personId, role }),
    removeSteeringCommitteeMember: async (_root, { id }, context) =>
      removeSteeringCommitteeMember({ ...(await deps(context)), id }),
  },
  Alliance: {
    steeringCommittee: (alliance, _args, { db }) => listSteeringCommittee(db, alliance.id),
    pausedSteeringCommitteeSeats: (alliance, _args, context) => forManagers(context, alliance.id, listPausedSeats),
    steeringCommitteeCandidates: (alliance, _args, context) =>
      forManagers(context, alliance.id, listSteeringCommitteeCandidates),
  },
};
