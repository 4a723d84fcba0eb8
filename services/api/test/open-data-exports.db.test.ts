import { schema } from '@concord/db';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAllianceBySlug } from '../src/modules/alliance/alliance.service.ts';
import { pledgeExportRows } from '../src/modules/open-data/pledges.export.ts';
import { signatoryExportRows } from '../src/modules/open-data/signatories.export.ts';
import { loadReportingStatuses } from '../src/modules/reporting/reporting.reads.ts';
import { parseCsv } from './csv.ts';
import { buildTestApp, type TestApp } from './helper.ts';
import { type Seeded, seedOrganisation, seedReport } from './reporting-fixtures.ts';

const SLUG = 'circular-plastics';

/**
 * Signatories with one reporting status each, whatever the demo's random history holds. The demo's campaigns
 * ask for 2019 to 2024, each deadline on 31 March of the next year, all closed today.
 */
const STATUS_CASES = [
  { name: 'Export New', status: 'NEW', decidedAt: '2025-05-01T09:00:00Z', reportedYears: [] },
  { name: 'Export Active', status: 'ACTIVE', decidedAt: '2023-01-01T09:00:00Z', reportedYears: [2024] },
  { name: 'Export Not Reporting', status: 'NOT_REPORTING', decidedAt: '2023-01-01T09:00:00Z', reportedYears: [2023] },
  { name: 'Export Inactive', status: 'INACTIVE', decidedAt: '2023-01-01T09:00:00Z', reportedYears: [2022] },
] as const;
const statusCases = new Map<string, Seeded>();

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  for (const c of STATUS_CASES) {
    const seeded = await seedOrganisation(t, {
      name: c.name,
      isSigned: true,
      pledges: [{ decidedAt: c.decidedAt }],
    });
    // A submitted report is a report, as much as a validated one: the active case has only that.
    for (const year of c.reportedYears) {
      const status = c.status === 'ACTIVE' ? 'submitted' : 'validated';
      await seedReport(t, { pledgeId: seeded.pledgeIds[0] ?? '', year, status });
    }
    statusCases.set(c.status, seeded);
  }
}, 60_000);
afterAll(() => t.close());

/** The CSV as objects keyed by its header. */
function csvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new Error('empty CSV');
  return rows.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ''])));
}

async function sheets(payload: Buffer): Promise<Map<string, Record<string, ExcelJS.CellValue>[]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(payload as unknown as ArrayBuffer);
  const result = new Map<string, Record<string, ExcelJS.CellValue>[]>();
  workbook.eachSheet((sheet) => {
    const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
    const rows: Record<string, ExcelJS.CellValue>[] = [];
    sheet.eachRow((row, number) => {
      if (number === 1) return;
      const values = row.values as ExcelJS.CellValue[];
      rows.push(Object.fromEntries(header.map((name, i) => [name, values[i + 1] ?? null])));
    });
    result.set(sheet.name, rows);
  });
  return result;
}

async function download(url: string) {
  const response = await t.app.inject({ method: 'GET', url });
  if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
  return response;
}

interface GraphQLSignatory {
  id: string;
  declarationVersion: number;
  activeSince: string;
  organisation: {
    id: string;
    legalName: string;
    country: string;
    kind: string;
    size: string;
    stages: string[];
    workingGroups: { workingGroup: { slug: string } }[];
  };
  reportingStatus: string;
}

/** Every active signatory through the GraphQL API, page after page, in the export's shape. */
async function graphqlSignatories() {
  const all: GraphQLSignatory[] = [];
  let after: string | null = null;
  for (;;) {
    const res: Awaited<
      ReturnType<
        typeof t.graphql<{
          alliance: {
            signatories: { nodes: GraphQLSignatory[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
          };
        }>
      >
    > = await t.graphql(
      `query ($after: String) { alliance(slug: "${SLUG}") { signatories(first: 250, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes { id declarationVersion activeSince organisation { id legalName country kind size stages
          workingGroups { workingGroup { slug } } } reportingStatus } } } }`,
      { after },
    );
    const page = res.data?.alliance.signatories;
    if (!page) throw new Error(JSON.stringify(res.errors));
    all.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return all.map((s) => ({
    organisationId: s.organisation.id,
    legalName: s.organisation.legalName,
    country: s.organisation.country,
    kind: s.organisation.kind,
    size: s.organisation.size,
    stages: s.organisation.stages,
    workingGroups: s.organisation.workingGroups.map((m) => m.workingGroup.slug).sort(),
    activeSince: new Date(s.activeSince).toISOString(),
    declarationVersion: s.declarationVersion,
    reportingStatus: s.reportingStatus,
  }));
}

/** A row of any of the three files, in the shape the GraphQL comparison uses. */
function signatoryOf(r: Record<string, unknown>) {
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : v ? String(v).split(';') : []);
  const at = r.active_since;
  return {
    organisationId: String(r.organisation_id),
    legalName: String(r.legal_name),
    country: String(r.country),
    kind: String(r.kind),
    size: String(r.size),
    stages: list(r.stages),
    workingGroups: list(r.working_groups),
    activeSince: at instanceof Date ? at.toISOString() : String(at),
    declarationVersion: Number(r.declaration_version),
    reportingStatus: String(r.reporting_status),
  };
}

const byId = <T extends { organisationId: string }>(rows: T[]) =>
  [...rows].sort((a, b) => (a.organisationId < b.organisationId ? -1 : 1));

describe('[OPEN DATA] signatories', () => {
  it('CSV: every active signatory, as the API lists them, one line each (UTF-8, CRLF)', async () => {
    const response = await download(`/exports/signatories.csv?alliance=${SLUG}`);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(response.headers['content-disposition']).toMatch(
      new RegExp(`^attachment; filename="signatories-${SLUG}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`),
    );
    expect(response.body.split('\r\n').at(-1)).toBe('');
    expect(response.body.split('\r\n')[0]).toBe(
      'organisation_id,legal_name,country,kind,size,stages,working_groups,active_since,declaration_version,reporting_status',
    );
    const records = csvRecords(response.body);
    const expected = await graphqlSignatories();
    expect(records.length).toBeGreaterThan(250);
    expect(byId(records.map(signatoryOf))).toEqual(byId(expected));
    // Ordered by legal name, as the register shows them.
    const names = records.map((r) => r.legal_name ?? '');
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('gives each signatory its reporting status, as Signatory.reportingStatus has it, in every format', async () => {
    const expected = new Map((await graphqlSignatories()).map((s) => [s.organisationId, s.reportingStatus]));
    const csv = csvRecords((await download(`/exports/signatories.csv?alliance=${SLUG}`)).body);
    const json = (await download(`/exports/signatories.json?alliance=${SLUG}`)).json() as Record<string, unknown>[];
    const xlsx =
      (await sheets((await download(`/exports/signatories.xlsx?alliance=${SLUG}`)).rawPayload)).get('Signatories') ??
      [];
    for (const [format, rows] of [
      ['csv', csv],
      ['json', json],
      ['xlsx', xlsx],
    ] as const) {
      const statuses = new Map(rows.map((r) => [String(r.organisation_id), r.reporting_status]));
      expect(statuses, format).toEqual(expected);
      for (const c of STATUS_CASES) {
        expect(statuses.get(statusCases.get(c.status)?.organisationId ?? ''), `${format}: ${c.name}`).toBe(c.status);
      }
    }
    expect(new Set(expected.values())).toEqual(new Set(['NEW', 'ACTIVE', 'NOT_REPORTING', 'INACTIVE']));
  });

  it('derives the status as of the day asked, as the reporting reads do, whatever the page size', async () => {
    const alliance = await getAllianceBySlug(t.database.db, SLUG);
    // While the 2024 campaign was open; the day it closed; today.
    for (const today of ['2025-03-20', '2025-04-01', new Date().toISOString().slice(0, 10)]) {
      for (const pageSize of [7, 1000]) {
        const rows: { organisationId: string; reportingStatus: string }[] = [];
        for await (const page of signatoryExportRows(t.database.db, alliance.id, { pageSize, today }))
          rows.push(...page);
        const statuses = await loadReportingStatuses(
          t.database.db,
          rows.map((r) => ({ organisationId: r.organisationId, allianceId: alliance.id })),
          today,
        );
        expect(
          rows.map((r) => r.reportingStatus),
          `${today}, pages of ${pageSize}`,
        ).toEqual(statuses.map((s) => s.toUpperCase()));
      }
    }
    const [active, notReporting] = await loadReportingStatuses(
      t.database.db,
      [statusCases.get('ACTIVE'), statusCases.get('NOT_REPORTING')].map((c) => ({
        organisationId: c?.organisationId ?? '',
        allianceId: alliance.id,
      })),
      '2025-03-20',
    );
    // While the 2024 campaign was open, the one that reports only for 2024 had missed 2022 and 2023, and the
    // one that reported only for 2023 was active.
    expect([active, notReporting]).toEqual(['inactive', 'active']);
  });

  it('JSON and XLSX hold the same rows, with lists as arrays and dates as dates', async () => {
    const expected = byId(await graphqlSignatories());
    const json = await download(`/exports/signatories.json?alliance=${SLUG}`);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    const objects = json.json() as Record<string, unknown>[];
    expect(Object.keys(objects[0] ?? {})).toEqual([
      'organisation_id',
      'legal_name',
      'country',
      'kind',
      'size',
      'stages',
      'working_groups',
      'active_since',
      'declaration_version',
      'reporting_status',
    ]);
    expect(Array.isArray(objects[0]?.stages)).toBe(true);
    expect(byId(objects.map(signatoryOf))).toEqual(expected);

    const xlsx = await download(`/exports/signatories.xlsx?alliance=${SLUG}`);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers['content-disposition']).toMatch(
      /^attachment; filename="signatories-circular-plastics-.*\.xlsx"$/,
    );
    const rows = (await sheets(xlsx.rawPayload)).get('Signatories') ?? [];
    expect(rows[0]?.active_since).toBeInstanceOf(Date);
    expect(byId(rows.map(signatoryOf))).toEqual(expected);
  });

  it('reads the register in pages, each one keyset query after the last row, losing and repeating none', async () => {
    const alliance = await getAllianceBySlug(t.database.db, SLUG);
    const whole: string[] = [];
    for await (const page of signatoryExportRows(t.database.db, alliance.id, { pageSize: 100_000 }))
      whole.push(...page.map((r) => r.signatureId));
    t.resetQueryCount();
    const paged: string[] = [];
    let pages = 0;
    for await (const page of signatoryExportRows(t.database.db, alliance.id, { pageSize: 13 })) {
      pages++;
      paged.push(...page.map((r) => r.signatureId));
    }
    expect(paged).toEqual(whole);
    expect(pages).toBe(Math.ceil(whole.length / 13));
    // A page of rows (with their reporting statuses) and a page of memberships each time, and a last empty
    // look if the count divides evenly: the statements grow with the pages, never with the rows of a page.
    expect(t.queryCount()).toBeLessThanOrEqual(2 * pages + 1);
    t.resetQueryCount();
    for await (const page of signatoryExportRows(t.database.db, alliance.id, { pageSize: 100_000 })) {
      expect(page.length).toBe(whole.length);
    }
    expect(t.queryCount()).toBe(2);
  });
});

describe('[OPEN DATA] progress', () => {
  interface Figures {
    target: { counts: string };
    progress: {
      targetTonnes: string;
      targetYear: number;
      pledgedSupplyTonnes: string;
      pledgedUptakeTonnes: string;
      byYear: { year: number; countedFlow: string; achievedTonnes: string; share: string; reportCount: number }[];
      supplyUptakeGap: { polymer: string; supplyTonnes: string; uptakeTonnes: string; gapTonnes: string }[];
    };
  }
  const figures = async () => {
    const res = await t.graphql<{ alliance: Figures }>(`{ alliance(slug: "${SLUG}") { target { counts } progress {
      targetTonnes targetYear pledgedSupplyTonnes pledgedUptakeTonnes
      byYear { year countedFlow achievedTonnes share reportCount }
      supplyUptakeGap { polymer supplyTonnes uptakeTonnes gapTonnes } } } }`);
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.alliance;
  };
  const expectedRows = ({ target, progress }: Figures) =>
    progress.byYear.map((y) => ({
      year: y.year,
      achieved_tonnes: y.achievedTonnes,
      report_count: y.reportCount,
      share: y.share,
      target_tonnes: progress.targetTonnes,
      target_year: progress.targetYear,
      target_flow: target.counts,
      counted_flow: y.countedFlow,
      pledged_supply_tonnes: progress.pledgedSupplyTonnes,
      pledged_uptake_tonnes: progress.pledgedUptakeTonnes,
    }));
  const expectedGaps = ({ progress }: Figures) =>
    progress.supplyUptakeGap.map((g) => ({
      polymer: g.polymer,
      supply_tonnes: g.supplyTonnes,
      uptake_tonnes: g.uptakeTonnes,
      gap_tonnes: g.gapTonnes,
    }));

  it('CSV: one row per reported year, equal to progress.byYear, with exact decimals', async () => {
    const expected = expectedRows(await figures());
    expect(expected.length).toBeGreaterThan(2);
    const response = await download(`/exports/progress.csv?alliance=${SLUG}`);
    const rows = csvRecords(response.body).map((r) => ({
      ...r,
      year: Number(r.year),
      report_count: Number(r.report_count),
      target_year: Number(r.target_year),
    }));
    expect(rows).toEqual(expected);
  });

  it('JSON: the years and the supply–uptake gap by polymer, as the API has them', async () => {
    const data = await figures();
    const response = await download(`/exports/progress.json?alliance=${SLUG}`);
    const body = response.json() as {
      alliance: string;
      generated_at: string;
      years: unknown;
      supply_uptake_gap: unknown;
    };
    expect(Object.keys(body)).toEqual(['alliance', 'generated_at', 'years', 'supply_uptake_gap']);
    expect(body.alliance).toBe(SLUG);
    expect(Number.isNaN(Date.parse(body.generated_at))).toBe(false);
    expect(body.years).toEqual(expectedRows(data));
    expect(body.supply_uptake_gap).toEqual(expectedGaps(data));
    // A negative gap stays a decimal, not text guarded against formulas.
    expect(JSON.stringify(body.supply_uptake_gap)).not.toContain("'-");
  });

  it('XLSX: a sheet of years and a sheet of polymers, tonnes as numeric cells', async () => {
    const data = await figures();
    const workbook = await sheets((await download(`/exports/progress.xlsx?alliance=${SLUG}`)).rawPayload);
    expect([...workbook.keys()]).toEqual(['Progress by year', 'Supply-uptake gap']);
    const years = workbook.get('Progress by year') ?? [];
    expect(years.map((r) => r.year)).toEqual(data.progress.byYear.map((y) => y.year));
    for (const [i, row] of years.entries()) {
      const expected = data.progress.byYear[i];
      expect(typeof row.achieved_tonnes).toBe('number');
      expect((row.achieved_tonnes as number).toFixed(3)).toBe(expected?.achievedTonnes);
      expect((row.share as number).toFixed(4)).toBe(expected?.share);
      expect(row.report_count).toBe(expected?.reportCount);
      expect((row.pledged_supply_tonnes as number).toFixed(3)).toBe(data.progress.pledgedSupplyTonnes);
    }
    const gaps = workbook.get('Supply-uptake gap') ?? [];
    expect(
      gaps.map((g) => ({
        polymer: g.polymer,
        supply_tonnes: (g.supply_tonnes as number).toFixed(3),
        uptake_tonnes: (g.uptake_tonnes as number).toFixed(3),
        gap_tonnes: (g.gap_tonnes as number).toFixed(3),
      })),
    ).toEqual(expectedGaps(data));
  });
});

describe('[OPEN DATA] pledges', () => {
  interface GraphQLPledge {
    id: string;
    kind: string;
    polymer: string;
    sector: string;
    tonnesPerYear: string;
    targetYear: number;
    baselineTonnes: string | null;
    baselineYear: number | null;
    conditions: string | null;
    organisation: { id: string; legalName: string; country: string; kind: string };
    workingGroup: { slug: string } | null;
  }

  it('JSON: every accepted pledge, as the API lists them', async () => {
    const all: GraphQLPledge[] = [];
    let after: string | null = null;
    let accepted = 0;
    for (;;) {
      const res: Awaited<
        ReturnType<
          typeof t.graphql<{
            alliance: {
              counts: { acceptedPledges: number };
              pledges: { nodes: GraphQLPledge[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
            };
          }>
        >
      > = await t.graphql(
        `query ($after: String) { alliance(slug: "${SLUG}") { counts { acceptedPledges }
          pledges(first: 250, after: $after) { pageInfo { hasNextPage endCursor } nodes {
            id kind polymer sector tonnesPerYear targetYear baselineTonnes baselineYear conditions
            organisation { id legalName country kind } workingGroup { slug } } } } }`,
        { after },
      );
      if (!res.data) throw new Error(JSON.stringify(res.errors));
      accepted = res.data.alliance.counts.acceptedPledges;
      all.push(...res.data.alliance.pledges.nodes);
      if (!res.data.alliance.pledges.pageInfo.hasNextPage) break;
      after = res.data.alliance.pledges.pageInfo.endCursor;
    }
    const response = await download(`/exports/pledges.json?alliance=${SLUG}`);
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="pledges-circular-plastics-.*\.json"$/,
    );
    const rows = response.json() as (Record<string, unknown> & { pledge_id: string })[];
    expect(rows).toHaveLength(accepted);
    // In the register's order (largest first), as the API lists them.
    expect(rows.map((r) => r.pledge_id)).toEqual(all.map((p) => p.id));
    const byPledge = new Map(rows.map((r) => [r.pledge_id, r]));
    for (const p of all) {
      expect(byPledge.get(p.id)).toMatchObject({
        organisation_id: p.organisation.id,
        organisation: p.organisation.legalName,
        country: p.organisation.country,
        organisation_kind: p.organisation.kind,
        working_group: p.workingGroup?.slug ?? null,
        kind: p.kind,
        polymer: p.polymer,
        sector: p.sector,
        tonnes_per_year: p.tonnesPerYear,
        target_year: p.targetYear,
        baseline_tonnes: p.baselineTonnes,
        baseline_year: p.baselineYear,
        conditions: p.conditions,
      });
    }
    expect(typeof rows[0]?.version).toBe('number');
    expect(rows[0]?.accepted_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // The same fields, under the same names and with the same values, as the register's CSV (docs/exports.md).
    const csv = csvRecords((await download(`/exports/pledges.csv?alliance=${SLUG}`)).body);
    expect(csv).toHaveLength(rows.length);
    for (const record of csv) {
      const json = byPledge.get(record.pledge_id ?? '');
      for (const [name, value] of Object.entries(record)) {
        const expected = json?.[name] === null ? '' : String(json?.[name]);
        expect(value.replace(/^'(?=[=+\-@\t\r])/, ''), `${record.pledge_id} ${name}`).toBe(expected);
      }
    }
  });

  it('reads accepted pledges in keyset pages, losing and repeating none', async () => {
    const alliance = await getAllianceBySlug(t.database.db, SLUG);
    const whole: string[] = [];
    for await (const page of pledgeExportRows(t.database.db, alliance.id, { pageSize: 100_000 }))
      whole.push(...page.map((r) => r.pledgeId));
    const paged: string[] = [];
    for await (const page of pledgeExportRows(t.database.db, alliance.id, { pageSize: 9 }))
      paged.push(...page.map((r) => r.pledgeId));
    expect(paged).toEqual(whole);
    expect(whole.length).toBeGreaterThan(9);
  });
});

describe('[OPEN DATA] query parameters and text that looks like a formula', () => {
  it('answers 400 naming the parameter, and 404 for an alliance that does not exist', async () => {
    const cases: [string, string][] = [
      ['/exports/signatories.csv', 'alliance'],
      ['/exports/progress.json?alliance=', 'alliance'],
      ['/exports/pledges.json?alliance=Circular%20Plastics', 'alliance'],
      [`/exports/signatories.xlsx?alliance=${SLUG}&alliance=other`, 'alliance'],
      [`/exports/signatories.json?aliance=${SLUG}`, 'alliance'],
    ];
    for (const [url, parameter] of cases) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(400);
      expect(response.headers['content-type']).toContain('application/json');
      expect(response.json(), url).toMatchObject({ parameter, error: expect.stringContaining(`"${parameter}"`) });
    }
    // Parameters an export does not know are ignored, as in the pledge exports.
    const extra = await t.app.inject({ method: 'GET', url: `/exports/progress.csv?alliance=${SLUG}&_=1732650000` });
    expect(extra.statusCode).toBe(200);
    const missing = await t.app.inject({ method: 'GET', url: '/exports/progress.xlsx?alliance=no-such-alliance' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: 'No alliance has the slug "no-such-alliance".' });
  });

  it('puts an apostrophe before text that a spreadsheet would run as a formula, in CSV only', async () => {
    const [signatory] = await t.database.db
      .select({ organisationId: schema.signature.organisationId })
      .from(schema.signature)
      .where(eq(schema.signature.status, 'active'))
      .limit(1);
    if (!signatory) throw new Error('no active signature');
    const name = '=HYPERLINK("https://evil.example","Click, here")';
    await t.database.db
      .update(schema.organisation)
      .set({ legalName: name })
      .where(eq(schema.organisation.id, signatory.organisationId));

    const csv = await download(`/exports/signatories.csv?alliance=${SLUG}`);
    expect(csv.body).toContain(`"'=HYPERLINK(""https://evil.example"",""Click, here"")"`);
    const record = csvRecords(csv.body).find((r) => r.organisation_id === signatory.organisationId);
    expect(record?.legal_name).toBe(`'${name}`);

    const json = (await download(`/exports/signatories.json?alliance=${SLUG}`)).json() as { legal_name: string }[];
    expect(json.map((r) => r.legal_name)).toContain(name);

    // XLSX cells hold values, never formulas: the text is stored as it is, as a string.
    const rows = (await sheets((await download(`/exports/signatories.xlsx?alliance=${SLUG}`)).rawPayload)).get(
      'Signatories',
    );
    expect(rows?.find((r) => r.organisation_id === signatory.organisationId)?.legal_name).toBe(name);
  });
});
