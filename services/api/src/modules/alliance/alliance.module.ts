import type { ConcordModule } from '../module.ts';
import { allianceLoaders } from './alliance.loaders.ts';
import { allianceResolvers } from './alliance.resolvers.ts';

/** Alliances, their targets and counts. */
export const allianceModule: ConcordModule = {
  name: 'alliance',
  resolvers: allianceResolvers,
  loaders: allianceLoaders,
};
