import type { ConcordModule } from '../module.ts';
import { pledgeLoaders } from './pledge.loaders.ts';
import { pledgeResolvers } from './pledge.resolvers.ts';
import { pledgeRoutes } from './pledge.routes.ts';

/** Pledges: the public register, drafting, review, amendment, withdrawal, signed statements. */
export const pledgeModule: ConcordModule = {
  name: 'pledge',
  resolvers: pledgeResolvers,
  loaders: pledgeLoaders,
  routes: pledgeRoutes,
};
