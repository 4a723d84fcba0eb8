import type { ConcordModule } from '../module.ts';
import { signingLoaders } from './signing.loaders.ts';
import { signingResolvers } from './signing.resolvers.ts';

/** Registering organisations; signing, confirming, reviewing and withdrawing signatures, announced live. */
export const signingModule: ConcordModule = {
  name: 'signing',
  resolvers: signingResolvers,
  loaders: signingLoaders,
};
