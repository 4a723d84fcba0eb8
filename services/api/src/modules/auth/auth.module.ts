import type { ConcordModule } from '../module.ts';
import { authResolvers } from './auth.resolvers.ts';

/** Log-in by e-mail link, sessions, and who the caller is (`me`). */
export const authModule: ConcordModule = {
  name: 'auth',
  resolvers: authResolvers,
};
