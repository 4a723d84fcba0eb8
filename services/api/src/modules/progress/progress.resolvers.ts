import type { Resolvers } from '../../graphql/resolvers.generated.ts';
import { computeProgress } from './progress.service.ts';

export const progressResolvers: Resolvers = {
  Alliance: {
    progress: (alliance, _args, { db }) => computeProgress(db, alliance),
  },
};
