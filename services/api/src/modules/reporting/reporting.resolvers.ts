import type { schema } from '@concord/db';
import { badInput, DomainError, notFound } from '../../errors.ts';
import type { GraphQLContext } from '../../graphql/context.ts';
import type { ProgressReportConnectionParent } from '../../graphql/mappers.ts';
import type { ProgressReportFilter, Resolvers } from '../../graphql/resolvers.generated.ts';
import { checkFirst, type Page, toConnection } from '../../lib/pagination.ts';
import { isUuid } from '../../lib/validate.ts';
import { type Actor, authorize, can } from '../policy/policy.ts';
import {
  listProgressReports,
  listValidationQueue,
  progressReportCursor,
  type ReportFilter,
  summariseProgressReports,
  validationQueueCursor,
} from './reporting.reads.ts';
import { findCampaign } from './reporting-campaign.reads.ts';
import { isCampaignClosed, isCampaignOpen, reportsCloseOn, takesReports, utcDate } from './reporting-dates.ts';
import { answerProgressReportQuery } from './use-cases/answer-progress-report-query.ts';
import { closeReportingCampaign } from './use-cases/close-reporting-campaign.ts';
import { extendReportingCampaign } from './use-cases/extend-reporting-campaign.ts';
import { openReportingCampaign } from './use-cases/open-reporting-campaign.ts';
import { queryProgressReport } from './use-cases/query-progress-report.ts';
import { reopenProgressReport } from './use-cases/reopen-progress-report.ts';
import { reopenReportingCampaign } from './use-cases/reopen-reporting-campaign.ts';
import { rescheduleReportingCampaign } from './use-cases/reschedule-reporting-campaign.ts';
import { submitProgressReport } from './use-cases/submit-progress-report.ts';
import { validateProgressReport } from './use-cases/validate-progress-report.ts';

async function deps(context: GraphQLContext) {
  return { db: context.db, jobs: context.jobs, config: context.config, actor: await context.actor() };
}

/** The totals run at most once per connection, and only when asked for. */
function withSummary(
  page: Page<schema.ProgressReport>,
  cursorOf: (row: schema.ProgressReport) => string,
  after: string | null | undefined,
  summarise: () => Promise<{ totalCount: number; totalTonnes: string }>,
): ProgressReportConnectionParent {
  let summary: Promise<{ totalCount: number; totalTonnes: string }> | undefined;
  return {
    ...toConnection(page, cursorOf, Boolean(after)),
    summary: () => {
      summary ??= summarise();
      return summary;
    },
  };
}

/**
 * What a caller may see of the reports: the public sees validated reports only (asking for another status
 * is FORBIDDEN, not an empty list that would look like "none"); the secretariat sees every status, and so
 * does an organisation's representative when the list is filtered to that organisation.
 */
function parseReportFilter(
  filter: ProgressReportFilter | null | undefined,
  actor: Actor | null,
  allianceId: string,
): ReportFilter {
  const organisationId = filter?.organisationId ?? undefined;
  if (organisationId !== undefined && !isUuid(organisationId)) {
    throw badInput('filter.organisationId', 'This is not an organisation id.');
  }
  const workingGroupSlug = filter?.workingGroup ?? undefined;
  const withoutWorkingGroup = filter?.withoutWorkingGroup ?? undefined;
  if (withoutWorkingGroup === true && workingGroupSlug !== undefined) {
    throw badInput('filter.withoutWorkingGroup', 'Reports cannot be in no working group and in one at once.');
  }
  const status = filter?.status ?? undefined;
  const isPrivileged = can(actor, { action: 'report.viewAll', allianceId, organisationId: organisationId ?? null });
  if (!isPrivileged && status !== undefined && status !== 'validated') {
    throw new DomainError('FORBIDDEN', 'Only validated reports are public.');
  }
  return {
    year: filter?.year ?? undefined,
    statuses: status ? [status] : isPrivileged ? undefined : ['validated'],
    kind: filter?.kind ?? undefined,
    polymer: filter?.polymer ?? undefined,
    sector: filter?.sector ?? undefined,
    workingGroupSlug,
    withoutWorkingGroup,
    country: filter?.country ?? undefined,
    organisationKind: filter?.organisationKind ?? undefined,
    organisationId,
  };
}

/** Reporting campaigns, progress reports and their validation, reporting status (issue 5). */
export const reportingResolvers: Resolvers = {
  Mutation: {
    openReportingCampaign: async (_root, { allianceSlug, input }, context) =>
      openReportingCampaign({ ...(await deps(context)), allianceSlug, input }),
    extendReportingCampaign: async (_root, { allianceSlug, year, deadline, notify }, context) =>
      extendReportingCampaign({ ...(await deps(context)), allianceSlug, year, deadline, notify: notify ?? true }),
    closeReportingCampaign: async (_root, { allianceSlug, year }, context) =>
      closeReportingCampaign({ ...(await deps(context)), allianceSlug, year }),
    reopenReportingCampaign: async (_root, { allianceSlug, year, deadline, notify }, context) =>
      reopenReportingCampaign({ ...(await deps(context)), allianceSlug, year, deadline, notify: notify ?? true }),
    rescheduleReportingCampaign: async (_root, { allianceSlug, year, input }, context) =>
      rescheduleReportingCampaign({ ...(await deps(context)), allianceSlug, year, input }),
    submitProgressReport: async (_root, { input }, context) =>
      submitProgressReport({ ...(await deps(context)), input }),
    validateProgressReport: async (_root, { id }, context) =>
      validateProgressReport({ ...(await deps(context)), reportId: id }),
    queryProgressReport: async (_root, { id, question }, context) =>
      queryProgressReport({ ...(await deps(context)), reportId: id, question }),
    answerProgressReportQuery: async (_root, { id, answer, tonnesAchieved }, context) =>
      answerProgressReportQuery({ ...(await deps(context)), reportId: id, answer, tonnesAchieved }),
    reopenProgressReport: async (_root, { id, reason }, context) =>
      reopenProgressReport({ ...(await deps(context)), reportId: id, reason }),
  },
  Alliance: {
    reportingCampaign: async (alliance, { year }, { db }) => {
      const campaign = await findCampaign(db, alliance.id, year);
      if (!campaign) throw notFound(`No reporting campaign for ${year}.`);
      return campaign;
    },
    progressReports: async (alliance, { first, after, filter }, context) => {
      const limit = checkFirst(first, 50);
      const parsed = parseReportFilter(filter, await context.actor(), alliance.id);
      const page = await listProgressReports(context.db, alliance.id, { first: limit, after, filter: parsed });
      return withSummary(page, progressReportCursor, after, () =>
        summariseProgressReports(context.db, alliance.id, parsed),
      );
    },
    reportValidationQueue: async (alliance, { first, after }, context) => {
      authorize(await context.actor(), { action: 'report.validate', allianceId: alliance.id });
      const page = await listValidationQueue(context.db, alliance.id, { first: checkFirst(first, 50), after });
      return withSummary(page, validationQueueCursor, after, () =>
        summariseProgressReports(context.db, alliance.id, { statuses: ['submitted'] }),
      );
    },
  },
  ReportingCampaign: {
    reminderDays: (campaign) => [...campaign.reminderDays].sort((a, b) => b - a),
    isOpen: (campaign) => isCampaignOpen(campaign, utcDate(new Date())),
    isClosed: (campaign) => isCampaignClosed(campaign, utcDate(new Date())),
    takesReportsUntil: (campaign) => (campaign.closedAt ? null : reportsCloseOn(campaign)),
    takesReportsNow: (campaign) => takesReports(campaign, utcDate(new Date())),
  },
  ProgressReportConnection: {
    totalCount: async (connection) => (await connection.summary()).totalCount,
    totalTonnes: async (connection) => (await connection.summary()).totalTonnes,
  },
};
