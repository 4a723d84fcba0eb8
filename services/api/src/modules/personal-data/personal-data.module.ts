import type { ConcordModule } from '../module.ts';
import { personalDataResolvers } from './personal-data.resolvers.ts';

/**
 * A person's rights over their personal data (docs/adr/0014-personal-data.md): the privacy notice they accepted, an
 * export of everything Concord holds about them, erasure; the secretariat acting on such a request for a person.
 */
export const personalDataModule: ConcordModule = {
  name: 'personal-data',
  resolvers: personalDataResolvers,
};
