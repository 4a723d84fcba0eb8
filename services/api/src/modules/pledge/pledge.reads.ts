import { type Database, schema } from '@concord/db';
import { isTonnesFigure } from '@concord/schema/values';
import { and, asc, desc, eq, inArray, ne, notInArray, or, type SQL, sql } from 'drizzle-orm';
import { badInput } from '../../errors.ts';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import { type Page, toPage } from '../../lib/pagination.ts';
import { documentEntryColumns as entryColumns } from '../document/document.service.ts';
import { type Actor, type ChairHolder, can } from '../policy/policy.ts';
import { loadChairHolders } from '../working-group/chairs.ts';

/**
 * The pledge module's reads: the public register (accepted pledges, filtered and summed), a pledge's versions
 * and who may see them, an organisation's pledges, the review queue and the totals. Writes are the use cases'.
 */
const { document, organisation, pledge, pledgeVersion, workingGroup } = schema;

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

/** The statuses of a version still being drafted or reviewed: at most one per pledge (`pledge_version_one_open`). */
export const OPEN_VERSION_STATUSES = ['draft', 'submitted', 'changes_requested'] as const;
/** What anyone may see of a pledge's history: the versions that were in force. */
export const PUBLIC_VERSION_STATUSES: readonly schema.PledgeVersionStatus[] = ['accepted', 'superseded'];

export const isOpen = (version: schema.PledgeVersion) =>
  (OPEN_VERSION_STATUSES as readonly string[]).includes(version.status);

/** Every version of each pledge, oldest first. */
export async function loadVersions(db: Database, pledgeIds: readonly string[]): Promise<schema.PledgeVersion[][]> {
  if (pledgeIds.length === 0) return [];
  const rows = await db
    .select()
    .from(pledgeVersion)
    .where(inArray(pledgeVersion.pledgeId, [...new Set(pledgeIds)]))
    .orderBy(asc(pledgeVersion.pledgeId), asc(pledgeVersion.version));
  const byPledge = new Map<string, schema.PledgeVersion[]>();
  for (const row of rows) byPledge.set(row.pledgeId, [...(byPledge.get(row.pledgeId) ?? []), row]);
  return pledgeIds.map((id) => byPledge.get(id) ?? []);
}

/** Was the pledge ever in force? Then its accepted history is public, even after a withdrawal. */
export const wasInForce = (row: schema.Pledge, versions: readonly schema.PledgeVersion[]) =>
  row.status === 'accepted' || versions.some((v) => PUBLIC_VERSION_STATUSES.includes(v.status));

/**
 * Whether the actor may see each pledge whole (drafts, versions under review, decisions on them): its
 * representatives, the secretariat, and the chairs of the groups of the pledge and of its open version. The
 * chairs are looked up in one statement for the whole batch, and only when the cheaper answers did not settle it.
 */
export async function mayViewEach(
  db: Database,
  actor: Actor | null,
  items: readonly { pledge: schema.Pledge; versions: readonly schema.PledgeVersion[] }[],
): Promise<boolean[]> {
  if (!actor) return items.map(() => false);
  const groupsOf = ({ pledge: row, versions }: (typeof items)[number]) => [
    row.workingGroupId,
    ...versions.filter(isOpen).map((v) => v.workingGroupId),
  ];
  const view = (item: (typeof items)[number], chairs: readonly ChairHolder[]) =>
    can(actor, {
      action: 'pledge.view',
      allianceId: item.pledge.allianceId,
      organisationId: item.pledge.organisationId,
      chairs,
    });
  const unsettled = items.filter((item) => !view(item, []));
  const groupIds = [...new Set(unsettled.flatMap(groupsOf).filter((id): id is string => id !== null))];
  const holders = groupIds.length > 0 ? await loadChairHolders(db, groupIds) : [];
  const chairsOf = new Map(groupIds.map((id, i) => [id, holders[i] ?? []]));
  return items.map((item) =>
    view(
      item,
      groupsOf(item).flatMap((id) => (id ? (chairsOf.get(id) ?? []) : [])),
    ),
  );
}

/** The pledge by id within an alliance, with its versions, or null. */
export async function findPledge(
  db: Database,
  allianceId: string,
  pledgeId: string,
): Promise<{ pledge: schema.Pledge; versions: schema.PledgeVersion[] } | null> {
  const [row] = await db
    .select()
    .from(pledge)
    .where(and(eq(pledge.id, pledgeId), eq(pledge.allianceId, allianceId)))
    .limit(1);
  if (!row) return null;
  const [versions = []] = await loadVersions(db, [row.id]);
  return { pledge: row, versions };
}

/**
 * Each organisation's pledges, newest first: accepted ones for everybody, every state for its representatives
 * and the secretariat of the pledge's alliance.
 */
export async function loadOrganisationPledges(
  db: Database,
  actor: Actor | null,
  organisationIds: readonly string[],
): Promise<schema.Pledge[][]> {
  const visible: SQL[] = [eq(pledge.status, 'accepted')];
  if (actor && actor.organisationIds.size > 0) visible.push(inArray(pledge.organisationId, [...actor.organisationIds]));
  // The secretariat follows every pledge once submitted; a draft is private to its organisation.
  if (actor && actor.secretariatOf.size > 0) {
    visible.push(and(inArray(pledge.allianceId, [...actor.secretariatOf]), ne(pledge.status, 'draft')) as SQL);
  }
  const rows = await db
    .select()
    .from(pledge)
    .where(
      and(
        inArray(pledge.organisationId, [...new Set(organisationIds)]),
        actor?.isPlatformAdministrator ? undefined : or(...visible),
      ),
    )
    .orderBy(desc(pledge.createdAt), desc(pledge.id));
  const mayView = (row: schema.Pledge) => {
    if (row.status === 'accepted') return true;
    // A draft is private to its organisation.
    if (row.status === 'draft') return can(actor, { action: 'pledge.viewDraft', organisationId: row.organisationId });
    return can(actor, {
      action: 'pledge.view',
      allianceId: row.allianceId,
      organisationId: row.organisationId,
      chairs: [],
    });
  };
  return organisationIds.map((id) => rows.filter((r) => r.organisationId === id && mayView(r)));
}

/** A submitted version waiting for review, with its pledge (GraphQL `PledgeReviewItem`). */
export interface PledgeReviewItem {
  pledge: schema.Pledge;
  version: schema.PledgeVersion;
}

/** Accepted tonnes of one kind and polymer (GraphQL `PledgeTotal`). */
export interface PledgeTotal {
  kind: schema.PledgeKind;
  polymer: schema.Polymer;
  tonnesPerYear: string;
  pledgeCount: number;
}

export interface ReviewQueueFilter {
  workingGroupSlug?: string | undefined;
  kind?: schema.PledgeKind | undefined;
}

/** At most this many items in one answer of the review queue; `totalCount` still counts them all. */
export const REVIEW_QUEUE_LIMIT = 250;

/**
 * Submitted versions waiting for this reviewer, oldest submission first: all of the alliance's for the
 * secretariat; for a chair, those of the groups they chair, except their own organisation's pledges.
 */
export async function listPledgeReviewQueue(
  db: Database,
  {
    allianceId,
    isSecretariat,
    groupIds,
    excludedOrganisationIds,
    filter,
  }: {
    allianceId: string;
    isSecretariat: boolean;
    groupIds: readonly string[];
    excludedOrganisationIds: readonly string[];
    filter: ReviewQueueFilter;
  },
): Promise<{ totalCount: number; items: PledgeReviewItem[] }> {
  if (!isSecretariat && groupIds.length === 0) return { totalCount: 0, items: [] };
  const conditions: (SQL | undefined)[] = [eq(pledge.allianceId, allianceId), eq(pledgeVersion.status, 'submitted')];
  if (!isSecretariat) {
    conditions.push(inArray(pledgeVersion.workingGroupId, [...groupIds]));
    if (excludedOrganisationIds.length > 0) {
      conditions.push(notInArray(pledge.organisationId, [...excludedOrganisationIds]));
    }
  }
  if (filter.kind) conditions.push(eq(pledgeVersion.kind, filter.kind));
  if (filter.workingGroupSlug) {
    conditions.push(
      sql`${pledgeVersion.workingGroupId} = (select ${workingGroup.id} from ${workingGroup} where ${workingGroup.allianceId} = ${allianceId} and ${workingGroup.slug} = ${filter.workingGroupSlug})`,
    );
  }
  const rows = await db
    .select({ pledge, version: pledgeVersion, totalCount: sql<number>`(count(*) over ())::int` })
    .from(pledgeVersion)
    .innerJoin(pledge, eq(pledge.id, pledgeVersion.pledgeId))
    .where(and(...conditions))
    .orderBy(asc(pledgeVersion.submittedAt), asc(pledgeVersion.id))
    .limit(REVIEW_QUEUE_LIMIT);
  return {
    totalCount: rows[0]?.totalCount ?? 0,
    items: rows.map(({ pledge: p, version }) => ({ pledge: p, version })),
  };
}

/** Accepted pledges summed by kind and polymer, exactly, in SQL; `scope` narrows to an alliance or a group. */
function totalsQuery(db: Database, scope: SQL) {
  return db
    .select({
      kind: pledge.kind,
      polymer: pledge.polymer,
      tonnesPerYear: sql<string>`sum(${pledge.tonnesPerYear})::numeric(14,3)::text`,
      pledgeCount: sql<number>`count(*)::int`,
    })
    .from(pledge)
    .where(and(scope, eq(pledge.status, 'accepted')));
}

export async function pledgeTotalsOfAlliance(db: Database, allianceId: string): Promise<PledgeTotal[]> {
  return totalsQuery(db, eq(pledge.allianceId, allianceId))
    .groupBy(pledge.kind, pledge.polymer)
    .orderBy(asc(pledge.kind), asc(pledge.polymer));
}

export async function loadPledgeTotalsOfGroups(db: Database, groupIds: readonly string[]): Promise<PledgeTotal[][]> {
  const rows = await db
    .select({
      groupId: pledge.workingGroupId,
      kind: pledge.kind,
      polymer: pledge.polymer,
      tonnesPerYear: sql<string>`sum(${pledge.tonnesPerYear})::numeric(14,3)::text`,
      pledgeCount: sql<number>`count(*)::int`,
    })
    .from(pledge)
    .where(and(inArray(pledge.workingGroupId, [...new Set(groupIds)]), eq(pledge.status, 'accepted')))
    .groupBy(pledge.workingGroupId, pledge.kind, pledge.polymer)
    .orderBy(asc(pledge.kind), asc(pledge.polymer));
  return groupIds.map((id) => rows.filter((r) => r.groupId === id).map(({ groupId: _g, ...total }) => total));
}

export async function loadDocuments(
  db: Database,
  ids: readonly (string | null)[],
): Promise<(Omit<schema.Document, 'content'> | null)[]> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return ids.map(() => null);
  const rows = await db.select(entryColumns).from(document).where(inArray(document.id, wanted));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => (id ? (byId.get(id) ?? null) : null));
}

/** The names e-mails need: organisation, alliance, working group. */
export async function namesFor(
  db: Database,
  {
    organisationId,
    allianceId,
    workingGroupId,
  }: { organisationId: string; allianceId: string; workingGroupId: string | null },
) {
  const [row] = await db
    .select({
      organisationName: organisation.legalName,
      allianceName: schema.alliance.name,
      allianceSlug: schema.alliance.slug,
      workingGroupName: workingGroupId
        ? sql<
            string | null
          >`(select ${workingGroup.name} from ${workingGroup} where ${workingGroup.id} = ${workingGroupId})`
        : sql<string | null>`null`,
    })
    .from(organisation)
    .innerJoin(schema.alliance, eq(schema.alliance.id, allianceId))
    .where(eq(organisation.id, organisationId));
  return row ?? { organisationName: '', allianceName: '', allianceSlug: '', workingGroupName: null };
}
