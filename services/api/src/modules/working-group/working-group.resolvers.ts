import type { GraphQLContext } from '../../graphql/context.ts';
import type { Resolvers, WorkingGroupInput as WorkingGroupInputArgs } from '../../graphql/resolvers.generated.ts';
import { checkFirst, toConnection } from '../../lib/pagination.ts';
import { can } from '../policy/policy.ts';
import { loadChairCandidates } from './chairs.ts';
import { appointChair } from './use-cases/appoint-chair.ts';
import { createWorkingGroup } from './use-cases/create-working-group.ts';
import { joinWorkingGroup } from './use-cases/join-working-group.ts';
import { leaveWorkingGroup } from './use-cases/leave-working-group.ts';
import { removeWorkingGroupMember } from './use-cases/remove-working-group-member.ts';
import { updateWorkingGroup } from './use-cases/update-working-group.ts';
import {
  countWorkingGroups,
  getWorkingGroupBySlug,
  listWorkingGroups,
  workingGroupCursor,
} from './working-group.service.ts';
import type { WorkingGroupInput } from './working-group-input.ts';

async function deps(context: GraphQLContext) {
  return { db: context.db, actor: await context.actor() };
}

const toInput = (input: WorkingGroupInputArgs): WorkingGroupInput => ({
  slug: input.slug,
  name: input.name,
  kind: input.kind,
  mandate: input.mandate,
  status: input.status ?? null,
  relevantStages: input.relevantStages,
});

/**
 * Working groups: the list and one group by slug; the secretariat's edits, chairs, joining and leaving. The
 * members and who is missing are loaders (working-group.loaders.ts), so a list of groups costs the same few
 * statements whatever its length.
 */
export const workingGroupResolvers: Resolvers = {
  Mutation: {
    createWorkingGroup: async (_root, { allianceSlug, input }, context) =>
      createWorkingGroup({ ...(await deps(context)), allianceSlug, input: toInput(input) }),
    updateWorkingGroup: async (_root, { id, input }, context) =>
      updateWorkingGroup({ ...(await deps(context)), workingGroupId: id, input: toInput(input) }),
    appointChair: async (_root, { workingGroupId, organisationId, personId, role }, context) =>
      appointChair({
        ...(await deps(context)),
        jobs: context.jobs,
        config: context.config,
        workingGroupId,
        organisationId,
        personId,
        role,
      }),
    joinWorkingGroup: async (_root, { workingGroupId, organisationId, role }, context) =>
      joinWorkingGroup({
        ...(await deps(context)),
        workingGroupId,
        organisationId,
        role: role ?? 'member',
      }),
    leaveWorkingGroup: async (_root, { workingGroupId, organisationId }, context) =>
      leaveWorkingGroup({ ...(await deps(context)), workingGroupId, organisationId }),
    removeWorkingGroupMember: async (_root, { workingGroupId, organisationId, reason }, context) =>
      removeWorkingGroupMember({ ...(await deps(context)), workingGroupId, organisationId, reason }),
  },
  Alliance: {
    workingGroups: async (alliance, { first, after }, { db }) => {
      const page = await listWorkingGroups(db, alliance.id, { first: checkFirst(first, 50), after });
      return { ...toConnection(page, workingGroupCursor, Boolean(after)), allianceId: alliance.id };
    },
    workingGroup: (alliance, { slug }, { db }) => getWorkingGroupBySlug(db, alliance.id, slug),
  },
  WorkingGroup: {
    chairCandidates: async (group, _args, context) => {
      const actor = await context.actor();
      if (!can(actor, { action: 'workingGroup.manage', allianceId: group.allianceId })) return [];
      return loadChairCandidates(context.db, group.id);
    },
  },
  WorkingGroupConnection: {
    totalCount: (connection, _args, { db }) => countWorkingGroups(db, connection.allianceId),
  },
};
