/**
 * The pledge register's filter as it lives in the URL (`?kind=&polymer=&sector=&workingGroup=&country=&after=`),
 * so that every filtered page is a link, works without JavaScript, and the downloads carry the same filter.
 * Pure (no messages, no `$lib`): the unit tests import it as it is.
 */

export const PLEDGE_PAGE_SIZE = 25;

export interface PledgeFilterValues {
  kind: string;
  polymer: string;
  sector: string;
  workingGroup: string;
  country: string;
}

export const pledgeFilterKeys = [
  'kind',
  'polymer',
  'sector',
  'workingGroup',
  'country',
] as const satisfies readonly (keyof PledgeFilterValues)[];

/** The filter as typed, trimmed; codes upper-cased so that `?polymer=pet` finds PET pledges. */
export function readPledgeFilter(params: URLSearchParams): PledgeFilterValues {
  const read = (key: string) => (params.get(key) ?? '').trim();
  return {
    kind: read('kind').toUpperCase(),
    polymer: read('polymer').toUpperCase(),
    sector: read('sector').toUpperCase(),
    workingGroup: read('workingGroup').toLowerCase(),
    country: read('country').toUpperCase(),
  };
}

export function hasPledgeFilter(values: PledgeFilterValues): boolean {
  return pledgeFilterKeys.some((key) => values[key] !== '');
}

function filterParams(values: PledgeFilterValues): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of pledgeFilterKeys) if (values[key]) params.set(key, values[key]);
  return params;
}

/** A link to the register with these filters, at the page after `after` (or the first page). */
export function pledgeRegisterHref(path: string, values: PledgeFilterValues, after?: string | null): string {
  const params = filterParams(values);
  if (after) params.set('after', after);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

/** The open-data download of what the register shows: every matching pledge, not one page. */
export function pledgeExportHref(
  format: 'csv' | 'xlsx',
  allianceSlug: string,
  values: PledgeFilterValues,
  language?: string,
): string {
  const params = new URLSearchParams({ alliance: allianceSlug });
  for (const [key, value] of filterParams(values)) params.set(key, value);
  // A workbook's columns headed in the page's language (CSV keeps the field names alone).
  if (format === 'xlsx' && language) params.set('lang', language);
  return `/exports/pledges.${format}?${params.toString()}`;
}
