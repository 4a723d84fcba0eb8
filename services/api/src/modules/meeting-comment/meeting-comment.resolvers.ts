import type { GraphQLContext } from '../../graphql/context.ts';
import type { Resolvers } from '../../graphql/resolvers.generated.ts';
import { checkFirst } from '../../lib/pagination.ts';
import { findMeeting } from '../meeting/meeting-changes.ts';
import { getMeetingComment, listMeetingComments, listPendingComments } from './meeting-comment.reads.ts';
import { commentOnMinutes } from './use-cases/comment-on-minutes.ts';
import { moderateMeetingComment } from './use-cases/moderate-meeting-comment.ts';

async function deps(context: GraphQLContext) {
  return { db: context.db, jobs: context.jobs, config: context.config, actor: await context.actor() };
}

/** Comments on published minutes and decisions: writing one, moderating it, and reading what one may see. */
export const meetingCommentResolvers: Resolvers = {
  Query: {
    meetingComment: async (_root, { id }, { db, actor }) => getMeetingComment(db, await actor(), id),
  },
  Mutation: {
    commentOnMinutes: async (_root, { meetingId, decisionId, text }, context) => {
      const d = await deps(context);
      const created = await commentOnMinutes({ ...d, meetingId, decisionId: decisionId ?? null, text });
      const view = await getMeetingComment(d.db, d.actor, created.id);
      if (!view) throw new Error('comment not readable by its writer');
      return view;
    },
    moderateMeetingComment: async (_root, { id, moderation, answer, reason }, context) => {
      const d = await deps(context);
      const updated = await moderateMeetingComment({ ...d, commentId: id, moderation, answer, reason });
      const view = await getMeetingComment(d.db, d.actor, updated.id);
      if (!view) throw new Error('moderated comment not readable');
      return view;
    },
  },
  MeetingMinutes: {
    // Comments exist only on published minutes; a draft has none to show.
    comments: async (minutes, _args, { db, actor }) => {
      if (!minutes.publishedAt) return [];
      const row = await findMeeting(db, minutes.meetingId);
      return row ? listMeetingComments(db, await actor(), row) : [];
    },
  },
  Alliance: {
    pendingMeetingComments: async (alliance, { first }, { db, actor }) =>
      listPendingComments(db, await actor(), alliance.id, checkFirst(first, 100)),
  },
  MeetingComment: {
    meeting: async (row, _args, { db }) => {
      const found = await findMeeting(db, row.meetingId);
      if (!found) throw new Error('comment without its meeting');
      return found;
    },
    // Hidden: the reason stands in the comment's place; its writer still reads what they wrote.
    text: async (row, _args, { actor }) =>
      row.status !== 'hidden' || (await actor())?.personId === row.authorPersonId ? row.text : null,
    isMine: async (row, _args, { actor }) => (await actor())?.personId === row.authorPersonId,
  },
};
