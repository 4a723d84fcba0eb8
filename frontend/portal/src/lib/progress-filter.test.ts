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
});

describe('breakdownReportQuery', () => {
  it('filters by the row of each dimension the API can filter by', () => {
    expect(breakdownReportQuery('KIND', 'UPTAKE', 2024)).toEqual({ year: 2024, kind: 'UPTAKE' });
    expect(breakdownReportQuery('POLYMER', 'PET', 2024)).toEqual({ year: 2024, polymer: 'PET' });
    expect(breakdownReportQuery('SECTOR', 'TEXTILES', 2023)).toEqual({ year: 2023, sector: 'TEXTILES' });
    expect(breakdownReportQuery('WORKING_GROUP', 'packaging', 2024)).toEqual({ year: 2024, workingGroup: 'packaging' });
    expect(breakdownReportQuery('COUNTRY', 'DE', 2024)).toEqual({ year: 2024, country: 'DE' });
  });
  it('has no list where the API has no filter', () => {
    expect(breakdownReportQuery('ORGANISATION_KIND', 'COMPANY', 2024)).toBeNull();
    expect(breakdownReportQuery('WORKING_GROUP', 'NONE', 2024)).toBeNull();
    expect(breakdownReportQuery('POLYMER', 'UNKNOWN', 2024)).toBeNull();
  });
});

describe('progressPdfHref', () => {
  it('addresses the report of a year', () => {
    expect(progressPdfHref('circular-plastics', 2024)).toBe('/documents/progress/circular-plastics/2024.pdf');
  });
});
