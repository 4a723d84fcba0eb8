import { type Database, schema } from '@concord/db';
import { isTonnesFigure } from '@concord/schema/values';
import { and, asc, desc, eq, getTableColumns, inArray, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import { badInput } from '../../errors.ts';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import { type Page, toPage } from '../../lib/pagination.ts';
import { isUuid } from '../../lib/validate.ts';
import type { DocumentEntry } from '../document/document.service.ts';
import { reportingStatusOf } from './reporting.sql.ts';
import type { ReportingStatus } from './reporting-status.ts';

const {
  alliance,
  allianceStaff,
  document,
  organisation,
  organisationMember,
  person,
  pledge,
  progressReport,
  progressReportRevision,
  workingGroup,
} = schema;

// ————— reporting status —————

/** Worst last: the order in which an organisation's statuses in several alliances are summed up. */
const severity: Record<ReportingStatus, number> = { new: 0, active: 1, not_reporting: 2, inactive: 3 };

/** Every status of the given organisations in the given alliances (all alliances when omitted): one statement. */
function statusesInAlliances(
  db: Database,
  organisationIds: readonly string[],
  allianceIds: readonly string[] | undefined,
  today: string,
) {
  return db
    .select({
      organisationId: organisation.id,
      allianceId: alliance.id,
      status: reportingStatusOf(organisation.id, alliance.id, today),
    })
    .from(organisation)
    .crossJoin(alliance)
    .where(
      and(
        inArray(organisation.id, [...new Set(organisationIds)]),
        allianceIds ? inArray(alliance.id, [...new Set(allianceIds)]) : undefined,
      ),
    );
}

/**
 * Each organisation's reporting status in one alliance, for pairs of an organisation and an alliance (the
 * signatories of a register page, an organisation's signatures), in one statement whatever the number of
 * pairs: the rule of `deriveReportingStatus` in SQL (reporting.sql.ts), as the open-data signatories file
 * reads it too. Organisations no closed campaign of the alliance expected are NEW there.
 */
export async function loadReportingStatuses(
  db: Database,
  pairs: readonly { organisationId: string; allianceId: string }[],
  today: string,
): Promise<ReportingStatus[]> {
  if (pairs.length === 0) return [];
  const rows = await statusesInAlliances(
    db,
    pairs.map((p) => p.organisationId),
    pairs.map((p) => p.allianceId),
    today,
  );
  const byPair = new Map(rows.map((r) => [`${r.organisationId}/${r.allianceId}`, r.status]));
  return pairs.map((p) => byPair.get(`${p.organisationId}/${p.allianceId}`) ?? 'new');
}

/**
 * Each organisation's worst status over every alliance of the deployment (INACTIVE, then NOT_REPORTING, then
 * ACTIVE, then NEW), in one statement: what the deprecated `Organisation.reportingStatus` answers.
 */
export async function loadWorstReportingStatuses(
  db: Database,
  organisationIds: readonly string[],
  today: string,
): Promise<ReportingStatus[]> {
  if (organisationIds.length === 0) return [];
  const rows = await statusesInAlliances(db, organisationIds, undefined, today);
  const worst = new Map<string, ReportingStatus>();
  for (const r of rows) {
    const known = worst.get(r.organisationId) ?? 'new';
    if (severity[r.status] > severity[known]) worst.set(r.organisationId, r.status);
  }
  return organisationIds.map((id) => worst.get(id) ?? 'new');
}

// ————— reports —————

export interface ReportFilter {
  year?: number | undefined;
  statuses?: readonly schema.ProgressReportStatus[] | undefined;
  kind?: schema.PledgeKind | undefined;
  polymer?: schema.Polymer | undefined;
  sector?: schema.ApplicationSector | undefined;
  workingGroupSlug?: string | undefined;
  /** true: pledges in no working group (the breakdown's NONE); false: pledges in some group. */
  withoutWorkingGroup?: boolean | undefined;
  country?: string | undefined;
  organisationKind?: schema.OrganisationKind | undefined;
  organisationId?: string | undefined;
}

/**
 * Reports of accepted pledges, filtered the way the progress figures are computed, so that the list's total
 * is the figure it explains (withdrawn pledges leave both).
 */
function reportConditions(allianceId: string, filter: ReportFilter): SQL[] {
  // A lapsed pledge's reports stay in their years, as in the rollups (docs/adr/0010-lapsed-pledges.md).
  const conditions: SQL[] = [eq(pledge.allianceId, allianceId), inArray(pledge.status, ['accepted', 'lapsed'])];
  if (filter.year !== undefined) conditions.push(eq(progressReport.year, filter.year));
  if (filter.statuses) conditions.push(inArray(progressReport.status, [...filter.statuses]));
  if (filter.kind) conditions.push(eq(pledge.kind, filter.kind));
  if (filter.polymer) conditions.push(eq(pledge.polymer, filter.polymer));
  if (filter.sector) conditions.push(eq(pledge.sector, filter.sector));
  if (filter.organisationId) conditions.push(eq(pledge.organisationId, filter.organisationId));
  // The organisation's country and kind as they are now, as the rollups keep them.
  if (filter.country || filter.organisationKind) {
    conditions.push(
      sql`exists (select 1 from ${organisation} where ${and(
        sql`${organisation.id} = ${pledge.organisationId}`,
        filter.country ? eq(organisation.country, filter.country) : undefined,
        filter.organisationKind ? eq(organisation.kind, filter.organisationKind) : undefined,
      )})`,
    );
  }
  if (filter.withoutWorkingGroup !== undefined) {
    conditions.push(filter.withoutWorkingGroup ? isNull(pledge.workingGroupId) : isNotNull(pledge.workingGroupId));
  }
  if (filter.workingGroupSlug) {
    conditions.push(
      sql`${pledge.workingGroupId} = (select ${workingGroup.id} from ${workingGroup} where ${workingGroup.allianceId} = ${allianceId} and ${workingGroup.slug} = ${filter.workingGroupSlug})`,
    );
  }
  return conditions;
}

const reportColumns = getTableColumns(progressReport);

/** The traceability list: latest year first, then the largest contributions. */
export async function listProgressReports(
  db: Database,
  allianceId: string,
  { first, after, filter }: { first: number; after?: string | null | undefined; filter: ReportFilter },
): Promise<Page<schema.ProgressReport>> {
  const conditions = reportConditions(allianceId, filter);
  if (after) {
    const [year, tonnes, id] = decodeCursor(after, ['number', 'string', 'string']) as [number, string, string];
    if (!Number.isInteger(year) || !isTonnesFigure(tonnes) || !isUuid(id)) {
      throw badInput('after', 'The cursor is not one this API issued.');
    }
    conditions.push(
      sql`(${progressReport.year}, ${progressReport.tonnesAchieved}, ${progressReport.id}) < (${year}::int, ${tonnes}::numeric, ${id}::uuid)`,
    );
  }
  const rows = await db
    .select(reportColumns)
    .from(progressReport)
    .innerJoin(pledge, eq(pledge.id, progressReport.pledgeId))
    .where(and(...conditions))
    .orderBy(desc(progressReport.year), desc(progressReport.tonnesAchieved), desc(progressReport.id))
    .limit(first + 1);
  return toPage(rows, first);
}

export const progressReportCursor = (row: schema.ProgressReport) =>
  encodeCursor([row.year, row.tonnesAchieved, row.id]);

/** Count and tonnes over every matching report, on all pages: summed in SQL, exact. */
export async function summariseProgressReports(
  db: Database,
  allianceId: string,
  filter: ReportFilter,
): Promise<{ totalCount: number; totalTonnes: string }> {
  const [row] = await db
    .select({
      totalCount: sql<number>`count(*)::int`,
      totalTonnes: sql<string>`coalesce(sum(${progressReport.tonnesAchieved}), 0)::numeric(14,3)::text`,
    })
    .from(progressReport)
    .innerJoin(pledge, eq(pledge.id, progressReport.pledgeId))
    .where(and(...reportConditions(allianceId, filter)));
  return row ?? { totalCount: 0, totalTonnes: '0.000' };
}

/** Submitted reports waiting for the secretariat, oldest submission first. */
export async function listValidationQueue(
  db: Database,
  allianceId: string,
  { first, after }: { first: number; after?: string | null | undefined },
): Promise<Page<schema.ProgressReport>> {
  const conditions = reportConditions(allianceId, { statuses: ['submitted'] });
  if (after) {
    const [at, id] = decodeCursor(after, ['string', 'string']) as [string, string];
    if (Number.isNaN(Date.parse(at)) || !isUuid(id)) throw badInput('after', 'The cursor is not one this API issued.');
    conditions.push(sql`(${progressReport.submittedAt}, ${progressReport.id}) > (${at}::timestamptz, ${id}::uuid)`);
  }
  const rows = await db
    .select(reportColumns)
    .from(progressReport)
    .innerJoin(pledge, eq(pledge.id, progressReport.pledgeId))
    .where(and(...conditions))
    .orderBy(asc(progressReport.submittedAt), asc(progressReport.id))
    .limit(first + 1);
  return toPage(rows, first);
}

export const validationQueueCursor = (row: schema.ProgressReport) =>
  encodeCursor([row.submittedAt.toISOString(), row.id]);

/** Every report of each pledge, by year. */
export async function loadReportsOfPledges(
  db: Database,
  pledgeIds: readonly string[],
): Promise<schema.ProgressReport[][]> {
  const rows = await db
    .select()
    .from(progressReport)
    .where(inArray(progressReport.pledgeId, [...new Set(pledgeIds)]))
    .orderBy(asc(progressReport.year));
  return pledgeIds.map((id) => rows.filter((r) => r.pledgeId === id));
}

export async function loadPledges(db: Database, ids: readonly string[]): Promise<(schema.Pledge | null)[]> {
  const rows = await db
    .select()
    .from(pledge)
    .where(inArray(pledge.id, [...new Set(ids)]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id) ?? null);
}

const { content: _content, ...documentEntryColumns } = getTableColumns(document);

export async function loadDocumentsById(db: Database, ids: readonly string[]): Promise<(DocumentEntry | null)[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select(documentEntryColumns)
    .from(document)
    .where(inArray(document.id, [...new Set(ids)]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id) ?? null);
}

export interface ReportRevisions {
  /** Whose report it is, for the rights to see its history. */
  organisationId: string;
  allianceId: string;
  revisions: schema.ProgressReportRevision[];
}

/** Each report's earlier submissions, oldest first, with the pledge's owner: one statement. */
export async function loadRevisions(db: Database, reportIds: readonly string[]): Promise<(ReportRevisions | null)[]> {
  const rows = await db
    .select({
      reportId: progressReport.id,
      organisationId: pledge.organisationId,
      allianceId: pledge.allianceId,
      revision: progressReportRevision,
    })
    .from(progressReport)
    .innerJoin(pledge, eq(pledge.id, progressReport.pledgeId))
    .leftJoin(progressReportRevision, eq(progressReportRevision.reportId, progressReport.id))
    .where(inArray(progressReport.id, [...new Set(reportIds)]))
    .orderBy(asc(progressReportRevision.revision));
  const byReport = new Map<string, ReportRevisions>();
  for (const row of rows) {
    const entry = byReport.get(row.reportId) ?? {
      organisationId: row.organisationId,
      allianceId: row.allianceId,
      revisions: [],
    };
    if (row.revision) entry.revisions.push(row.revision);
    byReport.set(row.reportId, entry);
  }
  return reportIds.map((id) => byReport.get(id) ?? null);
}

// ————— for mutations and reminders —————

export interface ReportContext {
  report: schema.ProgressReport;
  pledge: schema.Pledge;
  alliance: { id: string; name: string; slug: string };
  organisationName: string;
}

export async function findReportContext(db: Database, reportId: string): Promise<ReportContext | null> {
  const [row] = await db
    .select({
      report: progressReport,
      pledge,
      alliance: { id: alliance.id, name: alliance.name, slug: alliance.slug },
      organisationName: organisation.legalName,
    })
    .from(progressReport)
    .innerJoin(pledge, eq(pledge.id, progressReport.pledgeId))
    .innerJoin(alliance, eq(alliance.id, pledge.allianceId))
    .innerJoin(organisation, eq(organisation.id, pledge.organisationId))
    .where(eq(progressReport.id, reportId))
    .limit(1);
  return row ?? null;
}

export interface Recipient {
  organisationId: string;
  personId: string;
  email: string;
  locale: string;
}

/** The representatives of each organisation: who reminders and questions go to. */
export async function loadRepresentatives(db: Database, organisationIds: readonly string[]): Promise<Recipient[]> {
  if (organisationIds.length === 0) return [];
  return db
    .select({
      organisationId: organisationMember.organisationId,
      personId: person.id,
      email: person.email,
      locale: person.locale,
    })
    .from(organisationMember)
    .innerJoin(person, eq(person.id, organisationMember.personId))
    .where(inArray(organisationMember.organisationId, [...new Set(organisationIds)]))
    .orderBy(asc(person.email));
}

export async function loadSecretariatStaff(
  db: Database,
  allianceId: string,
): Promise<{ personId: string; email: string; locale: string }[]> {
  return db
    .select({ personId: person.id, email: person.email, locale: person.locale })
    .from(allianceStaff)
    .innerJoin(person, eq(person.id, allianceStaff.personId))
    .where(and(eq(allianceStaff.allianceId, allianceId), eq(allianceStaff.role, 'secretariat')))
    .orderBy(asc(person.email));
}
