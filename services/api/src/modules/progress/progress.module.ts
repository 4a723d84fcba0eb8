import type { ConcordModule } from '../module.ts';
import { progressResolvers } from './progress.resolvers.ts';

/** Progress towards the targets: totals, breakdowns, trajectory. */
export const progressModule: ConcordModule = {
  name: 'progress',
  resolvers: progressResolvers,
};
