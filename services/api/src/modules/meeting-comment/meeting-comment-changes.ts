import { type Database, schema } from '@concord/db';
import { eq } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { isUuid } from '../../lib/validate.ts';
import { type Actor, can } from '../policy/policy.ts';
import { chairHoldersOf } from '../working-group/chairs.ts';

/**
 * What the comment use cases share: their dependencies, finding a comment with its meeting, and who moderates it
 * (the meeting group's chairs and co-chairs, the secretariat; the secretariat alone for a plenary).
 */
const { meeting, meetingComment } = schema;

export interface Deps {
  db: Database;
  actor: Actor | null;
  jobs: JobQueue;
  config: Config;
  now?: Date;
}

export const OBJECT_TYPE = 'meeting_comment';

/** At most this many comments a person a day: enough to take part in every discussion, too few to flood one. */
export const COMMENTS_PER_PERSON_PER_DAY = 20;
export const COMMENT_MAX = 4000;
export const ANSWER_MAX = 4000;
export const HIDDEN_REASON_MAX = 500;

export interface CommentWithMeeting {
  comment: schema.MeetingComment;
  meeting: schema.Meeting;
}

export async function findComment(
  db: Database,
  id: string,
  { forUpdate = false } = {},
): Promise<CommentWithMeeting | undefined> {
  if (!isUuid(id)) return undefined;
  const query = db
    .select({ comment: meetingComment, meeting })
    .from(meetingComment)
    .innerJoin(meeting, eq(meeting.id, meetingComment.meetingId))
    .where(eq(meetingComment.id, id))
    .limit(1);
  const [row] = await (forUpdate ? query.for('update', { of: meetingComment }) : query);
  return row;
}

/** May the actor moderate the comments on this meeting (and so see them pending)? */
export async function canModerate(db: Database, actor: Actor | null, row: schema.Meeting): Promise<boolean> {
  if (!actor) return false;
  const chairs = await chairHoldersOf(db, row.workingGroupId);
  return can(actor, { action: 'meetingComment.moderate', allianceId: row.allianceId, chairs });
}

/** A pending comment is its writer's and its moderators' alone; a moderated one is everyone's. */
export async function isVisible(db: Database, actor: Actor | null, found: CommentWithMeeting): Promise<boolean> {
  if (found.comment.status !== 'pending') return true;
  if (actor && found.comment.authorPersonId === actor.personId) return true;
  return canModerate(db, actor, found.meeting);
}

export const commentUrl = (config: Config, allianceSlug: string, meetingId: string, commentId: string) =>
  `${config.publicUrl}/alliances/${encodeURIComponent(allianceSlug)}/meetings/${meetingId}#comment-${commentId}`;

export const moderationUrl = (config: Config, allianceSlug: string) =>
  `${config.publicUrl}/alliances/${encodeURIComponent(allianceSlug)}/comments`;
