import { organisationKinds, valueChainStages } from '@concord/db/schema';
import { isCountryCode, parseCountryCode } from '@concord/schema/values';
import { type EnumName, type EnumValue, enumSources, wireName } from '../../graphql/enums.ts';
import type { PledgeFilter } from '../pledge/pledge.reads.ts';
import { MAX_SEARCH_LENGTH, type SignatoryFilter } from '../signatory/signatory.service.ts';

/**
 * The query string of an export, checked before anything is read. Parameters an export does not know are
 * ignored (a cache-busting `?_=…` must not break a download); a typo in `alliance`, the one that matters, leaves
 * it missing, which is an error that names it.
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

/** A parameter's one value, trimmed; undefined when it is absent or empty. */
function single(params: Record<string, unknown>, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new QueryParameterError(name, `Give "${name}" once.`);
  return value.trim();
}

/**
 * The pledge register's filters in an export's query string, checked as the GraphQL `PledgeFilter` is: the same
 * enum values (in either case), an ISO 3166-1 alpha-2 country (in either case), a working group's slug.
 */
export function parsePledgeExportFilter(query: unknown): PledgeFilter {
  const params = (query && typeof query === 'object' ? query : {}) as Record<string, unknown>;
  const oneOf = <E extends EnumName>(name: string, enumName: E): EnumValue<E> | undefined => {
    const values: readonly EnumValue<E>[] = enumSources[enumName];
    const value = single(params, name);
    if (value === undefined) return undefined;
    const found = values.find((v) => v.toLowerCase() === value.toLowerCase());
    if (!found) {
      throw new QueryParameterError(
        name,
        `Unknown ${name} "${value}": use one of ${values.map((v) => wireName(enumName, v)).join(', ')}.`,
      );
    }
    return found;
  };
  const workingGroupSlug = single(params, 'workingGroup');
  if (workingGroupSlug !== undefined && workingGroupSlug.length > 100) {
    throw new QueryParameterError('workingGroup', 'A working group slug has at most 100 characters.');
  }
  const country = single(params, 'country');
  let countryCode: string | undefined;
  if (country !== undefined) {
    const parsed = parseCountryCode(country);
    if (!parsed.ok) {
      throw new QueryParameterError(
        'country',
        `Unknown country "${country}": use an ISO 3166-1 alpha-2 code such as DE.`,
      );
    }
    countryCode = parsed.code;
  }
  return {
    kind: oneOf('kind', 'PledgeKind'),
    polymer: oneOf('polymer', 'Polymer'),
    sector: oneOf('sector', 'ApplicationSector'),
    workingGroupSlug,
    country: countryCode,
  };
}

/**
 * The register's filters in an export's query string, spelled as the register's address and the API spell them:
 * `search`, `country` (ISO 3166-1 alpha-2, upper case), `kind` and `stage` (GraphQL names, COMPANY, RECYCLER).
 * A value that is not one of them is refused, naming the parameter: a file silently unfiltered would mislead.
 */
export function parseSignatoryExportFilter(query: unknown): SignatoryFilter {
  const params = (query && typeof query === 'object' ? query : {}) as Record<string, unknown>;
  const read = (name: string): string | undefined => single(params, name) || undefined;
  const fromList = <T extends string>(name: string, list: readonly T[]): T | undefined => {
    const value = read(name);
    if (value === undefined) return undefined;
    const found = list.find((v) => v.toUpperCase() === value);
    if (!found)
      throw new QueryParameterError(
        name,
        `"${value}" is not a ${name} of the register (e.g. ${list[0]?.toUpperCase()}).`,
      );
    return found;
  };
  const country = read('country');
  if (country !== undefined && !isCountryCode(country)) {
    throw new QueryParameterError(
      'country',
      'The query parameter "country" is an ISO 3166-1 alpha-2 code in capitals, e.g. DE.',
    );
  }
  const search = read('search');
  if (search !== undefined && search.length > MAX_SEARCH_LENGTH) {
    throw new QueryParameterError(
      'search',
      `The query parameter "search" has at most ${MAX_SEARCH_LENGTH} characters.`,
    );
  }
  return {
    country,
    kind: fromList('kind', organisationKinds),
    stage: fromList('stage', valueChainStages),
    search,
  };
}
