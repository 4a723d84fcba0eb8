import { type Database, schema } from '@concord/db';
import { and, asc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../policy/policy.ts';
import { heldByActor } from '../working-group/chairs.ts';
import { canModerate, findComment, isVisible } from './meeting-comment-changes.ts';
import type { CommentView } from './meeting-comment-view.ts';

/** Reading comments: a meeting's, one by id, and the queue a moderator works through. */
const { meeting, meetingComment, meetingDecision, organisation, workingGroupMember } = schema;

const columns = {
  comment: meetingComment,
  decisionPosition: meetingDecision.position,
  decisionText: meetingDecision.text,
  moderatedByOrganisationName: organisation.legalName,
};

const toView = (r: {
  comment: schema.MeetingComment;
  decisionPosition: number | null;
  decisionText: string | null;
  moderatedByOrganisationName: string | null;
}): CommentView => ({
  ...r.comment,
  decisionPosition: r.decisionPosition,
  decisionText: r.decisionText,
  moderatedByOrganisationName: r.moderatedByOrganisationName,
});

function selectViews(db: Database) {
  return db
    .select(columns)
    .from(meetingComment)
    .leftJoin(meetingDecision, eq(meetingDecision.id, meetingComment.decisionId))
    .leftJoin(organisation, eq(organisation.id, meetingComment.moderatedByOrganisationId));
}

/**
 * The comments on a meeting's minutes that the actor may see, oldest first: the moderated ones, the actor's own
 * pending ones, and all pending ones for a moderator.
 */
export async function listMeetingComments(
  db: Database,
  actor: Actor | null,
  row: schema.Meeting,
): Promise<CommentView[]> {
  const isModerator = await canModerate(db, actor, row);
  const visible = isModerator
    ? undefined
    : or(
        sql`${meetingComment.status} <> 'pending'`,
        actor ? eq(meetingComment.authorPersonId, actor.personId) : undefined,
      );
  const rows = await selectViews(db)
    .where(and(eq(meetingComment.meetingId, row.id), visible))
    .orderBy(asc(meetingComment.createdAt), asc(meetingComment.id));
  return rows.map(toView);
}

/** One comment by id, or null where the actor may not see it (a pending comment neither theirs nor theirs to moderate). */
export async function getMeetingComment(db: Database, actor: Actor | null, id: string): Promise<CommentView | null> {
  const found = await findComment(db, id);
  if (!found || !(await isVisible(db, actor, found))) return null;
  const [row] = await selectViews(db).where(eq(meetingComment.id, found.comment.id));
  return row ? toView(row) : null;
}

/**
 * The pending comments of an alliance that the actor moderates, oldest first: every one for the secretariat, those on
 * the meetings of the groups they chair for a chair, none for anyone else (plenaries are the secretariat's).
 */
export async function listPendingComments(
  db: Database,
  actor: Actor | null,
  allianceId: string,
  first: number,
): Promise<CommentView[]> {
  const pending = pendingFor(db, actor, allianceId);
  if (!pending) return [];
  const rows = await selectViews(db)
    .innerJoin(meeting, eq(meeting.id, meetingComment.meetingId))
    .where(pending)
    .orderBy(asc(meetingComment.createdAt), asc(meetingComment.id))
    .limit(first);
  return rows.map(toView);
}

/** How many comments `listPendingComments` has for the actor (without its limit): the live queue's count. */
export async function countPendingComments(db: Database, actor: Actor | null, allianceId: string): Promise<number> {
  const pending = pendingFor(db, actor, allianceId);
  if (!pending) return 0;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(meetingComment)
    .innerJoin(meeting, eq(meeting.id, meetingComment.meetingId))
    .where(pending);
  return row?.n ?? 0;
}

/** The pending comments of the alliance the actor moderates (a condition on comments joined to their meeting). */
function pendingFor(db: Database, actor: Actor | null, allianceId: string): SQL | undefined {
  if (!actor) return undefined;
  const isSecretariat = actor.secretariatOf.has(allianceId) || actor.isPlatformAdministrator;
  const held = heldByActor(actor);
  if (!isSecretariat && !held) return undefined;
  const chaired = isSecretariat
    ? undefined
    : inArray(
        meeting.workingGroupId,
        db.select({ id: workingGroupMember.workingGroupId }).from(workingGroupMember).where(held),
      );
  return and(eq(meetingComment.allianceId, allianceId), eq(meetingComment.status, 'pending'), chaired);
}
