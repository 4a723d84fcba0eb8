import type { ConcordModule } from '../module.ts';
import { meetingCommentResolvers } from './meeting-comment.resolvers.ts';

/** Public challenge and input: comments on published minutes and decisions, moderated by the group's chair. */
export const meetingCommentModule: ConcordModule = {
  name: 'meeting-comment',
  resolvers: meetingCommentResolvers,
};
