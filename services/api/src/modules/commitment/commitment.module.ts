import type { ConcordModule } from '../module.ts';
import { commitmentLoaders } from './commitment.loaders.ts';
import { commitmentResolvers } from './commitment.resolvers.ts';

/** Commitments: tasks with a taskholder, a deadline and a status, their progress notes, reminders and lateness. */
export const commitmentModule: ConcordModule = {
  name: 'commitment',
  resolvers: commitmentResolvers,
  loaders: commitmentLoaders,
};
