import type { ConcordModule } from '../module.ts';
import { activityResolvers } from './activity.resolvers.ts';

/** Working out loud: the public activity feed drawn from the audit log's whitelisted events. */
export const activityModule: ConcordModule = {
  name: 'activity',
  resolvers: activityResolvers,
};
