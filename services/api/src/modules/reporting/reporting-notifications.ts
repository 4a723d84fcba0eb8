import type { Database, schema } from '@concord/db';
import type { PledgeSummary } from '@concord/notifications';
import type { Config } from '../../config.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { loadRepresentatives, type ReportContext } from './reporting.reads.ts';

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
