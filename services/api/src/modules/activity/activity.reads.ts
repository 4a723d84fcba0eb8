import { type Database, schema } from '@concord/db';
import { and, desc, eq, gt, inArray, lt, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { badInput } from '../../errors.ts';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import { type Page, toPage } from '../../lib/pagination.ts';

const {
  auditEvent,
  commitment,
  declarationVersion,
  meeting,
  meetingComment,
  organisation,
  pledge,
  signature,
  workingGroup,
  workingGroupMember,
} = schema;

/** The kinds of the public activity feed, as the server spells them (GraphQL: `ActivityKind`). */
export const activityKinds = [
  'meeting_scheduled',
  'meeting_cancelled',
  'minutes_published',
  'comment_published',
  'comment_answered',
  'commitment_recorded',
  'commitment_status_changed',
  'signatory_joined',
  'member_joined',
  'pledge_accepted',
  'declaration_published',
] as const;
export type ActivityKind = (typeof activityKinds)[number];

/**
 * The whitelist: the audit events that are public, and what each is in the feed. Every other action (drafts,
 * submissions, reviews other than an acceptance, registrations, attendance, minutes saved but not published,
 * anything about a person) never reaches it. docs/visibility.md lists the feed's fields.
 */
export const PUBLIC_ACTIONS: Readonly<Record<string, ActivityKind>> = {
  'meeting.scheduled': 'meeting_scheduled',
  'meeting.cancelled': 'meeting_cancelled',
  'meeting.minutes_published': 'minutes_published',
  // A comment once moderated into the open: never a pending one, nor one hidden (docs/visibility.md).
  'meeting_comment.published': 'comment_published',
  'meeting_comment.answered': 'comment_answered',
  'commitment.created': 'commitment_recorded',
  'commitment.in_progress': 'commitment_status_changed',
  'commitment.done': 'commitment_status_changed',
  'commitment.dropped': 'commitment_status_changed',
  'commitment.late': 'commitment_status_changed',
  'signature.approved': 'signatory_joined',
  'working_group.member_joined': 'member_joined',
  'pledge.accepted': 'pledge_accepted',
  'declaration.published': 'declaration_published',
};

export interface ActivityEntry {
  seq: number;
  kind: ActivityKind;
  at: Date;
  workingGroupSlug: string | null;
  workingGroupName: string | null;
  subjectId: string;
  subjectTitle: string | null;
  /** The meeting the entry is about, or the one a comment is on. */
  meetingId: string | null;
  declarationVersion: number | null;
  commitmentStatus: schema.CommitmentStatus | null;
  organisationId: string | null;
  organisationName: string | null;
  byOrganisationName: string | null;
}

export const activityCursor = (entry: ActivityEntry) => encodeCursor([entry.seq]);

/** An organisation the public may see: one with an active signature of the alliance (docs/visibility.md). */
const isPublicSignatory = (organisationId: SQL) =>
  sql`exists (select 1 from ${signature} where ${signature.organisationId} = ${organisationId}
    and ${signature.allianceId} = ${auditEvent.allianceId} and ${signature.status} = 'active')`;

/**
 * A page of an alliance's public activity, newest first, in one statement: the whitelisted events, joined to the
 * objects they are about so that an event about an object that is not public (a signature that is no longer
 * active, an organisation that is not a signatory, an object gone) is left out, and an organisation is named only
 * while it is a public signatory. `workingGroupId` keeps one group's events; `since` (an event's number) only those
 * after it, for the live feed.
 */
export async function listActivity(
  db: Database,
  allianceId: string,
  {
    workingGroupId,
    first,
    after,
    since,
  }: { workingGroupId?: string | null; first: number; after?: string | null; since?: number | null },
): Promise<Page<ActivityEntry>> {
  const beforeSeq = after ? (decodeCursor(after, ['number'])[0] as number) : null;
  if (beforeSeq !== null && !Number.isSafeInteger(beforeSeq)) {
    throw badInput('after', 'The cursor is not one this API issued.');
  }
  const subject = alias(organisation, 'subject');
  const actor = alias(organisation, 'actor');
  const groupId = sql`coalesce(${meeting.workingGroupId}, ${commitment.workingGroupId}, ${pledge.workingGroupId},
    case when ${auditEvent.objectType} = 'working_group' then ${auditEvent.objectId} end)`;
  const memberId = sql`case when ${auditEvent.action} = 'working_group.member_joined'
    and ${auditEvent.after} ->> 'organisationId' ~ '^[0-9a-f-]{36}$' then (${auditEvent.after} ->> 'organisationId')::uuid end`;
  const subjectOrganisationId = sql`coalesce(${signature.organisationId}, ${pledge.organisationId}, ${memberId},
    ${commitment.taskholderOrganisationId})`;
  const rows = await db
    .select({
      seq: auditEvent.seq,
      at: auditEvent.occurredAt,
      action: auditEvent.action,
      subjectId: auditEvent.objectId,
      meetingId: meeting.id,
      workingGroupSlug: workingGroup.slug,
      workingGroupName: workingGroup.name,
      subjectTitle: sql<string | null>`coalesce(${meeting.title}, ${commitment.title}, ${declarationVersion.title})`,
      declarationVersion: declarationVersion.version,
      organisationId: subject.id,
      organisationName: subject.legalName,
      byOrganisationName: actor.legalName,
    })
    .from(auditEvent)
    .leftJoin(
      meetingComment,
      sql`${auditEvent.objectType} = 'meeting_comment' and ${meetingComment.id} = ${auditEvent.objectId}`,
    )
    .leftJoin(
      meeting,
      sql`${meeting.id} = case when ${auditEvent.objectType} = 'meeting' then ${auditEvent.objectId}
        when ${auditEvent.objectType} = 'meeting_comment' then ${meetingComment.meetingId} end`,
    )
    .leftJoin(commitment, sql`${auditEvent.objectType} = 'commitment' and ${commitment.id} = ${auditEvent.objectId}`)
    .leftJoin(pledge, sql`${auditEvent.objectType} = 'pledge' and ${pledge.id} = ${auditEvent.objectId}`)
    .leftJoin(signature, sql`${auditEvent.objectType} = 'signature' and ${signature.id} = ${auditEvent.objectId}`)
    .leftJoin(
      declarationVersion,
      sql`${auditEvent.objectType} = 'declaration_version' and ${declarationVersion.id} = ${auditEvent.objectId}`,
    )
    .leftJoin(workingGroup, sql`${workingGroup.id} = ${groupId}`)
    .leftJoin(subject, sql`${subject.id} = ${subjectOrganisationId} and ${isPublicSignatory(sql`${subject.id}`)}`)
    .leftJoin(actor, sql`${actor.id} = ${auditEvent.actorOrganisationId} and ${isPublicSignatory(sql`${actor.id}`)}`)
    .where(
      and(
        eq(auditEvent.allianceId, allianceId),
        inArray(auditEvent.action, Object.keys(PUBLIC_ACTIONS)),
        // The object still exists (and, for a group's member, the group).
        sql`coalesce(${meeting.id}, ${commitment.id}, ${pledge.id}, ${signature.id}, ${declarationVersion.id},
          ${workingGroup.id}) is not null`,
        // A signatory who joined: while its signature is active, which is when the organisation is public.
        sql`(${auditEvent.objectType} <> 'signature' or (${signature.status} = 'active' and ${subject.id} is not null))`,
        // A pledge accepted: while its organisation is a public signatory.
        sql`(${auditEvent.objectType} <> 'pledge' or ${subject.id} is not null)`,
        // A member who joined: while it is a public signatory and still a member.
        sql`(${auditEvent.action} <> 'working_group.member_joined' or (${subject.id} is not null and exists (
          select 1 from ${workingGroupMember} where ${workingGroupMember.workingGroupId} = ${auditEvent.objectId}
            and ${workingGroupMember.organisationId} = ${subject.id})))`,
        sql`(${auditEvent.objectType} <> 'declaration_version' or ${declarationVersion.status} <> 'draft')`,
        // A comment: while it is in the open (its writer's erasure deletes nothing, but a cascade may).
        sql`(${auditEvent.objectType} <> 'meeting_comment' or ${meetingComment.status} in ('published', 'answered'))`,
        workingGroupId ? eq(workingGroup.id, workingGroupId) : undefined,
        beforeSeq !== null ? lt(auditEvent.seq, beforeSeq) : undefined,
        since !== undefined && since !== null ? gt(auditEvent.seq, since) : undefined,
      ),
    )
    .orderBy(desc(auditEvent.seq))
    .limit(first + 1);
  return toPage(
    rows.map(({ action, ...row }): ActivityEntry => {
      const kind = PUBLIC_ACTIONS[action] as ActivityKind;
      return {
        ...row,
        kind,
        commitmentStatus:
          kind === 'commitment_status_changed' ? (action.slice('commitment.'.length) as schema.CommitmentStatus) : null,
      };
    }),
    first,
  );
}
