/**
 * The reporting rules as SQL fragments: which pledges a campaign expects a report for, and an organisation's
 * reporting status. Written once, for the reporting reads (reporting.reads.ts, reporting-campaign.reads.ts)
 * and for the reads of other modules that show the status beside other columns (the open-data signatories
 * file), so that every place derives it the same way.
 */
import { schema } from '@concord/db';
import { type AnyColumn, and, eq, type SQL, sql } from 'drizzle-orm';
import type { ReportingStatus } from './reporting-status.ts';

const { pledge, progressReport, reportingCampaign } = schema;

/** 00:00 UTC of the campaign's deadline date. */
const deadlineStart = sql`(${reportingCampaign.deadline}::timestamp at time zone 'UTC')`;

/**
 * The pledges a campaign expects a report for: accepted, and accepted before the campaign's deadline (a
 * pledge accepted on the deadline day or later is first expected in the next campaign). A withdrawn pledge
 * leaves every campaign, as it leaves every total.
 */
export const isCountedFor = and(
  eq(pledge.allianceId, reportingCampaign.allianceId),
  eq(pledge.status, 'accepted'),
  sql`${pledge.decidedAt} < ${deadlineStart}`,
) as SQL;

/**
 * The campaign counts as closed on `today` (`YYYY-MM-DD`): its deadline has passed, or the secretariat closed it
 * (ADR 0030). The reporting status and the headline year are derived from closed campaigns only; reporting-dates.ts
 * `isCampaignClosed` is the same rule in TypeScript.
 */
export function isClosedOn(today: string): SQL {
  return sql`(${reportingCampaign.deadline} < ${today}::date or ${reportingCampaign.closedAt} is not null)`;
}

/** The pledge has a report for the campaign's year, in any status: a submitted report is a report. */
export const hasReport = sql`exists (select 1 from ${progressReport} where ${progressReport.pledgeId} = ${pledge.id} and ${progressReport.year} = ${reportingCampaign.year})`;

/**
 * The reporting status in one alliance of the organisation `organisationId` refers to (each a column of the
 * enclosing query, or a value), on `today` (`YYYY-MM-DD`): a scalar subquery, so that a list of
 * organisations gets every status in the statement that reads the list. Per closed campaign of that alliance
 * that expected a report of it, whether it reported for every pledge to that alliance; then the rule of
 * `deriveReportingStatus` (reporting-status.ts) on the last two of them. A status is about one alliance:
 * missing another alliance's deadline does not change it. Organisations no closed campaign of the alliance
 * expected are NEW there. The enclosing query must not read `pledge` or `reporting_campaign` itself (the
 * subquery's own tables would hide its columns).
 */
export function reportingStatusOf(organisationId: AnyColumn | SQL, allianceId: AnyColumn | SQL, today: string) {
  const perCampaign = sql`select bool_and(${hasReport}) as has_reported,
      row_number() over (order by ${reportingCampaign.deadline} desc, ${reportingCampaign.id} desc) as n
    from ${pledge}
    join ${reportingCampaign} on ${isCountedFor} and ${isClosedOn(today)}
    where ${pledge.organisationId} = ${organisationId} and ${reportingCampaign.allianceId} = ${allianceId}
    group by ${reportingCampaign.id}, ${reportingCampaign.deadline}`;
  const last = sql`bool_or(ranked.has_reported) filter (where ranked.n = 1)`;
  const previous = sql`bool_or(ranked.has_reported) filter (where ranked.n = 2)`;
  return sql<ReportingStatus>`(select case when ${last} is null then 'new' when ${last} then 'active'
    when ${previous} = false then 'inactive' else 'not_reporting' end
    from (${perCampaign}) as ranked where ranked.n <= 2)`;
}
