/**
 * The query string of an export, checked before anything is read. As in the pledge exports (docs/exports.md),
 * parameters an export does not know are ignored (a cache-busting `?_=…` must not break a download); a typo in
 * `alliance`, the one that matters, leaves it missing, which is an error that names it.
 */

export class QueryParameterError extends Error {
  override name = 'QueryParameterError';
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** `?alliance=<slug>`, the one parameter every export takes. */
export function parseExportQuery(query: unknown): { allianceSlug: string } {
  const params = (query && typeof query === 'object' ? query : {}) as Record<string, unknown>;
  const slug = params.alliance;
  if (slug === undefined || slug === '') {
    throw new QueryParameterError(
      'alliance',
      'The query parameter "alliance" is required: the slug of an alliance, e.g. ?alliance=circular-plastics.',
    );
  }
  if (typeof slug !== 'string') throw new QueryParameterError('alliance', 'Give "alliance" once.');
  if (slug.length > 100 || !SLUG.test(slug)) {
    throw new QueryParameterError(
      'alliance',
      'The query parameter "alliance" is an alliance slug: lower-case letters and digits joined by hyphens.',
    );
  }
  return { allianceSlug: slug };
}

/** The year of a progress report in its address: four digits. */
export function parseReportYear(year: string): number {
  if (!/^\d{4}$/.test(year)) throw new QueryParameterError('year', 'The year is four digits, e.g. 2024.');
  return Number(year);
}
