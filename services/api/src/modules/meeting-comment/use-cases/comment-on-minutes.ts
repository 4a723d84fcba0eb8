import { type Database, schema, takeTurns } from '@concord/db';
import { and, eq, gt, sql } from 'drizzle-orm';
import { badInput, DomainError, notFound } from '../../../errors.ts';
import { isUuid, requiredText } from '../../../lib/validate.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { findMeeting } from '../../meeting/meeting-changes.ts';
import { minutesOf } from '../../meeting/meeting-minutes.ts';
import { authenticate } from '../../policy/policy.ts';
import { loadSecretariatStaff } from '../../reporting/reporting.reads.ts';
import { chairHoldersOf, loadChairPeople } from '../../working-group/chairs.ts';
import {
  COMMENT_MAX,
  COMMENTS_PER_PERSON_PER_DAY,
  type Deps,
  moderationUrl,
  OBJECT_TYPE,
} from '../meeting-comment-changes.ts';

const { alliance, meetingComment, workingGroup } = schema;

/**
 * Anyone signed in comments on a meeting's published minutes, or on one of its decisions: no organisation needed, the
 * e-mail link is enough. The comment waits for moderation, and those who moderate it are told by e-mail in their
 * language, in the same transaction. A person's comments of the last day are counted while their other comments wait
 * (takeTurns), so the limit holds under concurrency.
 */
export async function commentOnMinutes({
  db,
  actor,
  jobs,
  config,
  meetingId,
  decisionId,
  text,
  now = new Date(),
}: Deps & { meetingId: string; decisionId: string | null; text: string }): Promise<schema.MeetingComment> {
  authenticate(actor);
  const body = requiredText(text, 'text', { max: COMMENT_MAX, isMultiline: true });
  const row = await findMeeting(db, meetingId);
  const minutes = row ? await minutesOf(db, row.id) : null;
  if (!row || !minutes?.publishedAt) throw notFound('No such meeting, or its minutes are not published.');
  const decision =
    decisionId === null ? null : minutes.decisions.find((d) => isUuid(decisionId) && d.id === decisionId);
  if (decision === undefined) throw badInput('decisionId', 'No such decision in these minutes.');

  return db.transaction(async (tx) => {
    await takeTurns(tx, `meeting-comments-of:${actor.personId}`);
    const [recent] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(meetingComment)
      .where(
        and(
          eq(meetingComment.authorPersonId, actor.personId),
          gt(meetingComment.createdAt, new Date(now.getTime() - 24 * 3600_000)),
        ),
      );
    if ((recent?.n ?? 0) >= COMMENTS_PER_PERSON_PER_DAY) {
      throw new DomainError('RATE_LIMITED', 'Too many comments today; try again tomorrow.');
    }
    const [created] = await tx
      .insert(meetingComment)
      .values({
        allianceId: row.allianceId,
        meetingId: row.id,
        decisionId: decision?.id ?? null,
        authorPersonId: actor.personId,
        text: body,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!created) throw new Error('comment not written');
    await recordAudit(tx, {
      allianceId: row.allianceId,
      actorPersonId: actor.personId,
      action: 'meeting_comment.submitted',
      objectType: OBJECT_TYPE,
      objectId: created.id,
      after: { meetingId: row.id, decisionId: created.decisionId },
      // What a person wrote, and that they wrote it, is theirs (ADR 0014).
      personal: { personId: actor.personId, data: { text: body } },
    });
    await notifyModerators(tx, { jobs, config, row, comment: created, decisionText: decision?.text ?? null });
    return created;
  });
}

/** The representatives of the group's chairs and co-chairs, or for a plenary the secretariat, each once. */
async function notifyModerators(
  tx: Database,
  {
    jobs,
    config,
    row,
    comment,
    decisionText,
  }: Pick<Deps, 'jobs' | 'config'> & {
    row: schema.Meeting;
    comment: schema.MeetingComment;
    decisionText: string | null;
  },
) {
  const [context] = await tx
    .select({ allianceName: alliance.name, allianceSlug: alliance.slug, workingGroupName: workingGroup.name })
    .from(alliance)
    .leftJoin(workingGroup, row.workingGroupId ? eq(workingGroup.id, row.workingGroupId) : sql`false`)
    .where(eq(alliance.id, row.allianceId));
  if (!context) return;
  const chairs = await chairHoldersOf(tx, row.workingGroupId);
  const people = chairs.length > 0 ? await loadChairPeople(tx, chairs) : await loadSecretariatStaff(tx, row.allianceId);
  const seen = new Set<string>();
  for (const person of people) {
    if (seen.has(person.personId) || person.personId === comment.authorPersonId) continue;
    seen.add(person.personId);
    await jobs.enqueue(tx, 'send-email', {
      idempotencyKey: `meeting-comment-received:${comment.id}:${person.personId}`,
      template: 'meeting-comment-received',
      to: person.email,
      locale: person.locale,
      data: {
        allianceName: context.allianceName,
        workingGroupName: row.workingGroupId ? context.workingGroupName : null,
        meetingTitle: row.title,
        decisionText,
        text: comment.text,
        moderationUrl: moderationUrl(config, context.allianceSlug),
      },
    });
  }
}
