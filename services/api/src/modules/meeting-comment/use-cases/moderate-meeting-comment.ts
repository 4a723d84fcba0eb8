import { schema } from '@concord/db';
import { eq } from 'drizzle-orm';
import { DomainError, notFound } from '../../../errors.ts';
import { requiredText } from '../../../lib/validate.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { authenticate, authorize, heldChair } from '../../policy/policy.ts';
import { chairHoldersOf } from '../../working-group/chairs.ts';
import {
  ANSWER_MAX,
  commentUrl,
  type Deps,
  findComment,
  HIDDEN_REASON_MAX,
  isVisible,
  OBJECT_TYPE,
} from '../meeting-comment-changes.ts';

const { alliance, meetingComment, meetingDecision, person } = schema;

export type Moderation = 'publish' | 'answer' | 'hide';

/**
 * A chair of the meeting's group (or the secretariat) moderates a pending comment, once: publishes it, answers it in
 * the open, or hides it with a reason that stays public in its place. A comment published without an answer can
 * still be answered later (the group may need a meeting to work the answer out); an answer and a hiding are final.
 * The comment's row is locked, so of two moderations at once one wins and the other is told it came too late
 * (CONFLICT). An answer is mailed to the writer.
 */
export async function moderateMeetingComment({
  db,
  actor,
  jobs,
  config,
  commentId,
  moderation,
  answer,
  reason,
  now = new Date(),
}: Deps & {
  commentId: string;
  moderation: Moderation;
  answer?: string | null | undefined;
  reason?: string | null | undefined;
}): Promise<schema.MeetingComment> {
  authenticate(actor);
  const found = await findComment(db, commentId);
  // A pending comment the caller may not see does not exist for them.
  if (!found || !(await isVisible(db, actor, found))) throw notFound('No such comment.');
  const chairs = await chairHoldersOf(db, found.meeting.workingGroupId);
  authorize(actor, { action: 'meetingComment.moderate', allianceId: found.meeting.allianceId, chairs });
  const answerText =
    moderation === 'answer' ? requiredText(answer, 'answer', { max: ANSWER_MAX, isMultiline: true }) : null;
  const hiddenReason =
    moderation === 'hide' ? requiredText(reason, 'reason', { max: HIDDEN_REASON_MAX, isMultiline: false }) : null;
  const byOrganisationId = heldChair(actor, chairs)?.organisationId ?? null;
  const status = moderation === 'publish' ? 'published' : moderation === 'answer' ? 'answered' : 'hidden';

  return db.transaction(async (tx) => {
    const locked = await findComment(tx, found.comment.id, { forUpdate: true });
    if (!locked) throw notFound('No such comment.');
    const before = locked.comment.status;
    const isLateAnswer = before === 'published' && status === 'answered';
    if (before !== 'pending' && !isLateAnswer) {
      throw new DomainError(
        'CONFLICT',
        before === 'published'
          ? 'This comment was already published: it can still be answered, not published or hidden again.'
          : `This comment was already ${before}.`,
      );
    }
    const [updated] = await tx
      .update(meetingComment)
      .set({
        status,
        answer: answerText,
        hiddenReason,
        moderatedAt: now,
        moderatedByPersonId: actor.personId,
        moderatedByOrganisationId: byOrganisationId,
        updatedAt: now,
      })
      .where(eq(meetingComment.id, locked.comment.id))
      .returning();
    if (!updated) throw new Error('comment not moderated');
    await recordAudit(tx, {
      allianceId: locked.meeting.allianceId,
      actorPersonId: actor.personId,
      actorOrganisationId: byOrganisationId,
      action: `meeting_comment.${status}`,
      objectType: OBJECT_TYPE,
      objectId: updated.id,
      before: { status: before },
      // The answer and the reason are public, written by the chair in the open; the comment's text is its writer's.
      after: { status, meetingId: updated.meetingId, decisionId: updated.decisionId, answer: answerText, hiddenReason },
    });
    if (status === 'answered' && answerText) {
      const [writer] = await tx
        .select({ email: person.email, locale: person.locale, erasedAt: person.erasedAt })
        .from(person)
        .where(eq(person.id, updated.authorPersonId));
      const [where] = await tx
        .select({ allianceName: alliance.name, allianceSlug: alliance.slug })
        .from(alliance)
        .where(eq(alliance.id, locked.meeting.allianceId));
      const [decision] = updated.decisionId
        ? await tx
            .select({ text: meetingDecision.text })
            .from(meetingDecision)
            .where(eq(meetingDecision.id, updated.decisionId))
        : [];
      if (writer && !writer.erasedAt && where) {
        await jobs.enqueue(tx, 'send-email', {
          idempotencyKey: `meeting-comment-answered:${updated.id}`,
          template: 'meeting-comment-answered',
          to: writer.email,
          locale: writer.locale,
          data: {
            allianceName: where.allianceName,
            meetingTitle: locked.meeting.title,
            decisionText: decision?.text ?? null,
            text: updated.text,
            answer: answerText,
            commentUrl: commentUrl(config, where.allianceSlug, updated.meetingId, updated.id),
          },
        });
      }
    }
    return updated;
  });
}
