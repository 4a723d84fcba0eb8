import type { Database, schema } from '@concord/db';
import type { PledgeSummary } from '@concord/notifications';
import type { Config } from '../../config.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { loadRepresentatives, type ReportContext } from './reporting.reads.ts';
import { loadMissingOrganisations } from './reporting-campaign.reads.ts';
import { utcDate } from './reporting-dates.ts';

/**
 * The e-mails of progress reporting, enqueued in the caller's transaction: they go out if and only if what
 * they announce commits.
 */

export const pledgeSummary = (row: schema.Pledge): PledgeSummary => ({
  kind: row.kind,
  polymer: row.polymer,
  tonnesPerYear: row.tonnesPerYear,
  targetYear: row.targetYear,
  version: row.currentVersion,
});

/** Where a representative reports (the portal's /account/reports, on the campaign's year). */
export const reportUrl = (config: Config, allianceSlug: string, year: number) =>
  `${config.publicUrl}/account/reports?alliance=${encodeURIComponent(allianceSlug)}&year=${year}`;

/** The organisation's representatives hear of a query or a reopening, and where to answer it. */
export async function notifyOfQuestion(
  tx: Database,
  jobs: JobQueue,
  config: Config,
  context: ReportContext,
  isReopened: boolean,
): Promise<void> {
  const { report } = context;
  const representatives = await loadRepresentatives(tx, [context.pledge.organisationId]);
  for (const person of representatives) {
    await jobs.enqueue(tx, 'send-email', {
      idempotencyKey: `progress-report-queried:${report.id}:${report.queriedAt?.getTime()}:${person.personId}`,
      template: 'progress-report-queried',
      to: person.email,
      locale: person.locale,
      data: {
        organisationName: context.organisationName,
        allianceName: context.alliance.name,
        year: report.year,
        pledge: pledgeSummary(context.pledge),
        question: report.queryQuestion ?? '',
        isReopened,
        reportUrl: reportUrl(config, context.alliance.slug, report.year),
      },
    });
  }
}

/**
 * A campaign's dates changed (extended, reopened, closed): each representative of the organisations it still expects
 * a report from (as the change left it: the reminders' population) gets one e-mail in their language naming those
 * organisations, what changed and the date that now holds. Enqueued in the change's transaction (the queue is the
 * outbox); the key holds the change's audit event, so it is once per person and change, however changes race. An
 * organisation that has reported on every pledge is not told. Returns how many people were told.
 */
export async function notifyOfDateChange(
  tx: Database,
  jobs: JobQueue,
  config: Config,
  {
    alliance,
    campaign,
    change,
    previousDeadline,
    eventSeq,
  }: {
    alliance: Pick<schema.Alliance, 'name' | 'slug'>;
    campaign: schema.ReportingCampaign;
    change: 'extended' | 'reopened' | 'closed';
    previousDeadline: string;
    eventSeq: number;
  },
): Promise<number> {
  const [missing = []] = await loadMissingOrganisations(tx, [campaign.id]);
  const names = new Map(missing.map((m) => [m.organisation.id, m.organisation.legalName]));
  const people = new Map<string, { email: string; locale: string; organisationNames: string[] }>();
  for (const person of await loadRepresentatives(tx, [...names.keys()])) {
    const entry = people.get(person.personId) ?? { email: person.email, locale: person.locale, organisationNames: [] };
    entry.organisationNames.push(names.get(person.organisationId) ?? '');
    people.set(person.personId, entry);
  }
  const date = change === 'closed' && campaign.closedAt ? utcDate(campaign.closedAt) : campaign.deadline;
  for (const [personId, person] of people) {
    await jobs.enqueue(tx, 'send-email', {
      idempotencyKey: `reporting-campaign-changed:${campaign.id}:${eventSeq}:${personId}`,
      template: 'reporting-campaign-changed',
      to: person.email,
      locale: person.locale,
      data: {
        allianceName: alliance.name,
        organisationNames: person.organisationNames.sort((a, b) => a.localeCompare(b)),
        year: campaign.year,
        change,
        previousDeadline,
        date,
        reportUrl: reportUrl(config, alliance.slug, campaign.year),
      },
    });
  }
  return people.size;
}
