import { type Database, schema } from '@concord/db';
import { isTonnesFigure } from '@concord/schema/values';
import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import { badInput } from '../../errors.ts';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import { type Page, toPage } from '../../lib/pagination.ts';

const { organisation, pledge, workingGroup } = schema;

export interface PledgeFilter {
  kind?: schema.PledgeKind | undefined;
  polymer?: schema.Polymer | undefined;
  sector?: schema.ApplicationSector | undefined;
  workingGroupSlug?: string | undefined;
  country?: string | undefined;
}

/** Public pledges are the accepted ones; drafts and decisions in progress stay with their organisation. */
export function filterConditions(allianceId: string, filter: PledgeFilter): SQL[] {
  const conditions: SQL[] = [eq(pledge.allianceId, allianceId), eq(pledge.status, 'accepted')];
  if (filter.kind) conditions.push(eq(pledge.kind, filter.kind));
  if (filter.polymer) conditions.push(eq(pledge.polymer, filter.polymer));
  if (filter.sector) conditions.push(eq(pledge.sector, filter.sector));
  if (filter.country) {
    conditions.push(
      sql`exists (select 1 from ${organisation} where ${organisation.id} = ${pledge.organisationId} and ${organisation.country} = ${filter.country})`,
    );
  }
  if (filter.workingGroupSlug) {
    conditions.push(
      sql`${pledge.workingGroupId} = (select ${workingGroup.id} from ${workingGroup} where ${workingGroup.allianceId} = ${allianceId} and ${workingGroup.slug} = ${filter.workingGroupSlug})`,
    );
  }
  return conditions;
}

/** Accepted pledges, largest first. */
export async function listPledges(
  db: Database,
  allianceId: string,
  { first, after, filter }: { first: number; after?: string | null | undefined; filter: PledgeFilter },
): Promise<Page<schema.Pledge>> {
  const conditions = filterConditions(allianceId, filter);
  if (after) {
    const [tonnes, id] = decodeCursor(after, ['string', 'string']) as [string, string];
    if (!isTonnesFigure(tonnes)) throw badInput('after', 'The cursor is not one this API issued.');
    conditions.push(sql`(${pledge.tonnesPerYear}, ${pledge.id}) < (${tonnes}::numeric, ${id}::uuid)`);
  }
  const rows = await db
    .select()
    .from(pledge)
    .where(and(...conditions))
    .orderBy(desc(pledge.tonnesPerYear), desc(pledge.id))
    .limit(first + 1);
  return toPage(rows, first);
}

export const pledgeCursor = (row: schema.Pledge) => encodeCursor([row.tonnesPerYear, row.id]);

export async function summarisePledges(
  db: Database,
  allianceId: string,
  filter: PledgeFilter,
): Promise<{ totalCount: number; totalTonnes: string }> {
  const [row] = await db
    .select({
      totalCount: sql<number>`count(*)::int`,
      totalTonnes: sql<string>`coalesce(sum(${pledge.tonnesPerYear}), 0)::numeric(14,3)::text`,
    })
    .from(pledge)
    .where(and(...filterConditions(allianceId, filter)));
  return row ?? { totalCount: 0, totalTonnes: '0.000' };
}
