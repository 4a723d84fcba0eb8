import type { Resolvers } from '../../graphql/resolvers.generated.ts';
import { checkFirst, toConnection } from '../../lib/pagination.ts';
import { getWorkingGroupBySlug } from '../working-group/working-group.service.ts';
import { activityCursor, listActivity } from './activity.reads.ts';

/** The public activity feed: an alliance's, or one working group's. */
export const activityResolvers: Resolvers = {
  Alliance: {
    activity: async (alliance, { workingGroupSlug, first, after }, { db }) => {
      const checked = checkFirst(first, 30);
      const group = workingGroupSlug ? await getWorkingGroupBySlug(db, alliance.id, workingGroupSlug) : null;
      const page = await listActivity(db, alliance.id, { workingGroupId: group?.id ?? null, first: checked, after });
      return toConnection(page, activityCursor, Boolean(after));
    },
  },
};
