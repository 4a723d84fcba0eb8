import type { ConcordModule } from '../module.ts';
import { announcementResolvers } from './announcement.resolvers.ts';

/** Announcements: the secretariat speaks to a segment of the signatories by e-mail and on the alliance's page. */
export const announcementModule: ConcordModule = {
  name: 'announcement',
  resolvers: announcementResolvers,
};
