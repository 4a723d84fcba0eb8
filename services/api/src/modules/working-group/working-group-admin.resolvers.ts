import type { GraphQLContext } from '../../graphql/context.ts';
import type { Resolvers, WorkingGroupInput as WorkingGroupInputArgs } from '../../graphql/resolvers.generated.ts';
import {
  appointChair,
  createWorkingGroup,
  joinWorkingGroup,
  leaveWorkingGroup,
  removeWorkingGroupMember,
  updateWorkingGroup,
} from './working-group-admin.service.ts';
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
 * Managing working groups: the secretariat's edits, chairs, joining and leaving. The members and who is
 * missing are loaders (working-group-admin.loaders.ts), so a list of groups costs the same few statements
 * whatever its length.
 */
export const workingGroupAdminResolvers: Resolvers = {
  Mutation: {
    createWorkingGroup: async (_root, { allianceSlug, input }, context) =>
      createWorkingGroup({ ...(await deps(context)), allianceSlug, input: toInput(input) }),
    updateWorkingGroup: async (_root, { id, input }, context) =>
      updateWorkingGroup({ ...(await deps(context)), workingGroupId: id, input: toInput(input) }),
    appointChair: async (_root, { workingGroupId, organisationId, role }, context) =>
      appointChair({ ...(await deps(context)), workingGroupId, organisationId, role }),
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
};
