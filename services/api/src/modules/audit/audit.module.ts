import type { ConcordModule } from '../module.ts';
import { auditResolvers } from './audit.resolvers.ts';
import { auditRoutes } from './audit.routes.ts';

/** The audit log seen from outside: its head, published, and whether it still reaches a head published earlier. */
export const auditModule: ConcordModule = {
  name: 'audit',
  resolvers: auditResolvers,
  routes: auditRoutes,
};
