import type { ConcordModule } from '../module.ts';
import { signatoryResolvers } from './signatory.resolvers.ts';

/** The register of signatories. */
export const signatoryModule: ConcordModule = {
  name: 'signatory',
  resolvers: signatoryResolvers,
};
