import type { Resolvers } from '../../graphql/resolvers.generated.ts';
import { checkFirst, toConnection } from '../../lib/pagination.ts';
import {
  countWorkingGroups,
  getWorkingGroupBySlug,
  listWorkingGroups,
  workingGroupCursor,
} from './working-group.service.ts';

export const workingGroupResolvers: Resolvers = {
  Alliance: {
    workingGroups: async (alliance, { first, after }, { db }) => {
      const page = await listWorkingGroups(db, alliance.id, { first: checkFirst(first, 50), after });
      return { ...toConnection(page, workingGroupCursor, Boolean(after)), allianceId: alliance.id };
    },
    workingGroup: (alliance, { slug }, { db }) => getWorkingGroupBySlug(db, alliance.id, slug),
  },
  WorkingGroupConnection: {
    totalCount: (connection, _args, { db }) => countWorkingGroups(db, connection.allianceId),
  },
};
