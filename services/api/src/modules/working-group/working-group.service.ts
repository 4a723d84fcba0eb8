import { type Database, schema } from '@concord/db';
import { EU_MEMBER_STATES } from '@concord/schema/values';
import { and, asc, eq, inArray, lte, notExists, or, sql } from 'drizzle-orm';
import { badInput, notFound } from '../../errors.ts';
import type { WorkingGroupMemberParent } from '../../graphql/mappers.ts';
import { inOrderOf } from '../../lib/by-id.ts';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import { type Page, toPage } from '../../lib/pagination.ts';
import { isUuid } from '../../lib/validate.ts';
import { isActiveSignatory } from './active-member.ts';

const { organisation, signature, workingGroup, workingGroupMember } = schema;

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
  return inOrderOf(ids, rows, (r) => r.id);
}

/** Members of each group that are active signatories. */
export async function loadMemberCounts(db: Database, groupIds: readonly string[]): Promise<number[]> {
  const rows = await db
    .select({ id: workingGroupMember.workingGroupId, n: sql<number>`count(*)::int` })
    .from(workingGroupMember)
    .innerJoin(workingGroup, eq(workingGroup.id, workingGroupMember.workingGroupId))
    .innerJoin(signature, isActiveSignatory)
    .where(inArray(workingGroupMember.workingGroupId, [...new Set(groupIds)]))
    .groupBy(workingGroupMember.workingGroupId);
  const byId = new Map(rows.map((r) => [r.id, r.n]));
  return groupIds.map((id) => byId.get(id) ?? 0);
}

/** Chairs and co-chairs of each group that are active signatories, chairs first. */
export async function loadChairs(db: Database, groupIds: readonly string[]): Promise<WorkingGroupMemberParent[][]> {
  const rows = await db
    .select({
      workingGroupId: workingGroupMember.workingGroupId,
      organisationId: workingGroupMember.organisationId,
      role: workingGroupMember.role,
      joinedAt: workingGroupMember.joinedAt,
      chairPersonId: workingGroupMember.chairPersonId,
    })
    .from(workingGroupMember)
    .innerJoin(workingGroup, eq(workingGroup.id, workingGroupMember.workingGroupId))
    .innerJoin(signature, isActiveSignatory)
    .where(
      and(
        inArray(workingGroupMember.workingGroupId, [...new Set(groupIds)]),
        or(eq(workingGroupMember.role, 'chair'), eq(workingGroupMember.role, 'co_chair')),
      ),
    )
    .orderBy(asc(workingGroupMember.role), asc(workingGroupMember.joinedAt));
  return groupIds.map((id) => rows.filter((r) => r.workingGroupId === id));
}

export type MemberRow = WorkingGroupMemberParent & { legalName: string };

export const memberCursor = (row: MemberRow) => encodeCursor([row.legalName, row.organisationId]);

/**
 * One page of members for each group, by organisation name, in one statement whatever the number of groups:
 * the rows are numbered per group and cut at `first + 1` (the extra row only tells whether a page follows).
 */
export async function listMembersOfGroups(
  db: Database,
  groupIds: readonly string[],
  { first, after }: { first: number; after?: string | null | undefined },
): Promise<Page<MemberRow>[]> {
  const cursor = after ? (decodeCursor(after, ['string', 'string']) as [string, string]) : undefined;
  if (cursor && !isUuid(cursor[1])) throw badInput('after', 'The cursor is not one this API issued.');
  const ranked = db
    .select({
      workingGroupId: workingGroupMember.workingGroupId,
      organisationId: workingGroupMember.organisationId,
      role: workingGroupMember.role,
      joinedAt: workingGroupMember.joinedAt,
      chairPersonId: workingGroupMember.chairPersonId,
      legalName: organisation.legalName,
      position:
        sql<number>`row_number() over (partition by ${workingGroupMember.workingGroupId} order by ${organisation.legalName}, ${organisation.id})`
          .mapWith(Number)
          .as('position'),
    })
    .from(workingGroupMember)
    .innerJoin(workingGroup, eq(workingGroup.id, workingGroupMember.workingGroupId))
    .innerJoin(signature, isActiveSignatory)
    .innerJoin(organisation, eq(organisation.id, workingGroupMember.organisationId))
    .where(
      and(
        inArray(workingGroupMember.workingGroupId, [...new Set(groupIds)]),
        cursor ? sql`(${organisation.legalName}, ${organisation.id}) > (${cursor[0]}, ${cursor[1]}::uuid)` : undefined,
      ),
    )
    .as('ranked');
  const rows = await db
    .select()
    .from(ranked)
    .where(lte(ranked.position, first + 1))
    .orderBy(asc(ranked.workingGroupId), asc(ranked.position));
  const byGroup = new Map<string, MemberRow[]>();
  for (const { workingGroupId, position: _position, ...member } of rows) {
    const list = byGroup.get(workingGroupId) ?? [];
    list.push(member);
    byGroup.set(workingGroupId, list);
  }
  return groupIds.map((id) => toPage(byGroup.get(id) ?? [], first));
}

/**
 * The relevant stages of each group that no member organisation works in, in the value chain's order:
 * whom to recruit. Computed in SQL, one statement for all the groups asked about.
 */
export async function loadMissingStages(
  db: Database,
  groupIds: readonly string[],
): Promise<schema.ValueChainStage[][]> {
  // Correlated: `working_group` here is the outer query's row, `stage` the stage being tested.
  const coveredByAMember = db
    .select({ one: sql`1` })
    .from(workingGroupMember)
    .innerJoin(signature, isActiveSignatory)
    .innerJoin(organisation, eq(organisation.id, workingGroupMember.organisationId))
    .where(and(eq(workingGroupMember.workingGroupId, workingGroup.id), sql`stage.value = any(${organisation.stages})`));
  const rows = await db
    .select({ workingGroupId: workingGroup.id, stage: sql<schema.ValueChainStage>`stage.value::text` })
    .from(workingGroup)
    .innerJoin(
      sql`unnest(enum_range(null::value_chain_stage)) with ordinality as stage(value, position)`,
      sql`stage.value = any(${workingGroup.relevantStages})`,
    )
    .where(and(inArray(workingGroup.id, [...new Set(groupIds)]), notExists(coveredByAMember)))
    .orderBy(asc(workingGroup.id), sql`stage.position`);
  return groupIds.map((id) => rows.filter((r) => r.workingGroupId === id).map((r) => r.stage));
}

/** The EU member states in which no member organisation of each group is based, alphabetically. */
export async function loadMissingCountries(db: Database, groupIds: readonly string[]): Promise<string[][]> {
  // Correlated, as above: `working_group` is the outer row, `country` the member state being tested.
  const hasAMember = db
    .select({ one: sql`1` })
    .from(workingGroupMember)
    .innerJoin(signature, isActiveSignatory)
    .innerJoin(organisation, eq(organisation.id, workingGroupMember.organisationId))
    .where(and(eq(workingGroupMember.workingGroupId, workingGroup.id), sql`${organisation.country} = country.code`));
  const rows = await db
    .select({ workingGroupId: workingGroup.id, country: sql<string>`country.code` })
    .from(workingGroup)
    .innerJoin(sql`unnest(string_to_array(${EU_MEMBER_STATES.join(',')}, ',')) as country(code)`, sql`true`)
    .where(and(inArray(workingGroup.id, [...new Set(groupIds)]), notExists(hasAMember)))
    .orderBy(asc(workingGroup.id), sql`country.code`);
  return groupIds.map((id) => rows.filter((r) => r.workingGroupId === id).map((r) => r.country));
}

export interface GroupRepresentation {
  byStage: { stage: schema.ValueChainStage; organisations: number }[];
  byCountry: { country: string; organisations: number }[];
}

/** Each group's members (active signatories) counted by value-chain stage and by country: two statements in all. */
export async function loadRepresentation(db: Database, groupIds: readonly string[]): Promise<GroupRepresentation[]> {
  const ids = [...new Set(groupIds)];
  const byStage = await db
    .select({
      workingGroupId: workingGroupMember.workingGroupId,
      stage: sql<schema.ValueChainStage>`stage.value::text`,
      organisations: sql<number>`count(*)::int`,
    })
    .from(workingGroupMember)
    .innerJoin(workingGroup, eq(workingGroup.id, workingGroupMember.workingGroupId))
    .innerJoin(signature, isActiveSignatory)
    .innerJoin(organisation, eq(organisation.id, workingGroupMember.organisationId))
    .innerJoin(
      sql`unnest(enum_range(null::value_chain_stage)) with ordinality as stage(value, position)`,
      sql`stage.value = any(${organisation.stages})`,
    )
    .where(inArray(workingGroupMember.workingGroupId, ids))
    .groupBy(workingGroupMember.workingGroupId, sql`stage.value`, sql`stage.position`)
    .orderBy(sql`stage.position`);
  const byCountry = await db
    .select({
      workingGroupId: workingGroupMember.workingGroupId,
      country: organisation.country,
      organisations: sql<number>`count(*)::int`,
    })
    .from(workingGroupMember)
    .innerJoin(workingGroup, eq(workingGroup.id, workingGroupMember.workingGroupId))
    .innerJoin(signature, isActiveSignatory)
    .innerJoin(organisation, eq(organisation.id, workingGroupMember.organisationId))
    .where(inArray(workingGroupMember.workingGroupId, ids))
    .groupBy(workingGroupMember.workingGroupId, organisation.country)
    .orderBy(sql`count(*) desc`, asc(organisation.country));
  return groupIds.map((id) => ({
    byStage: byStage
      .filter((r) => r.workingGroupId === id)
      .map(({ stage, organisations }) => ({ stage, organisations })),
    byCountry: byCountry
      .filter((r) => r.workingGroupId === id)
      .map(({ country, organisations }) => ({ country, organisations })),
  }));
}
