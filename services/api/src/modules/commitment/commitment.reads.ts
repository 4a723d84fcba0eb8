import { type Database, schema } from '@concord/db';
import { and, asc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { badInput } from '../../errors.ts';
import { inOrderOf } from '../../lib/by-id.ts';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import { type Page, toPage } from '../../lib/pagination.ts';
import { isUuid } from '../../lib/validate.ts';
import { isCalendarDate } from './commitment-input.ts';

const { commitment, commitmentUpdate, organisationMember, person, workingGroup } = schema;

/** Still to be done: what the chair follows up and the taskholder is reminded of. */
export const OPEN_STATUSES = ['open', 'in_progress', 'late'] as const satisfies schema.CommitmentStatus[];

export interface CommitmentListFilter {
  workingGroupId?: string | undefined;
  /** Only the alliance's own (no working group). */
  allianceOwn?: boolean | undefined;
  statuses?: readonly schema.CommitmentStatus[] | undefined;
}

export const commitmentCursor = (row: schema.Commitment) => encodeCursor([row.deadline, row.id]);

/** Rows after a cursor of `commitmentCursor`; one this API did not issue is BAD_USER_INPUT on `after`. */
function afterCursor(after: string): SQL {
  const [deadline, id] = decodeCursor(after, ['string', 'string']) as [string, string];
  if (!isCalendarDate(deadline) || !isUuid(id)) {
    throw badInput('after', 'The cursor is not one this API issued.');
  }
  return sql`(${commitment.deadline}, ${commitment.id}) > (${deadline}::date, ${id}::uuid)`;
}

/** An alliance's commitments by deadline, then by id (creation order: ids are UUIDv7). */
export async function listCommitments(
  db: Database,
  allianceId: string,
  filter: CommitmentListFilter,
  { first, after }: { first: number; after?: string | null | undefined },
): Promise<Page<schema.Commitment>> {
  const rows = await db
    .select()
    .from(commitment)
    .where(
      and(
        eq(commitment.allianceId, allianceId),
        filter.workingGroupId ? eq(commitment.workingGroupId, filter.workingGroupId) : undefined,
        filter.allianceOwn ? isNull(commitment.workingGroupId) : undefined,
        filter.statuses?.length ? inArray(commitment.status, [...filter.statuses]) : undefined,
        after ? afterCursor(after) : undefined,
      ),
    )
    .orderBy(asc(commitment.deadline), asc(commitment.id))
    .limit(first + 1);
  return toPage(rows, first);
}

/**
 * A page of each group's commitments in one statement (row_number over each group), for `WorkingGroup.commitments`
 * asked of a list of groups.
 */
export async function listCommitmentsOfGroups(
  db: Database,
  groupIds: readonly string[],
  { isOpenOnly, first, after }: { isOpenOnly: boolean; first: number; after: string | null },
): Promise<Page<schema.Commitment>[]> {
  const ranked = db
    .select({
      id: commitment.id,
      rank: sql<number>`row_number() over (partition by ${commitment.workingGroupId} order by ${commitment.deadline}, ${commitment.id})`.as(
        'rank',
      ),
    })
    .from(commitment)
    .where(
      and(
        inArray(commitment.workingGroupId, [...new Set(groupIds)]),
        isOpenOnly ? inArray(commitment.status, [...OPEN_STATUSES]) : undefined,
        after ? afterCursor(after) : undefined,
      ),
    )
    .as('ranked');
  const rows = await db
    .select({ commitment })
    .from(commitment)
    .innerJoin(ranked, eq(ranked.id, commitment.id))
    .where(sql`${ranked.rank} <= ${first + 1}`)
    .orderBy(asc(commitment.deadline), asc(commitment.id));
  return groupIds.map((id) =>
    toPage(
      rows.filter((r) => r.commitment.workingGroupId === id).map((r) => r.commitment),
      first,
    ),
  );
}

export async function getCommitment(db: Database, allianceId: string, id: string): Promise<schema.Commitment | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select()
    .from(commitment)
    .where(and(eq(commitment.allianceId, allianceId), eq(commitment.id, id)))
    .limit(1);
  return row ?? null;
}

/** Each commitment's history, oldest first, in one statement. */
export async function loadCommitmentHistory(
  db: Database,
  commitmentIds: readonly string[],
): Promise<schema.CommitmentUpdate[][]> {
  const rows = await db
    .select()
    .from(commitmentUpdate)
    .where(inArray(commitmentUpdate.commitmentId, [...new Set(commitmentIds)]))
    .orderBy(asc(commitmentUpdate.occurredAt), asc(commitmentUpdate.id));
  return commitmentIds.map((id) => rows.filter((r) => r.commitmentId === id));
}

export async function loadWorkingGroups(
  db: Database,
  ids: readonly (string | null)[],
): Promise<(schema.WorkingGroup | null)[]> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  const rows = wanted.length ? await db.select().from(workingGroup).where(inArray(workingGroup.id, wanted)) : [];
  return ids.map((id) => rows.find((r) => r.id === id) ?? null);
}

export async function loadPeople(db: Database, ids: readonly (string | null)[]): Promise<(schema.Person | null)[]> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  const rows = wanted.length ? await db.select().from(person).where(inArray(person.id, wanted)) : [];
  return inOrderOf(
    ids.map((id) => id ?? ''),
    rows,
    (r) => r.id,
  );
}

/** The commitments of the organisations a person represents: still open first, then by deadline. */
export async function listCommitmentsOfPerson(db: Database, personId: string): Promise<schema.Commitment[]> {
  return db
    .select({ commitment })
    .from(commitment)
    .innerJoin(organisationMember, eq(organisationMember.organisationId, commitment.taskholderOrganisationId))
    .where(eq(organisationMember.personId, personId))
    .orderBy(
      sql`${commitment.status} not in ('open', 'in_progress', 'late')`,
      asc(commitment.deadline),
      asc(commitment.id),
    )
    .limit(200)
    .then((rows) => rows.map((r) => r.commitment));
}

/** At most this many commitments under a script item that reviews them; the group's list has the rest. */
export const REVIEWED_COMMITMENTS_MAX = 100;

/**
 * For each meeting, the commitments its "review of open commitments" goes through: those of its group (of the
 * alliance itself, for a plenary) that were open when the meeting began, by deadline. A meeting still to come
 * reviews what is open now. "Open then" is read from each commitment's history (its last change at or before
 * that instant), so a commitment done during the meeting is still on its review, and one recorded at it is not.
 * One statement for all the meetings asked.
 */
export async function loadCommitmentsOpenAtMeetings(
  db: Database,
  meetingIds: readonly string[],
  now: Date,
): Promise<schema.Commitment[][]> {
  const wanted = [...new Set(meetingIds)];
  if (wanted.length === 0) return [];
  const { meeting } = schema;
  const statusThen = sql`(
    select ${commitmentUpdate.toStatus} from ${commitmentUpdate}
    where ${commitmentUpdate.commitmentId} = ${commitment.id}
      and ${commitmentUpdate.occurredAt} <= least(${meeting.startsAt}, ${now.toISOString()}::timestamptz)
    order by ${commitmentUpdate.occurredAt} desc, ${commitmentUpdate.id} desc
    limit 1
  )`;
  const ranked = db
    .select({
      meetingId: sql<string>`${meeting.id}`.as('meeting_id'),
      commitmentId: sql<string>`${commitment.id}`.as('commitment_id'),
      rank: sql<number>`row_number() over (partition by ${meeting.id} order by ${commitment.deadline}, ${commitment.id})`.as(
        'rank',
      ),
    })
    .from(meeting)
    .innerJoin(
      commitment,
      and(
        eq(commitment.allianceId, meeting.allianceId),
        sql`${commitment.workingGroupId} is not distinct from ${meeting.workingGroupId}`,
      ),
    )
    .where(and(inArray(meeting.id, wanted), sql`${statusThen} in ('open', 'in_progress', 'late')`))
    .as('ranked');
  const rows = await db
    .select({ meetingId: ranked.meetingId, commitment })
    .from(ranked)
    .innerJoin(commitment, eq(commitment.id, ranked.commitmentId))
    .where(sql`${ranked.rank} <= ${REVIEWED_COMMITMENTS_MAX}`)
    .orderBy(asc(commitment.deadline), asc(commitment.id));
  return meetingIds.map((id) => rows.filter((r) => r.meetingId === id).map((r) => r.commitment));
}
