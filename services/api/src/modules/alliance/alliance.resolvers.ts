import type { GraphQLContext } from '../../graphql/context.ts';
import type { Resolvers } from '../../graphql/resolvers.generated.ts';
import { checkFirst, toConnection } from '../../lib/pagination.ts';
import { signingWindowOf } from '../signing/signing-window.ts';
import {
  allianceCursor,
  countAllianceFigures,
  countAlliances,
  getAllianceBySlug,
  listAlliances,
  subTargetShape,
  targetShape,
} from './alliance.service.ts';
import { changeAllianceTarget } from './use-cases/change-alliance-target.ts';
import { createAlliance } from './use-cases/create-alliance.ts';
import { appointSecretariatMember, removeSecretariatMember } from './use-cases/manage-secretariat.ts';
import { addSubTarget, changeSubTarget, removeSubTarget } from './use-cases/manage-sub-targets.ts';
import { updateAlliance } from './use-cases/update-alliance.ts';

async function deps(context: GraphQLContext) {
  return { db: context.db, jobs: context.jobs, config: context.config, actor: await context.actor() };
}

export const allianceResolvers: Resolvers = {
  Query: {
    alliances: async (_root, { first, after }, { db }) => {
      const page = await listAlliances(db, { first: checkFirst(first, 20), after });
      return toConnection(page, allianceCursor, Boolean(after));
    },
    alliance: (_root, { slug }, { db }) => getAllianceBySlug(db, slug),
  },
  Mutation: {
    createAlliance: async (_root, { input }, context) => createAlliance({ ...(await deps(context)), input }),
    updateAlliance: async (_root, { slug, input }, context) =>
      updateAlliance({ ...(await deps(context)), slug, input }),
    changeAllianceTarget: async (_root, { slug, target, appliesFrom }, context) =>
      changeAllianceTarget({ ...(await deps(context)), slug, target, appliesFrom }),
    addSubTarget: async (_root, { slug, input }, context) =>
      subTargetShape(await addSubTarget({ ...(await deps(context)), slug, input })),
    changeSubTarget: async (_root, { id, input }, context) =>
      subTargetShape(await changeSubTarget({ ...(await deps(context)), id, input })),
    removeSubTarget: async (_root, { id }, context) => removeSubTarget({ ...(await deps(context)), id }),
    appointSecretariatMember: async (_root, { slug, email }, context) =>
      appointSecretariatMember({ ...(await deps(context)), slug, email }),
    removeSecretariatMember: async (_root, { slug, personId }, context) =>
      removeSecretariatMember({ ...(await deps(context)), slug, personId }),
  },
  AllianceConnection: {
    totalCount: (_connection, _args, { db }) => countAlliances(db),
  },
  Alliance: {
    target: (alliance) => targetShape(alliance),
    signingWindow: (alliance) => {
      const window = signingWindowOf(alliance, new Date());
      return {
        opensOn: alliance.signingOpensOn,
        closesOn: alliance.signingClosesOn,
        isOpen: window.state === 'open',
        state: window.state,
      };
    },
    counts: (alliance, _args, { db }) => countAllianceFigures(db, alliance.id),
  },
};
