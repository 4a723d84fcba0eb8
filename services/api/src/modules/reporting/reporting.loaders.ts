import type { schema } from '@concord/db';
import type { GraphQLContext } from '../../graphql/context.ts';
import { loader } from '../../graphql/loaders.ts';
import type { SignatoryParent } from '../../graphql/mappers.ts';
import type { DocumentEntry } from '../document/document.service.ts';
import { can } from '../policy/policy.ts';
import { type ReportFlag, reportFlags } from './report-plausibility.ts';
import {
  loadDocumentsById,
  loadPledges,
  loadReportingStatuses,
  loadReportsOfPledges,
  loadRevisions,
  loadWorstReportingStatuses,
} from './reporting.reads.ts';
import {
  type CampaignCounts,
  type CampaignDateChange,
  loadCampaignCounts,
  loadCampaignDateChanges,
  loadCampaignsOfAlliances,
  loadMissingOrganisations,
  loadRemindersSent,
  type MissingOrganisation,
} from './reporting-campaign.reads.ts';
import { utcDate } from './reporting-dates.ts';
import type { ReportingStatus } from './reporting-status.ts';

type Campaign = schema.ReportingCampaign;
type MissingReporter = MissingOrganisation & { reportingStatus: ReportingStatus };

/** Who each campaign waits for, with each one's status in the campaign's alliance: two statements in all. */
async function loadMissingReporters(
  db: GraphQLContext['db'],
  campaigns: readonly Campaign[],
  today: string,
): Promise<MissingReporter[][]> {
  const missing = await loadMissingOrganisations(
    db,
    campaigns.map((c) => c.id),
  );
  const pairs = campaigns.flatMap((c, i) =>
    (missing[i] ?? []).map((m) => ({ organisationId: m.organisation.id, allianceId: c.allianceId })),
  );
  const statuses = await loadReportingStatuses(db, pairs, today);
  let next = 0;
  return campaigns.map((_c, i) =>
    (missing[i] ?? []).map((m) => ({ ...m, reportingStatus: statuses[next++] ?? 'new' })),
  );
}
type Report = schema.ProgressReport;

// expectedOrganisations and reportedOrganisations come from one statement per request, whichever is asked.
const countsByRequest = new WeakMap<object, Map<string, Promise<CampaignCounts>>>();
function campaignCounts(context: GraphQLContext, ids: readonly string[]): Promise<CampaignCounts[]> {
  const memo = countsByRequest.get(context) ?? new Map<string, Promise<CampaignCounts>>();
  countsByRequest.set(context, memo);
  const unknown = [...new Set(ids.filter((id) => !memo.has(id)))];
  if (unknown.length > 0) {
    const loaded = loadCampaignCounts(context.db, unknown);
    unknown.forEach((id, i) => {
      memo.set(
        id,
        loaded.then((rows) => rows[i] ?? { expected: 0, reported: 0 }),
      );
    });
  }
  return Promise.all(ids.map((id) => memo.get(id) ?? Promise.resolve({ expected: 0, reported: 0 })));
}

/** Runs `load` for the parents the caller may see, and answers `hidden` for the others, in the order asked. */
async function forVisible<TParent, TResult>(
  queries: readonly { obj: TParent }[],
  isVisible: (parent: TParent) => boolean,
  load: (visible: TParent[]) => Promise<TResult[]>,
  hidden: TResult,
): Promise<TResult[]> {
  const visible = queries.map((q) => isVisible(q.obj));
  const results = await load(queries.filter((_q, i) => visible[i]).map((q) => q.obj));
  let next = 0;
  return visible.map((isShown) => (isShown ? (results[next++] ?? hidden) : hidden));
}

export const reportingLoaders = {
  Alliance: {
    reportingCampaigns: loader<schema.Alliance, Campaign[]>((queries, { db }) =>
      loadCampaignsOfAlliances(
        db,
        queries.map((q) => q.obj.id),
      ),
    ),
  },
  ReportingCampaign: {
    expectedOrganisations: loader<Campaign, number>(async (queries, context) =>
      (
        await campaignCounts(
          context,
          queries.map((q) => q.obj.id),
        )
      ).map((c) => c.expected),
    ),
    reportedOrganisations: loader<Campaign, number>(async (queries, context) =>
      (
        await campaignCounts(
          context,
          queries.map((q) => q.obj.id),
        )
      ).map((c) => c.reported),
    ),
    dateChanges: loader<Campaign, CampaignDateChange[]>((queries, { db }) =>
      loadCampaignDateChanges(
        db,
        queries.map((q) => q.obj.id),
      ),
    ),
    // Who was reminded and who is missing are the secretariat's working lists: others get 0 and [].
    remindersSent: loader<Campaign, number>(async (queries, context) => {
      const actor = await context.actor();
      return forVisible(
        queries,
        (c) => can(actor, { action: 'campaign.viewWorkingLists', allianceId: c.allianceId }),
        (visible) =>
          loadRemindersSent(
            context.db,
            visible.map((c) => c.id),
          ),
        0,
      );
    }),
    missingOrganisations: loader<Campaign, schema.Organisation[]>(async (queries, context) => {
      const actor = await context.actor();
      return forVisible(
        queries,
        (c) => can(actor, { action: 'campaign.viewWorkingLists', allianceId: c.allianceId }),
        async (visible) =>
          (
            await loadMissingOrganisations(
              context.db,
              visible.map((c) => c.id),
            )
          ).map((list) => list.map((m) => m.organisation)),
        [],
      );
    }),
    missingReporters: loader<Campaign, MissingReporter[]>(async (queries, context) => {
      const actor = await context.actor();
      return forVisible(
        queries,
        (c) => can(actor, { action: 'campaign.viewWorkingLists', allianceId: c.allianceId }),
        (visible) => loadMissingReporters(context.db, visible, utcDate(new Date())),
        [],
      );
    }),
  },
  // Deprecated: the worst of the organisation's statuses in every alliance (a status is about one alliance).
  Organisation: {
    reportingStatus: loader<schema.Organisation, ReportingStatus>(async (queries, { db }) =>
      loadWorstReportingStatuses(
        db,
        queries.map((q) => q.obj.id),
        utcDate(new Date()),
      ),
    ),
  },
  // The status in the alliance signed: one statement for a page of signatories or a list of signatures.
  Signatory: {
    reportingStatus: loader<SignatoryParent, ReportingStatus>(async (queries, { db }) =>
      loadReportingStatuses(
        db,
        queries.map((q) => ({ organisationId: q.obj.organisation.id, allianceId: q.obj.allianceId })),
        utcDate(new Date()),
      ),
    ),
  },
  Signature: {
    reportingStatus: loader<schema.Signature, ReportingStatus>(async (queries, { db }) =>
      loadReportingStatuses(
        db,
        queries.map((q) => ({ organisationId: q.obj.organisationId, allianceId: q.obj.allianceId })),
        utcDate(new Date()),
      ),
    ),
  },
  Pledge: {
    // The public sees validated reports; the organisation and the secretariat see all of them.
    reports: loader<schema.Pledge, Report[]>(async (queries, context) => {
      const actor = await context.actor();
      const reports = await loadReportsOfPledges(
        context.db,
        queries.map((q) => q.obj.id),
      );
      return queries.map((q, i) => {
        const all = reports[i] ?? [];
        const seesAll = can(actor, {
          action: 'report.viewAll',
          allianceId: q.obj.allianceId,
          organisationId: q.obj.organisationId,
        });
        return seesAll ? all : all.filter((r) => r.status === 'validated');
      });
    }),
  },
  ProgressReport: {
    // What the secretariat should look at before validating: for it and the organisation, not the public.
    flags: loader<Report, ReportFlag[]>(async (queries, context) => {
      const actor = await context.actor();
      const pledges = await loadPledges(
        context.db,
        queries.map((q) => q.obj.pledgeId),
      );
      return queries.map((q, i) => {
        const pledge = pledges[i];
        const isVisible =
          pledge &&
          can(actor, {
            action: 'report.viewAll',
            allianceId: pledge.allianceId,
            organisationId: pledge.organisationId,
          });
        return isVisible ? reportFlags(q.obj, pledge) : [];
      });
    }),
    pledge: loader<Report, schema.Pledge | null>((queries, { db }) =>
      loadPledges(
        db,
        queries.map((q) => q.obj.pledgeId),
      ),
    ),
    evidence: loader<Report, DocumentEntry | null>(async (queries, { db }) => {
      const ids = queries.map((q) => q.obj.evidenceDocumentId);
      const found = await loadDocumentsById(
        db,
        ids.filter((id): id is string => id !== null),
      );
      const byId = new Map(found.filter((d) => d !== null).map((d) => [d.id, d]));
      return ids.map((id) => (id ? (byId.get(id) ?? null) : null));
    }),
    // Earlier figures are between the organisation and the secretariat; the public sees the one in force.
    revisions: loader<Report, schema.ProgressReportRevision[]>(async (queries, context) => {
      const actor = await context.actor();
      const found = await loadRevisions(
        context.db,
        queries.map((q) => q.obj.id),
      );
      return found.map((entry) =>
        entry &&
        can(actor, { action: 'report.viewAll', allianceId: entry.allianceId, organisationId: entry.organisationId })
          ? entry.revisions
          : [],
      );
    }),
  },
};
