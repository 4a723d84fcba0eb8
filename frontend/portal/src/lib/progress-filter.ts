import type {
  ApplicationSector,
  OrganisationKind,
  PledgeKind,
  Polymer,
  ProgressReportFilter,
} from '$lib/graphql/operations.generated';
import { isOrganisationKind, pledgeKinds, polymers, sectors } from './domain';

/**
 * The reports behind a figure are addressed by the figure's own filter: `/alliances/<slug>/progress/reports?
 * year=2024&kind=UPTAKE`. This module writes those addresses and reads them back, refusing what the API would
 * refuse in words written for developers.
 */

/**
 * `workingGroup=NONE` in an address: the pledges made in no working group, as the working-group breakdown
 * names them. A slug is lower case, so no group can be called that.
 */
export const NO_WORKING_GROUP = 'NONE';

/** The public filter of the reports page: what a figure on the progress page was computed from. */
export interface ReportQuery {
  year?: number | undefined;
  kind?: PledgeKind | undefined;
  polymer?: Polymer | undefined;
  sector?: ApplicationSector | undefined;
  /** A working group's slug, or NO_WORKING_GROUP. */
  workingGroup?: string | undefined;
  country?: string | undefined;
  organisationKind?: OrganisationKind | undefined;
}

/** The order of the parameters in an address, so that one figure has one address. */
export const reportQueryFields = [
  'year',
  'kind',
  'polymer',
  'sector',
  'workingGroup',
  'country',
  'organisationKind',
] as const;
export type ReportQueryField = (typeof reportQueryFields)[number];

export const progressHref = (slug: string) => `/alliances/${slug}/progress`;

/** The page listing the reports behind a figure. */
export function reportsHref(slug: string, query: ReportQuery): string {
  const params = new URLSearchParams();
  for (const field of reportQueryFields) {
    const value = query[field];
    if (value !== undefined && value !== '') params.set(field, String(value));
  }
  const search = params.toString();
  return `/alliances/${slug}/progress/reports${search ? `?${search}` : ''}`;
}

/** The progress report PDF of a year in `language` (the page's); the route redirects to the registered copy. */
export const progressPdfHref = (slug: string, year: number, language?: string) =>
  `/documents/progress/${slug}/${year}.pdf${language ? `?lang=${encodeURIComponent(language)}` : ''}`;

const isOneOf = <T extends string>(values: readonly T[], value: string): value is T =>
  (values as readonly string[]).includes(value);

export type ParsedReportQuery =
  | { query: ReportQuery; problem?: undefined }
  | { query: ReportQuery; problem: { field: ReportQueryField; value: string } };

/**
 * Reads the filter from an address. An empty parameter means "any" (what an empty choice of the GET form
 * sends); a value the API does not know is a problem named by its field, with the rest kept for the form.
 */
export function parseReportQuery(params: URLSearchParams): ParsedReportQuery {
  const query: ReportQuery = {};
  let problem: { field: ReportQueryField; value: string } | undefined;
  const refuse = (field: ReportQueryField, value: string) => {
    problem ??= { field, value };
  };
  const text = (field: ReportQueryField) => params.get(field)?.trim() ?? '';

  const year = text('year');
  if (year) {
    if (/^\d{4}$/.test(year)) query.year = Number(year);
    else refuse('year', year);
  }
  const kind = text('kind').toUpperCase();
  if (kind) {
    if (isOneOf(pledgeKinds, kind)) query.kind = kind;
    else refuse('kind', text('kind'));
  }
  const polymer = text('polymer').toUpperCase();
  if (polymer) {
    if (isOneOf(polymers, polymer)) query.polymer = polymer;
    else refuse('polymer', text('polymer'));
  }
  const sector = text('sector').toUpperCase();
  if (sector) {
    if (isOneOf(sectors, sector)) query.sector = sector;
    else refuse('sector', text('sector'));
  }
  const workingGroup = text('workingGroup');
  if (workingGroup) {
    if (
      workingGroup === NO_WORKING_GROUP ||
      (/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(workingGroup) && workingGroup.length <= 100)
    )
      query.workingGroup = workingGroup;
    else refuse('workingGroup', workingGroup);
  }
  const country = text('country').toUpperCase();
  if (country) {
    if (/^[A-Z]{2}$/.test(country)) query.country = country;
    else refuse('country', text('country'));
  }
  const organisationKind = text('organisationKind').toUpperCase();
  if (organisationKind) {
    if (isOrganisationKind(organisationKind)) query.organisationKind = organisationKind;
    else refuse('organisationKind', text('organisationKind'));
  }
  return problem ? { query, problem } : { query };
}

/** The API's filter for the public list: validated reports only, as every public figure counts them. */
export function toReportFilter(query: ReportQuery): ProgressReportFilter {
  return {
    status: 'VALIDATED',
    ...(query.year !== undefined ? { year: query.year } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.polymer ? { polymer: query.polymer } : {}),
    ...(query.sector ? { sector: query.sector } : {}),
    ...(query.workingGroup === NO_WORKING_GROUP
      ? { withoutWorkingGroup: true }
      : query.workingGroup
        ? { workingGroup: query.workingGroup }
        : {}),
    ...(query.country ? { country: query.country } : {}),
    ...(query.organisationKind ? { organisationKind: query.organisationKind } : {}),
  };
}

export type BreakdownDimension = 'KIND' | 'POLYMER' | 'SECTOR' | 'WORKING_GROUP' | 'COUNTRY' | 'ORGANISATION_KIND';

/**
 * The reports behind one row of a breakdown (achieved in `year`, supply and uptake together), the row of
 * pledges in no working group included; null only for a key the portal does not know.
 */
export function breakdownReportQuery(dimension: BreakdownDimension, key: string, year: number): ReportQuery | null {
  switch (dimension) {
    case 'KIND':
      return isOneOf(pledgeKinds, key) ? { year, kind: key } : null;
    case 'POLYMER':
      return isOneOf(polymers, key) ? { year, polymer: key } : null;
    case 'SECTOR':
      return isOneOf(sectors, key) ? { year, sector: key } : null;
    case 'WORKING_GROUP':
      return { year, workingGroup: key };
    case 'COUNTRY':
      return /^[A-Z]{2}$/.test(key) ? { year, country: key } : null;
    case 'ORGANISATION_KIND':
      return isOrganisationKind(key) ? { year, organisationKind: key } : null;
  }
}
