/**
 * The signatory register's filter as it lives in the URL (`?search=&country=&kind=&stage=&after=`), so that
 * every filtered page is a link, works without JavaScript and survives a reload.
 */

export const PAGE_SIZE = 25;

/** The longest search the API accepts; the form says so with maxlength. */
export const MAX_SEARCH_LENGTH = 100;

export interface SignatoryFilterValues {
  search: string;
  country: string;
  kind: string;
  stage: string;
}

const keys = ['search', 'country', 'kind', 'stage'] as const satisfies readonly (keyof SignatoryFilterValues)[];

/** The filter as typed, trimmed; codes upper-cased so that `?country=de` finds German organisations. */
export function readSignatoryFilter(params: URLSearchParams): SignatoryFilterValues {
  const read = (key: string) => (params.get(key) ?? '').trim();
  return {
    search: read('search'),
    country: read('country').toUpperCase(),
    kind: read('kind').toUpperCase(),
    stage: read('stage').toUpperCase(),
  };
}

export function hasFilter(values: SignatoryFilterValues): boolean {
  return keys.some((key) => values[key] !== '');
}

/** A link to the register with these filters, at the page after `after` (or the first page). */
export function registerHref(path: string, values: SignatoryFilterValues, after?: string | null): string {
  const params = new URLSearchParams();
  for (const key of keys) if (values[key]) params.set(key, values[key]);
  if (after) params.set('after', after);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

/** The open-data export of what the register shows with these filters (the API applies the same ones). */
export function signatoryExportHref(
  format: 'csv' | 'xlsx' | 'json',
  allianceSlug: string,
  values: SignatoryFilterValues,
  language?: string,
): string {
  const params = new URLSearchParams({ alliance: allianceSlug });
  for (const key of keys) if (values[key]) params.set(key, values[key]);
  // A workbook's columns headed in the page's language (CSV and JSON keep the field names alone).
  if (format === 'xlsx' && language) params.set('lang', language);
  return `/exports/signatories.${format}?${params}`;
}
