import { badInput } from '../../errors.ts';
import { followTopic, refusal } from '../../graphql/live-subscription.ts';
import type { Resolvers } from '../../graphql/resolvers.generated.ts';
import { checkFirst, toConnection } from '../../lib/pagination.ts';
import { getAllianceBySlug } from '../alliance/alliance.service.ts';
import { getWorkingGroupBySlug } from '../working-group/working-group.service.ts';
import { type ActivityEntry, activityCursor, listActivity } from './activity.reads.ts';
import { activityAddedTopic } from './activity.relay.ts';

/** At most this many entries are sent to catch a reconnecting client up (`since`): a page of the feed. */
const CATCH_UP = 30;

/** The public activity feed: an alliance's, or one working group's; and the same, live. */
export const activityResolvers: Resolvers = {
  Alliance: {
    activity: async (alliance, { workingGroupSlug, first, after }, { db }) => {
      const checked = checkFirst(first, 30);
      const group = workingGroupSlug ? await getWorkingGroupBySlug(db, alliance.id, workingGroupSlug) : null;
      const page = await listActivity(db, alliance.id, { workingGroupId: group?.id ?? null, first: checked, after });
      return toConnection(page, activityCursor, Boolean(after));
    },
  },
  Subscription: {
    activityAdded: {
      // Each subscriber reads the feed after the last entry it was sent, with the query's own read (listActivity):
      // it receives exactly what `Alliance.activity` would show it, and nothing the feed leaves out.
      subscribe: async (_root, { allianceSlug, workingGroupSlug, since }, context) => {
        const { db } = context;
        try {
          if (since !== null && since !== undefined && (!Number.isSafeInteger(since) || since < 0)) {
            throw badInput('since', 'Give the number (seq) of an entry of the feed.');
          }
          const alliance = await getAllianceBySlug(db, allianceSlug);
          const group = workingGroupSlug ? await getWorkingGroupBySlug(db, alliance.id, workingGroupSlug) : null;
          const scope = { workingGroupId: group?.id ?? null };
          let last = since ?? 0;
          const newer = async (): Promise<{ activityAdded: ActivityEntry }[]> => {
            const page = await listActivity(db, alliance.id, { ...scope, first: CATCH_UP, since: last });
            const entries = page.rows.reverse();
            last = entries.at(-1)?.seq ?? last;
            return entries.map((entry) => ({ activityAdded: entry }));
          };
          return await followTopic(context, activityAddedTopic(alliance.id), newer, async () => {
            if (since !== null && since !== undefined) return newer();
            last = (await listActivity(db, alliance.id, { ...scope, first: 1 })).rows[0]?.seq ?? 0;
            return [];
          });
        } catch (error) {
          throw refusal(error, context.log);
        }
      },
    },
  },
};
