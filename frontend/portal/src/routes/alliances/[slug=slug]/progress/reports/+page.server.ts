import { error } from '@sveltejs/kit';
import { ProgressReportsDocument } from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import { parseReportQuery, toReportFilter } from '$lib/progress-filter';
import { execute } from '$lib/server/graphql';
import type { PageServerLoad } from './$types';

/** A page to read: it works in full without JavaScript, so it ships none (docs/adr/0025-reading-pages-without-javascript.md). */
export const csr = false;

const PAGE_SIZE = 50;

/**
 * The validated reports behind one figure of the progress page, filtered as the figure was computed: the
 * connection's totalTonnes is the figure itself, summed over every page.
 */
export const load: PageServerLoad = async ({ fetch, params, url }) => {
  const parsed = parseReportQuery(url.searchParams);
  if (parsed.problem) {
    error(400, {
      message: m.progress_reports_bad_value({ value: parsed.problem.value }),
      code: 'BAD_USER_INPUT',
      field: `filter.${parsed.problem.field}`,
    });
  }
  const after = url.searchParams.get('after') || null;
  const { alliance } = await execute(fetch, ProgressReportsDocument, {
    slug: params.slug,
    first: PAGE_SIZE,
    after,
    filter: toReportFilter(parsed.query),
  });
  return { reportsPage: alliance, query: parsed.query, after };
};
