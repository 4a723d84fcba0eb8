import type { GraphQLContext } from '../../graphql/context.ts';
import type { Resolvers } from '../../graphql/resolvers.generated.ts';
import { can } from '../policy/policy.ts';
import { listPausedSeats, listSteeringCommittee, listSteeringCommitteeCandidates } from './steering-committee.reads.ts';
import { appointSteeringCommitteeMember } from './use-cases/appoint-steering-committee-member.ts';
import { removeSteeringCommitteeMember } from './use-cases/remove-steering-committee-member.ts';

async function deps(context: GraphQLContext) {
  return { db: context.db, jobs: context.jobs, config: context.config, actor: await context.actor() };
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
    pausedSteeringCommitteeSeats: async (alliance, _args, context) => {
      const actor = await context.actor();
      if (!can(actor, { action: 'steeringCommittee.manage', allianceId: alliance.id })) return [];
      return listPausedSeats(context.db, alliance.id);
    },
    steeringCommitteeCandidates: async (alliance, _args, context) => {
      const actor = await context.actor();
      if (!can(actor, { action: 'steeringCommittee.manage', allianceId: alliance.id })) return [];
      return listSteeringCommitteeCandidates(context.db, alliance.id);
    },
  },
};
