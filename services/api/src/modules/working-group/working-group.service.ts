import { type Database, schema } from '@concord/db';
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { notFound } from '../../errors.ts';
import type { WorkingGroupMemberParent } from '../../graphql/mappers.ts';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import { type Page, toPage } from '../../lib/pagination.ts';

const { workingGroup, workingGroupMember } = schema;

/** Sector groups first, then horizontal ones, each by name. */
export async function listWorkingGroups(
  db: Database,
  allianceId: string,
  { first, after }: { first: number; after?: string | null | undefined },
): Promise<Page<schema.WorkingGroup>> {
  const cursor = after ? (decodeCursor(after, ['string', 'string', 'string']) as [string, string, string]) : undefined;
  const key = sql`(${workingGroup.kind}::text, ${workingGroup.name}, ${workingGroup.id})`;
  const rows = await db
    .select()
    .from(workingGroup)
    .where(
      and(
        eq(workingGroup.allianceId, allianceId),
        cursor ? sql`${key} > (${cursor[0]}, ${cursor[1]}, ${cursor[2]}::uuid)` : undefined,
      ),
    )
    .orderBy(sql`${workingGroup.kind}::text`, asc(workingGroup.name), asc(workingGroup.id))
    .limit(first + 1);
  return toPage(rows, first);
}

export const workingGroupCursor = (row: schema.WorkingGroup) => encodeCursor([row.kind, row.name, row.id]);

export async function countWorkingGroups(db: Database, allianceId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(workingGroup)
    .where(eq(workingGroup.allianceId, allianceId));
  return row?.n ?? 0;
}

export async function getWorkingGroupBySlug(
  db: Database,
  allianceId: string,
  slug: string,
): Promise<schema.WorkingGroup> {
  const [row] = await db
    .select()
    .from(workingGroup)
    .where(and(eq(workingGroup.allianceId, allianceId), eq(workingGroup.slug, slug)))
    .limit(1);
  if (!row) throw notFound(`No working group has the slug "${slug}" in this alliance.`);
  return row;
}

export async function loadWorkingGroups(db: Database, ids: readonly string[]): Promise<(schema.WorkingGroup | null)[]> {
  const rows = await db
    .select()
    .from(workingGroup)
    .where(inArray(workingGroup.id, [...new Set(ids)]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id) ?? null);
}

export async function loadMemberCounts(db: Database, groupIds: readonly string[]): Promise<number[]> {
  const rows = await db
    .select({ id: workingGroupMember.workingGroupId, n: sql<number>`count(*)::int` })
    .from(workingGroupMember)
    .where(inArray(workingGroupMember.workingGroupId, [...new Set(groupIds)]))
    .groupBy(workingGroupMember.workingGroupId);
  const byId = new Map(rows.map((r) => [r.id, r.n]));
  return groupIds.map((id) => byId.get(id) ?? 0);
}

/** Chairs and co-chairs of each group, chairs first. */
export async function loadChairs(db: Database, groupIds: readonly string[]): Promise<WorkingGroupMemberParent[][]> {
  const rows = await db
    .select({
      workingGroupId: workingGroupMember.workingGroupId,
      organisationId: workingGroupMember.organisationId,
      role: workingGroupMember.role,
      joinedAt: workingGroupMember.joinedAt,
    })
    .from(workingGroupMember)
    .where(
      and(
        inArray(workingGroupMember.workingGroupId, [...new Set(groupIds)]),
        or(eq(workingGroupMember.role, 'chair'), eq(workingGroupMember.role, 'co_chair')),
      ),
    )
    .orderBy(asc(workingGroupMember.role), asc(workingGroupMember.joinedAt));
  return groupIds.map((id) => rows.filter((r) => r.workingGroupId === id));
}
