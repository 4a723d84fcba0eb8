import type { ConcordModule } from '../module.ts';
import { reportingLoaders } from './reporting.loaders.ts';
import { reportingResolvers } from './reporting.resolvers.ts';
import { reportingRoutes } from './reporting.routes.ts';

/** Reporting campaigns and progress reports; report evidence uploads. */
export const reportingModule: ConcordModule = {
  name: 'reporting',
  resolvers: reportingResolvers,
  loaders: reportingLoaders,
  routes: reportingRoutes,
};
