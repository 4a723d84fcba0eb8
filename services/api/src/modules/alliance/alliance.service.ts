import { type Database, schema } from '@concord/db';
import { and, asc, countDistinct, desc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import { notFound } from '../../errors.ts';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import { type Page, toPage } from '../../lib/pagination.ts';

const {
  alliance,
  allianceStaff,
  allianceSubTarget,
  allianceTargetHistory,
  declarationVersion,
  organisation,
  person,
  pledge,
  signature,
  workingGroup,
} = schema;

export async function listAlliances(
  db: Database,
  { first, after }: { first: number; after?: string | null | undefined },
): Promise<Page<schema.Alliance>> {
  const cursor = after ? decodeCursor(after, ['string', 'string']) : undefined;
  const rows = await db
    .select()
    .from(alliance)
    .where(
      cursor
        ? or(
            gt(alliance.name, String(cursor[0])),
            and(eq(alliance.name, String(cursor[0])), gt(alliance.id, String(cursor[1]))),
          )
        : undefined,
    )
    .orderBy(asc(alliance.name), asc(alliance.id))
    .limit(first + 1);
  return toPage(rows, first);
}

export const allianceCursor = (row: schema.Alliance) => encodeCursor([row.name, row.id]);

export async function countAlliances(db: Database): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(alliance);
  return row?.n ?? 0;
}

export async function getAllianceBySlug(db: Database, slug: string): Promise<schema.Alliance> {
  const [row] = await db.select().from(alliance).where(eq(alliance.slug, slug)).limit(1);
  if (!row) throw notFound(`No alliance has the slug "${slug}".`);
  return row;
}

/** The current (latest published) declaration version of each alliance, in the order of `allianceIds`. */
export async function loadCurrentDeclarations(
  db: Database,
  allianceIds: readonly string[],
): Promise<(schema.DeclarationVersion | null)[]> {
  const rows = await db
    .selectDistinctOn([declarationVersion.allianceId])
    .from(declarationVersion)
    .where(and(inArray(declarationVersion.allianceId, [...allianceIds]), eq(declarationVersion.status, 'published')))
    .orderBy(declarationVersion.allianceId, desc(declarationVersion.version));
  const byAlliance = new Map(rows.map((r) => [r.allianceId, r]));
  return allianceIds.map((id) => byAlliance.get(id) ?? null);
}

export async function loadSubTargets(
  db: Database,
  allianceIds: readonly string[],
): Promise<schema.AllianceSubTarget[][]> {
  const rows = await db
    .select()
    .from(allianceSubTarget)
    .where(inArray(allianceSubTarget.allianceId, [...allianceIds]))
    .orderBy(asc(allianceSubTarget.label));
  return allianceIds.map((id) => rows.filter((r) => r.allianceId === id));
}

/** A sub-target as the API shows it. */
export const subTargetShape = (t: schema.AllianceSubTarget) => ({
  id: t.id,
  label: t.label,
  polymer: t.polymer,
  sector: t.sector,
  tonnes: t.targetTonnes,
  year: t.targetYear,
  allianceId: t.allianceId,
});

export interface AllianceCounts {
  signatories: number;
  countries: number;
  workingGroups: number;
  acceptedPledges: number;
}

/** The home page's counts in one statement. */
export async function countAllianceFigures(db: Database, allianceId: string): Promise<AllianceCounts> {
  const active = db
    .select({ organisationId: signature.organisationId })
    .from(signature)
    .where(and(eq(signature.allianceId, allianceId), eq(signature.status, 'active')))
    .as('active');
  const [row] = await db
    .select({
      signatories: sql<number>`count(*)::int`,
      countries: sql<number>`${countDistinct(organisation.country)}::int`,
      workingGroups: sql<number>`(select count(*)::int from ${workingGroup} where ${workingGroup.allianceId} = ${allianceId} and ${workingGroup.status} = 'active')`,
      acceptedPledges: sql<number>`(select count(*)::int from ${pledge} where ${pledge.allianceId} = ${allianceId} and ${pledge.status} = 'accepted')`,
    })
    .from(active)
    .innerJoin(organisation, eq(organisation.id, active.organisationId));
  return row ?? { signatories: 0, countries: 0, workingGroups: 0, acceptedPledges: 0 };
}

export interface TargetPeriodRow {
  target: {
    tonnes: string;
    counts: schema.TargetFlow;
    flow: schema.PledgeKind;
    year: number;
    baselineYear: number;
    baselineTonnes: string | null;
  };
  appliesFrom: string;
  replacedOn: string | null;
}

/** Each alliance's targets, earliest first, the one in force last: one statement for any number of alliances. */
export async function loadTargetHistories(
  db: Database,
  alliances: readonly schema.Alliance[],
): Promise<TargetPeriodRow[][]> {
  const rows = await db
    .select()
    .from(allianceTargetHistory)
    .where(
      inArray(
        allianceTargetHistory.allianceId,
        alliances.map((a) => a.id),
      ),
    )
    .orderBy(
      asc(allianceTargetHistory.appliedFrom),
      asc(allianceTargetHistory.createdAt),
      asc(allianceTargetHistory.id),
    );
  return alliances.map((a) => [
    ...rows
      .filter((r) => r.allianceId === a.id)
      .map((r) => ({ target: targetShape(r), appliesFrom: r.appliedFrom, replacedOn: r.replacedOn })),
    { target: targetShape(a), appliesFrom: a.targetAppliesFrom, replacedOn: null },
  ]);
}

export const targetShape = (
  row: Pick<schema.Alliance, 'targetTonnes' | 'targetFlow' | 'targetYear' | 'baselineYear' | 'baselineTonnes'>,
) => ({
  tonnes: row.targetTonnes,
  counts: row.targetFlow,
  // Target.flow, deprecated: a client that knows only one flow reads a target of both as uptake.
  flow: row.targetFlow === 'both' ? ('uptake' as const) : row.targetFlow,
  year: row.targetYear,
  baselineYear: row.baselineYear,
  baselineTonnes: row.baselineTonnes,
});

/** The secretariat's members of each alliance, by address. */
export async function loadSecretariats(db: Database, allianceIds: readonly string[]): Promise<schema.Person[][]> {
  const rows = await db
    .select({ allianceId: allianceStaff.allianceId, person })
    .from(allianceStaff)
    .innerJoin(person, eq(person.id, allianceStaff.personId))
    .where(and(inArray(allianceStaff.allianceId, [...allianceIds]), eq(allianceStaff.role, 'secretariat')))
    .orderBy(asc(person.email));
  return allianceIds.map((id) => rows.filter((r) => r.allianceId === id).map((r) => r.person));
}
