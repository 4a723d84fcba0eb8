import type { ConcordModule } from '../module.ts';
import { declarationLoaders } from './declaration.loaders.ts';
import { declarationResolvers } from './declaration.resolvers.ts';

/** The declaration's versions: the secretariat drafts, compares and publishes; everyone reads the published ones. */
export const declarationModule: ConcordModule = {
  name: 'declaration',
  resolvers: declarationResolvers,
  loaders: declarationLoaders,
};
