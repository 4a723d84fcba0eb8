import type { ConcordModule } from '../module.ts';
import { mailResolvers } from './mail.resolvers.ts';
import { mailRoutes } from './mail.routes.ts';

/** E-mail preferences and the one-click opt-out, failed e-mails, the development mailbox. */
export const mailModule: ConcordModule = {
  name: 'mail',
  resolvers: mailResolvers,
  routes: mailRoutes,
};
