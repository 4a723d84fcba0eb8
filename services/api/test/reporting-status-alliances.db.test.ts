/**
 * A reporting status is about one alliance: an organisation that signed two alliances of the same deployment,
 * reported every year to the first and missed the second's last two deadlines, is ACTIVE in the first's
 * register, export and signatory page, and INACTIVE in the second's.
 */
import type { schema } from '@concord/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReportingStatuses } from '../src/modules/reporting/reporting.reads.ts';
import { buildTestApp, type TestApp } from './helper.ts';
import { signIn } from './journey.ts';
import {
  demoAlliance,
  ok,
  type Seeded,
  SLUG,
  seedAlliance,
  seedOrganisation,
  seedPledges,
  seedReport,
} from './reporting-fixtures.ts';

/** The demo's campaigns (2019 to 2024, deadlines on 31 March of the next year, all closed); B has the same. */
const YEARS = [2019, 2020, 2021, 2022, 2023, 2024];
const OTHER = 'second-alliance';

let t: TestApp;
let a: schema.Alliance;
let b: schema.Alliance;
/** Signed both, reported every year to A, missed B's 2023 and 2024 campaigns. */
let both: Seeded;
/** Signed B only and reported every year to it. */
let onlyB: Seeded;

beforeAll(async () => {
  t = await buildTestApp();
  a = await demoAlliance(t);
  b = await seedAlliance(t, { slug: OTHER, campaignYears: YEARS });
  both = await seedOrganisation(t, { name: 'Two Alliances', isSigned: true, pledges: [{}] });
  const [pledgeToB] = await seedPledges(t, both.organisationId, { alliance: b, isSigned: true, pledges: [{}] });
  for (const year of YEARS) await seedReport(t, { pledgeId: both.pledgeIds[0] ?? '', year });
  for (const year of [2019, 2020, 2021, 2022]) await seedReport(t, { pledgeId: pledgeToB ?? '', year });
  onlyB = await seedOrganisation(t, { name: 'Only B', isSigned: true, alliance: b, pledges: [{}] });
  for (const year of YEARS) await seedReport(t, { pledgeId: onlyB.pledgeIds[0] ?? '', year });
}, 60_000);
afterAll(() => t.close());

type Register = { alliance: { signatories: { nodes: { reportingStatus: string; organisation: { id: string } }[] } } };
const REGISTER = `query($slug: String!, $s: String, $first: Int) { alliance(slug: $slug) {
  signatories(first: $first, filter: { search: $s }) { nodes { reportingStatus organisation { id } } } } }`;

async function registerStatus(slug: string, legalName: string) {
  const data = await ok<Register>(t, REGISTER, { slug, s: legalName, first: 5 });
  return data.alliance.signatories.nodes.map((n) => n.reportingStatus);
}

async function pageStatus(slug: string, organisationId: string) {
  const data = await ok<{ alliance: { signatory: { reportingStatus: string } | null } }>(
    t,
    `query($slug: String!, $id: ID!) { alliance(slug: $slug) { signatory(organisationId: $id) { reportingStatus } } }`,
    { slug, id: organisationId },
  );
  return data.alliance.signatory?.reportingStatus;
}

async function exportStatus(slug: string, organisationId: string) {
  const response = await t.app.inject({ method: 'GET', url: `/exports/signatories.csv?alliance=${slug}` });
  expect(response.statusCode).toBe(200);
  const lines = response.body.split('\r\n');
  expect(lines[0]?.split(',').at(-1)).toBe('reporting_status');
  const rows = lines.filter((line) => line.startsWith(`${organisationId},`));
  return rows.map((line) => line.split(',').at(-1));
}

describe('[REPORTING] the status of an organisation that signed two alliances', () => {
  it("is ACTIVE in A's register, signatory page and export, INACTIVE in B's", async () => {
    expect(await registerStatus(SLUG, both.legalName)).toEqual(['ACTIVE']);
    expect(await registerStatus(OTHER, both.legalName)).toEqual(['INACTIVE']);
    expect(await pageStatus(SLUG, both.organisationId)).toBe('ACTIVE');
    expect(await pageStatus(OTHER, both.organisationId)).toBe('INACTIVE');
    expect(await exportStatus(SLUG, both.organisationId)).toEqual(['ACTIVE']);
    expect(await exportStatus(OTHER, both.organisationId)).toEqual(['INACTIVE']);
  });

  it("does not lend B's status to an organisation that signed only B, nor A's", async () => {
    expect(await registerStatus(OTHER, onlyB.legalName)).toEqual(['ACTIVE']);
    expect(await exportStatus(OTHER, onlyB.organisationId)).toEqual(['ACTIVE']);
    // No campaign of A expected a report of it.
    const [inA] = await loadReportingStatuses(
      t.database.db,
      [{ organisationId: onlyB.organisationId, allianceId: a.id }],
      '2030-01-01',
    );
    expect(inA).toBe('new');
  });

  it('follows each alliance on a fixed day', async () => {
    const pairs = [
      { organisationId: both.organisationId, allianceId: a.id },
      { organisationId: both.organisationId, allianceId: b.id },
    ];
    // B's 2023 deadline (2024-03-31) has passed, the 2022 one was met; the 2024 one has not come yet.
    expect(await loadReportingStatuses(t.database.db, pairs, '2024-06-01')).toEqual(['active', 'not_reporting']);
    expect(await loadReportingStatuses(t.database.db, pairs, '2025-04-01')).toEqual(['active', 'inactive']);
    // Both deadlines of 2023 still open: every campaign that closed was answered.
    expect(await loadReportingStatuses(t.database.db, pairs, '2024-03-31')).toEqual(['active', 'active']);
  });

  it("gives each of the organisation's signatures its alliance's status, and the deprecated field the worst", async () => {
    const cookie = await signIn(t, both.email);
    const data = await ok<{
      me: {
        organisations: {
          organisation: { id: string; reportingStatus: string };
          signatures: { reportingStatus: string; alliance: { slug: string } }[];
        }[];
      };
    }>(
      t,
      `{ me { organisations { organisation { id reportingStatus }
        signatures { reportingStatus alliance { slug } } } } }`,
      {},
      cookie,
    );
    const entry = data.me.organisations.find((o) => o.organisation.id === both.organisationId);
    const bySlug = Object.fromEntries(entry?.signatures.map((s) => [s.alliance.slug, s.reportingStatus]) ?? []);
    expect(bySlug).toEqual({ [SLUG]: 'ACTIVE', [OTHER]: 'INACTIVE' });
    expect(entry?.organisation.reportingStatus).toBe('INACTIVE');
  });

  it('costs the same statements for a register page of 10 and of 200', async () => {
    const count = async (first: number) => {
      t.resetQueryCount();
      const data = await ok<Register>(t, REGISTER, { slug: SLUG, first });
      expect(data.alliance.signatories.nodes).toHaveLength(first);
      return t.queryCount();
    };
    const forTen = await count(10);
    // alliance, page, reporting statuses: one statement each.
    expect(forTen).toBe(3);
    expect(await count(200)).toBe(forTen);
  });
});
