import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSignatoryFilter, signatoryExportHref } from '../../../frontend/portal/src/lib/signatory-filter.ts';
import { buildTestApp, type TestApp } from './helper.ts';

/** The signatories export lists what the register shows for the same filters: one rule for both. */
const SLUG = 'circular-plastics';
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

async function register(filter: Record<string, string>): Promise<string[]> {
  const names: string[] = [];
  let after: string | null = null;
  for (;;) {
    const res: {
      data: {
        alliance: {
          signatories: {
            nodes: { organisation: { legalName: string } }[];
            pageInfo: { hasNextPage: boolean; endCursor: string | null };
          };
        };
      } | null;
    } = await t.graphql(
      `query($f: SignatoryFilter, $after: String) { alliance(slug: "${SLUG}") { signatories(first: 100, after: $after, filter: $f) {
          nodes { organisation { legalName } } pageInfo { hasNextPage endCursor } } } }`,
      { f: filter, after },
    );
    const page = res.data?.alliance.signatories;
    if (!page) throw new Error('no register');
    names.push(...page.nodes.map((n) => n.organisation.legalName));
    if (!page.pageInfo.hasNextPage) return names;
    after = page.pageInfo.endCursor;
  }
}

async function exported(query: string): Promise<string[]> {
  const response = await t.app.inject(`/exports/signatories.json?alliance=${SLUG}&${query}`);
  expect(response.statusCode).toBe(200);
  return (response.json() as { legal_name: string }[]).map((r) => r.legal_name);
}

describe('[OPEN DATA] the signatories export applies the register’s filters', () => {
  it.each([
    ['a country', { country: 'DE' }],
    ['a kind', { kind: 'ASSOCIATION' }],
    ['a stage', { stage: 'RECYCLER' }],
    ['a search', { search: 'plast' }],
    ['all four at once', { country: 'DE', kind: 'COMPANY', stage: 'CONVERTER', search: 'e' }],
  ])('lists, for %s, exactly the register’s signatories', async (_label, filter) => {
    const expected = await register(filter);
    const all = await register({});
    // The filter narrows: otherwise the test would not tell a filtered export from an unfiltered one.
    expect(expected.length).toBeLessThan(all.length);
    const names = await exported(new URLSearchParams(filter).toString());
    expect([...names].sort()).toEqual([...expected].sort());
  });

  it.each([
    ['country', 'XX'],
    ['country', 'de'],
    ['kind', 'WIZARD'],
    ['stage', 'recycler!'],
    ['search', 'x'.repeat(101)],
  ])('refuses an unknown %s "%s" with 400 naming the parameter', async (parameter, value) => {
    const response = await t.app.inject(
      `/exports/signatories.csv?alliance=${SLUG}&${parameter}=${encodeURIComponent(value)}`,
    );
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ parameter });
  });

  it('is what the register page links to: the link built from a register address downloads that list', async () => {
    const values = readSignatoryFilter(new URLSearchParams('country=de&stage=recycler&after=abc'));
    const href = signatoryExportHref('json', SLUG, values);
    const response = await t.app.inject(href);
    expect(response.statusCode).toBe(200);
    const names = (response.json() as { legal_name: string }[]).map((r) => r.legal_name);
    const expected = await register({ country: 'DE', stage: 'RECYCLER' });
    expect(expected.length).toBeGreaterThan(0);
    expect([...names].sort()).toEqual([...expected].sort());
  });
});
