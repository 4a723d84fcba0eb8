import type { ConcordModule } from '../module.ts';
import { activityRelay } from './activity.relay.ts';
import { activityResolvers } from './activity.resolvers.ts';

/** Working out loud: the public activity feed drawn from the audit log's whitelisted events, and the same live. */
export const activityModule: ConcordModule = {
  name: 'activity',
  resolvers: activityResolvers,
  liveRelay: activityRelay,
};
