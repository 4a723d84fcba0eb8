import type { ConcordModule } from '../module.ts';
import { registerImportResolvers } from './register-import.resolvers.ts';
import { registerImportRoutes } from './register-import.routes.ts';

/** Bringing in the register an alliance kept before: template, dry run, confirmation (docs/register-import.md). */
export const registerImportModule: ConcordModule = {
  name: 'register-import',
  resolvers: registerImportResolvers,
  routes: registerImportRoutes,
};
