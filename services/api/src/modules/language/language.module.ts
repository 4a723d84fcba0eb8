import type { ConcordModule } from '../module.ts';
import { languageResolvers } from './language.resolvers.ts';

/** The languages Concord is written in, and each person's choice among them. */
export const languageModule: ConcordModule = {
  name: 'language',
  resolvers: languageResolvers,
};
