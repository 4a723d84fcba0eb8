import type { ConcordModule } from '../module.ts';
import { workingGroupLoaders } from './working-group.loaders.ts';
import { workingGroupResolvers } from './working-group.resolvers.ts';

/** Working groups, their chairs and members. */
export const workingGroupModule: ConcordModule = {
  name: 'working-group',
  resolvers: workingGroupResolvers,
  loaders: workingGroupLoaders,
};
