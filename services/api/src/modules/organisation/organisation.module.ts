import type { ConcordModule } from '../module.ts';
import { organisationLoaders } from './organisation.loaders.ts';

/** Organisations, loaded for the fields of other types. */
export const organisationModule: ConcordModule = {
  name: 'organisation',
  loaders: organisationLoaders,
};
