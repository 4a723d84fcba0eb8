import type { ConcordModule } from '../module.ts';
import { documentResolvers } from './document.resolvers.ts';
import { documentRoutes } from './document.routes.ts';

/** Registered PDFs: the declaration, any document by its hash, verification. */
export const documentModule: ConcordModule = {
  name: 'document',
  resolvers: documentResolvers,
  routes: documentRoutes,
};
