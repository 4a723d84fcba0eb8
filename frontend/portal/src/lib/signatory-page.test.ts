import { describe, expect, test } from 'vitest';
import type { PledgeStatus, ProgressReportStatus } from '$lib/graphql/operations.generated';
import { pledgesInForce, validatedReportsByYear, websiteHref } from './signatory-page';

const report = (id: string, year: number, status: ProgressReportStatus = 'VALIDATED') => ({ id, year, status });
const pledge = (
  id: string,
  status: PledgeStatus,
  reports: ReturnType<typeof report>[] = [],
  slug = 'circular-plastics',
) => ({ id, status, alliance: { slug }, reports });

describe('pledgesInForce', () => {
  test("keeps the accepted pledges of this alliance, in the API's order", () => {
    const pledges = [
      pledge('draft', 'DRAFT'),
      pledge('b', 'ACCEPTED'),
      pledge('submitted', 'SUBMITTED'),
      pledge('withdrawn', 'WITHDRAWN'),
      pledge('elsewhere', 'ACCEPTED', [], 'another-alliance'),
      pledge('a', 'ACCEPTED'),
      pledge('changes', 'CHANGES_REQUESTED'),
      pledge('rejected', 'REJECTED'),
    ];
    expect(pledgesInForce(pledges, 'circular-plastics').map((p) => p.id)).toEqual(['b', 'a']);
  });
  test('is empty without pledges', () => {
    expect(pledgesInForce([], 'circular-plastics')).toEqual([]);
  });
});

describe('validatedReportsByYear', () => {
  test('lists validated reports only, latest year first, then in the order of the pledges', () => {
    const pledges = [
      pledge('first', 'ACCEPTED', [report('f21', 2021), report('f22', 2022), report('f23', 2023, 'SUBMITTED')]),
      pledge('second', 'ACCEPTED', [report('s22', 2022), report('s23', 2023, 'QUERIED'), report('s24', 2024)]),
    ];
    expect(validatedReportsByYear(pledges).map(({ report, pledge }) => [report.id, pledge.id])).toEqual([
      ['s24', 'second'],
      ['f22', 'first'],
      ['s22', 'second'],
      ['f21', 'first'],
    ]);
  });
  test('is empty when nothing was validated', () => {
    expect(validatedReportsByYear([pledge('p', 'ACCEPTED', [report('r', 2024, 'SUBMITTED')])])).toEqual([]);
    expect(validatedReportsByYear([])).toEqual([]);
  });
});

describe('websiteHref', () => {
  test.each([
    ['https://www.example.org', 'https://www.example.org/'],
    ['http://example.org/about?x=1', 'http://example.org/about?x=1'],
  ])('links %s', (website, href) => {
    expect(websiteHref(website)).toBe(href);
  });
  test.each([null, undefined, '', 'javascript:alert(1)', 'data:text/html,hi', 'www.example.org', 'mailto:a@b.c'])(
    'does not link %j',
    (website) => {
      expect(websiteHref(website)).toBeNull();
    },
  );
});
