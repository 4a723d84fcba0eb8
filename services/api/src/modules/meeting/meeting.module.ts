import type { ConcordModule } from '../module.ts';
import { meetingLoaders } from './meeting.loaders.ts';
import { meetingResolvers } from './meeting.resolvers.ts';
import { meetingRoutes } from './meeting.routes.ts';
import { meetingLiveRelay } from './meeting-live.ts';

/** Meetings of working groups and plenaries of the alliance. */
export const meetingModule: ConcordModule = {
  name: 'meeting',
  resolvers: meetingResolvers,
  loaders: meetingLoaders,
  routes: meetingRoutes,
  liveRelay: meetingLiveRelay,
};
