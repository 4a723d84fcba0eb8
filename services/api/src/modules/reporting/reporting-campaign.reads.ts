import { type Database, schema } from '@concord/db';
import { and, asc, desc, eq, inArray, notExists, sql } from 'drizzle-orm';
import { auditActionOf, CAMPAIGN_DATE_ACTIONS, type CampaignDateAction } from './campaign-date-actions.ts';
import { hasReport, isCountedFor } from './reporting.sql.ts';

/** The reads of reporting campaigns: a campaign by year, what each expects and who it still waits for. */
const { auditEvent, campaignReminder, organisation, pledge, progressReport, reportingCampaign } = schema;

export async function loadCampaignsOfAlliances(
  db: Database,
  allianceIds: readonly string[],
): Promise<schema.ReportingCampaign[][]> {
  const rows = await db
    .select()
    .from(reportingCampaign)
    .where(inArray(reportingCampaign.allianceId, [...new Set(allianceIds)]))
    .orderBy(desc(reportingCampaign.year));
  return allianceIds.map((id) => rows.filter((r) => r.allianceId === id));
}

export async function findCampaign(
  db: Database,
  allianceId: string,
  year: number,
): Promise<schema.ReportingCampaign | null> {
  const [row] = await db
    .select()
    .from(reportingCampaign)
    .where(and(eq(reportingCampaign.allianceId, allianceId), eq(reportingCampaign.year, year)))
    .limit(1);
  return row ?? null;
}

export interface CampaignCounts {
  expected: number;
  reported: number;
}

/** Organisations each campaign expects reports from, and how many reported for every pledge: one statement. */
export async function loadCampaignCounts(db: Database, campaignIds: readonly string[]): Promise<CampaignCounts[]> {
  const perOrganisation = db
    .select({
      campaignId: sql<string>`${reportingCampaign.id}`.as('campaign_id'),
      organisationId: pledge.organisationId,
      missing: sql<number>`count(*) filter (where not ${hasReport})`.as('missing'),
    })
    .from(reportingCampaign)
    .innerJoin(pledge, isCountedFor)
    .where(inArray(reportingCampaign.id, [...new Set(campaignIds)]))
    .groupBy(reportingCampaign.id, pledge.organisationId)
    .as('per_organisation');
  const rows = await db
    .select({
      campaignId: perOrganisation.campaignId,
      expected: sql<number>`count(*)::int`,
      reported: sql<number>`(count(*) filter (where ${perOrganisation.missing} = 0))::int`,
    })
    .from(perOrganisation)
    .groupBy(perOrganisation.campaignId);
  const byId = new Map(rows.map((r) => [r.campaignId, r]));
  return campaignIds.map((id) => ({ expected: byId.get(id)?.expected ?? 0, reported: byId.get(id)?.reported ?? 0 }));
}

export async function loadRemindersSent(db: Database, campaignIds: readonly string[]): Promise<number[]> {
  if (campaignIds.length === 0) return [];
  const rows = await db
    .select({ campaignId: campaignReminder.campaignId, n: sql<number>`count(*)::int` })
    .from(campaignReminder)
    .where(inArray(campaignReminder.campaignId, [...new Set(campaignIds)]))
    .groupBy(campaignReminder.campaignId);
  const byId = new Map(rows.map((r) => [r.campaignId, r.n]));
  return campaignIds.map((id) => byId.get(id) ?? 0);
}

export interface MissingOrganisation {
  organisation: schema.Organisation;
  /** Its pledges the campaign expects a report for and has none. */
  pledges: schema.Pledge[];
}

/** The organisations each campaign still waits for, by name, with the pledges missing a report: one statement. */
export async function loadMissingOrganisations(
  db: Database,
  campaignIds: readonly string[],
): Promise<MissingOrganisation[][]> {
  if (campaignIds.length === 0) return [];
  const rows = await db
    .select({ campaignId: reportingCampaign.id, organisation, pledge })
    .from(reportingCampaign)
    .innerJoin(pledge, isCountedFor)
    .innerJoin(organisation, eq(organisation.id, pledge.organisationId))
    .where(
      and(
        inArray(reportingCampaign.id, [...new Set(campaignIds)]),
        notExists(
          db
            .select({ one: sql`1` })
            .from(progressReport)
            .where(and(eq(progressReport.pledgeId, pledge.id), eq(progressReport.year, reportingCampaign.year))),
        ),
      ),
    )
    .orderBy(asc(organisation.legalName), asc(organisation.id), desc(pledge.tonnesPerYear), asc(pledge.id));
  return campaignIds.map((id) => {
    const byOrganisation = new Map<string, MissingOrganisation>();
    for (const row of rows) {
      if (row.campaignId !== id) continue;
      const entry = byOrganisation.get(row.organisation.id) ?? { organisation: row.organisation, pledges: [] };
      entry.pledges.push(row.pledge);
      byOrganisation.set(row.organisation.id, entry);
    }
    return [...byOrganisation.values()];
  });
}

export interface CampaignDateChange {
  at: Date;
  action: CampaignDateAction;
  previousDeadline: string | null;
  deadline: string;
  opensOn: string | null;
  reminderDays: number[] | null;
  overdueNoticeDays: number | null;
}

/**
 * `ReportingCampaign.dateChanges`: the audit log's openings, extensions, closings and reopenings of each campaign,
 * oldest first, in one statement. The audit log is the record (append-only, chained); no table repeats it.
 */
export async function loadCampaignDateChanges(
  db: Database,
  campaignIds: readonly string[],
): Promise<CampaignDateChange[][]> {
  if (campaignIds.length === 0) return [];
  const actions = new Map(CAMPAIGN_DATE_ACTIONS.map((a) => [auditActionOf(a), a]));
  const rows = await db
    .select({
      objectId: auditEvent.objectId,
      action: auditEvent.action,
      at: auditEvent.occurredAt,
      before: auditEvent.before,
      after: auditEvent.after,
    })
    .from(auditEvent)
    .where(
      and(
        eq(auditEvent.objectType, 'reporting_campaign'),
        inArray(auditEvent.objectId, [...new Set(campaignIds)]),
        inArray(auditEvent.action, [...actions.keys()]),
      ),
    )
    .orderBy(asc(auditEvent.seq));
  const byCampaign = new Map<string, CampaignDateChange[]>();
  for (const row of rows) {
    const action = actions.get(row.action);
    const deadline = (row.after as { deadline?: unknown } | null)?.deadline;
    if (!action || typeof deadline !== 'string') continue;
    const previous = (row.before as { deadline?: unknown } | null)?.deadline;
    const after = row.after as { opensOn?: unknown; reminderDays?: unknown; overdueNoticeDays?: unknown };
    const change = {
      at: row.at,
      action,
      previousDeadline: typeof previous === 'string' ? previous : null,
      deadline,
      opensOn: typeof after.opensOn === 'string' ? after.opensOn : null,
      reminderDays: Array.isArray(after.reminderDays)
        ? after.reminderDays.filter((d): d is number => typeof d === 'number')
        : null,
      overdueNoticeDays: typeof after.overdueNoticeDays === 'number' ? after.overdueNoticeDays : null,
    };
    byCampaign.set(row.objectId, [...(byCampaign.get(row.objectId) ?? []), change]);
  }
  return campaignIds.map((id) => byCampaign.get(id) ?? []);
}
