import type { GraphQLContext } from '../../graphql/context.ts';
import type { Resolvers } from '../../graphql/resolvers.generated.ts';
import { organisationForSecretariat } from './organisation.reads.ts';
import { inviteRepresentative } from './use-cases/invite-representative.ts';
import { mergeOrganisations } from './use-cases/merge-organisations.ts';
import { removeRepresentative } from './use-cases/remove-representative.ts';
import { updateOrganisation } from './use-cases/update-organisation.ts';

async function deps(context: GraphQLContext) {
  return { db: context.db, jobs: context.jobs, config: context.config, actor: await context.actor() };
}

export const organisationResolvers: Resolvers = {
  Alliance: {
    organisation: async (alliance, { id }, context) =>
      organisationForSecretariat(context.db, await context.actor(), alliance.id, id),
  },
  Mutation: {
    inviteRepresentative: async (_root, { organisationId, email }, context) =>
      inviteRepresentative({ ...(await deps(context)), organisationId, email }),
    updateOrganisation: async (_root, { id, input }, context) =>
      updateOrganisation({ ...(await deps(context)), id, input }),
    mergeOrganisations: async (_root, { duplicateId, survivorId }, context) =>
      mergeOrganisations({ ...(await deps(context)), duplicateId, survivorId }),
    removeRepresentative: async (_root, { organisationId, personId }, context) =>
      removeRepresentative({ ...(await deps(context)), organisationId, personId }),
  },
};
