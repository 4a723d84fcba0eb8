import { describe, expect, test } from 'vitest';
import { hasPledgeFilter, pledgeExportHref, pledgeRegisterHref, readPledgeFilter } from './pledge-filter';

describe('readPledgeFilter', () => {
  test('trims and normalises the case of codes and slugs', () => {
    const values = readPledgeFilter(
      new URLSearchParams('kind=supply&polymer=%20pet&sector=Packaging&workingGroup=Automotive&country=de'),
    );
    expect(values).toEqual({
      kind: 'SUPPLY',
      polymer: 'PET',
      sector: 'PACKAGING',
      workingGroup: 'automotive',
      country: 'DE',
    });
  });
  test('an empty query is no filter', () => {
    expect(hasPledgeFilter(readPledgeFilter(new URLSearchParams('after=abc')))).toBe(false);
  });
});

describe('pledgeRegisterHref and pledgeExportHref', () => {
  const values = { kind: 'UPTAKE', polymer: '', sector: 'AUTOMOTIVE', workingGroup: 'automotive', country: '' };
  test('keep only the filters set, and the cursor', () => {
    expect(pledgeRegisterHref('/alliances/x/pledges', values, 'c1')).toBe(
      '/alliances/x/pledges?kind=UPTAKE&sector=AUTOMOTIVE&workingGroup=automotive&after=c1',
    );
    expect(pledgeRegisterHref('/p', { kind: '', polymer: '', sector: '', workingGroup: '', country: '' })).toBe('/p');
  });
  test('downloads carry the alliance and the same filters, never the cursor', () => {
    expect(pledgeExportHref('csv', 'circular-plastics', values)).toBe(
      '/exports/pledges.csv?alliance=circular-plastics&kind=UPTAKE&sector=AUTOMOTIVE&workingGroup=automotive',
    );
    expect(pledgeExportHref('xlsx', 'a b', { ...values, kind: '', sector: '', workingGroup: '' })).toBe(
      '/exports/pledges.xlsx?alliance=a+b',
    );
  });
  test('a workbook is headed in the page’s language; a CSV keeps the field names alone', () => {
    expect(pledgeExportHref('xlsx', 'circular-plastics', { ...values, sector: '', workingGroup: '' }, 'fr')).toBe(
      '/exports/pledges.xlsx?alliance=circular-plastics&kind=UPTAKE&lang=fr',
    );
    expect(pledgeExportHref('csv', 'circular-plastics', { ...values, sector: '', workingGroup: '' }, 'fr')).toBe(
      '/exports/pledges.csv?alliance=circular-plastics&kind=UPTAKE',
    );
  });
});
