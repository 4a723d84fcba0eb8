import type { ConcordModule } from '../module.ts';
import { organisationLoaders } from './organisation.loaders.ts';
import { organisationResolvers } from './organisation.resolvers.ts';

/** Organisations: their representatives (invited, removed, never none), loaded for the fields of other types. */
export const organisationModule: ConcordModule = {
  name: 'organisation',
  resolvers: organisationResolvers,
  loaders: organisationLoaders,
};
