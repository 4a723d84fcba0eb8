import { describe, expect, it } from 'vitest';
import {
  breakdownReportQuery,
  parseReportQuery,
  progressPdfHref,
  reportsHref,
  toReportFilter,
} from './progress-filter';

const parse = (search: string) => parseReportQuery(new URLSearchParams(search));

describe('reportsHref', () => {
  it('writes the filter in one order, leaving out what is not set', () => {
    expect(reportsHref('circular-plastics', { country: 'DE', year: 2024, kind: 'UPTAKE' })).toBe(
      '/alliances/circular-plastics/progress/reports?year=2024&kind=UPTAKE&country=DE',
    );
    expect(reportsHref('circular-plastics', {})).toBe('/alliances/circular-plastics/progress/reports');
  });
  it('writes the pledges in no working group and a kind of organisation as the breakdowns name them', () => {
    expect(reportsHref('a', { organisationKind: 'NGO', workingGroup: 'NONE', year: 2024 })).toBe(
      '/alliances/a/progress/reports?year=2024&workingGroup=NONE&organisationKind=NGO',
    );
  });
  it('escapes what it writes', () => {
    expect(reportsHref('a', { workingGroup: 'a&b' })).toBe('/alliances/a/progress/reports?workingGroup=a%26b');
  });
});

describe('parseReportQuery', () => {
  it('reads back what reportsHref writes', () => {
    const query = {
      year: 2024,
      kind: 'SUPPLY',
      polymer: 'PET',
      sector: 'PACKAGING',
      workingGroup: 'packaging',
      country: 'BE',
      organisationKind: 'PUBLIC_AUTHORITY',
    } as const;
    const href = reportsHref('x', query);
    expect(parse(href.split('?')[1] ?? '')).toEqual({ query });
  });
  it('takes empty choices as "any" and enum values in any case', () => {
    expect(parse('year=&kind=uptake&polymer=&country=de')).toEqual({ query: { kind: 'UPTAKE', country: 'DE' } });
  });
  it('names the first value it cannot use, and keeps the rest', () => {
    expect(parse('year=2024&polymer=PLA&country=Germany')).toEqual({
      query: { year: 2024 },
      problem: { field: 'polymer', value: 'PLA' },
    });
    expect(parse('year=24').problem).toEqual({ field: 'year', value: '24' });
    expect(parse('workingGroup=Packaging Group').problem?.field).toBe('workingGroup');
    expect(parse('sector=SPACE').problem?.field).toBe('sector');
    expect(parse('kind=both').problem?.field).toBe('kind');
    expect(parse('organisationKind=charity').problem).toEqual({ field: 'organisationKind', value: 'charity' });
  });
  it('reads "no working group" in capitals only: a slug is lower case, so "none" may name a group', () => {
    expect(parse('workingGroup=NONE')).toEqual({ query: { workingGroup: 'NONE' } });
    expect(parse('workingGroup=none')).toEqual({ query: { workingGroup: 'none' } });
    expect(parse('organisationKind=research_body')).toEqual({ query: { organisationKind: 'RESEARCH_BODY' } });
  });
});

describe('toReportFilter', () => {
  it('asks for validated reports only, as the public figures count them', () => {
    expect(toReportFilter({})).toEqual({ status: 'VALIDATED' });
    expect(toReportFilter({ year: 2024, workingGroup: 'packaging' })).toEqual({
      status: 'VALIDATED',
      year: 2024,
      workingGroup: 'packaging',
    });
  });
  it("asks for the pledges in no working group with the API's own argument, not a slug", () => {
    expect(toReportFilter({ year: 2024, workingGroup: 'NONE', organisationKind: 'NGO' })).toEqual({
      status: 'VALIDATED',
      year: 2024,
      withoutWorkingGroup: true,
      organisationKind: 'NGO',
    });
  });
});

describe('breakdownReportQuery', () => {
  it('filters by the row of each dimension the API can filter by', () => {
    expect(breakdownReportQuery('KIND', 'UPTAKE', 2024)).toEqual({ year: 2024, kind: 'UPTAKE' });
    expect(breakdownReportQuery('POLYMER', 'PET', 2024)).toEqual({ year: 2024, polymer: 'PET' });
    expect(breakdownReportQuery('SECTOR', 'TEXTILES', 2023)).toEqual({ year: 2023, sector: 'TEXTILES' });
    expect(breakdownReportQuery('WORKING_GROUP', 'packaging', 2024)).toEqual({ year: 2024, workingGroup: 'packaging' });
    expect(breakdownReportQuery('COUNTRY', 'DE', 2024)).toEqual({ year: 2024, country: 'DE' });
    expect(breakdownReportQuery('ORGANISATION_KIND', 'COMPANY', 2024)).toEqual({
      year: 2024,
      organisationKind: 'COMPANY',
    });
    expect(breakdownReportQuery('WORKING_GROUP', 'NONE', 2024)).toEqual({ year: 2024, workingGroup: 'NONE' });
  });
  it('gives every row of every dimension an address that reads back to its filter', () => {
    const rows = [
      ['KIND', 'SUPPLY'],
      ['POLYMER', 'OTHER'],
      ['SECTOR', 'ELECTRICAL_ELECTRONIC'],
      ['WORKING_GROUP', 'packaging'],
      ['WORKING_GROUP', 'NONE'],
      ['COUNTRY', 'PL'],
      ['ORGANISATION_KIND', 'STANDARDISATION_BODY'],
    ] as const;
    for (const [dimension, key] of rows) {
      const query = breakdownReportQuery(dimension, key, 2023);
      expect(query, `${dimension} ${key}`).not.toBeNull();
      expect(parse(reportsHref('x', query ?? {}).split('?')[1] ?? '')).toEqual({ query });
    }
  });
  it('has no list for a key the portal does not know', () => {
    expect(breakdownReportQuery('POLYMER', 'UNKNOWN', 2024)).toBeNull();
    expect(breakdownReportQuery('ORGANISATION_KIND', 'CHARITY', 2024)).toBeNull();
    expect(breakdownReportQuery('COUNTRY', 'NONE', 2024)).toBeNull();
  });
});

describe('progressPdfHref', () => {
  it('addresses the report of a year', () => {
    expect(progressPdfHref('circular-plastics', 2024)).toBe('/documents/progress/circular-plastics/2024.pdf');
  });

  it('asks for the report in the page’s language', () => {
    expect(progressPdfHref('circular-plastics', 2024, 'de')).toBe(
      '/documents/progress/circular-plastics/2024.pdf?lang=de',
    );
  });
});
