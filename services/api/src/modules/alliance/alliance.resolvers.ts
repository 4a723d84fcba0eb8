import type { Resolvers } from '../../graphql/resolvers.generated.ts';
import { checkFirst, toConnection } from '../../lib/pagination.ts';
import {
  allianceCursor,
  countAllianceFigures,
  countAlliances,
  getAllianceBySlug,
  listAlliances,
} from './alliance.service.ts';

export const allianceResolvers: Resolvers = {
  Query: {
    alliances: async (_root, { first, after }, { db }) => {
      const page = await listAlliances(db, { first: checkFirst(first, 20), after });
      return toConnection(page, allianceCursor, Boolean(after));
    },
    alliance: (_root, { slug }, { db }) => getAllianceBySlug(db, slug),
  },
  AllianceConnection: {
    totalCount: (_connection, _args, { db }) => countAlliances(db),
  },
  Alliance: {
    target: (alliance) => ({
      tonnes: alliance.targetTonnes,
      flow: alliance.targetFlow,
      year: alliance.targetYear,
      baselineYear: alliance.baselineYear,
      baselineTonnes: alliance.baselineTonnes,
    }),
    counts: (alliance, _args, { db }) => countAllianceFigures(db, alliance.id),
  },
};
