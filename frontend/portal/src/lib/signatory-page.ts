import type { PledgeStatus, ProgressReportStatus } from '$lib/graphql/operations.generated';

/**
 * What one signatory's public page shows of the organisation's pledges and reports. The API answers a
 * representative with its drafts and unvalidated reports too, and with the pledges of every alliance; the
 * page is the same for everyone: the pledges in force of this alliance, and their validated reports.
 */

interface PledgeOfPage<TReport> {
  status: PledgeStatus;
  alliance: { slug: string };
  reports: readonly TReport[];
}

interface ReportOfPage {
  year: number;
  status: ProgressReportStatus;
}

/** The organisation's accepted pledges to this alliance, in the API's order (newest first). */
export function pledgesInForce<TPledge extends PledgeOfPage<unknown>>(
  pledges: readonly TPledge[],
  allianceSlug: string,
): TPledge[] {
  return pledges.filter((pledge) => pledge.status === 'ACCEPTED' && pledge.alliance.slug === allianceSlug);
}

/** The validated reports of these pledges, each beside its pledge: latest year first, then in the pledges' order. */
export function validatedReportsByYear<TPledge extends PledgeOfPage<ReportOfPage>>(
  pledges: readonly TPledge[],
): { report: TPledge['reports'][number]; pledge: TPledge }[] {
  const rows = pledges.flatMap((pledge, order) =>
    pledge.reports.filter((report) => report.status === 'VALIDATED').map((report) => ({ report, pledge, order })),
  );
  rows.sort((a, b) => b.report.year - a.report.year || a.order - b.order);
  return rows.map(({ report, pledge }) => ({ report, pledge }));
}

/** An organisation's website as a link target: only http(s) addresses, never `javascript:` or the like. */
export function websiteHref(website: string | null | undefined): string | null {
  if (!website) return null;
  try {
    const url = new URL(website);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
