import { createHash } from 'node:crypto';
import { schema } from '@concord/db';
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PledgeExportRow, pledgeColumns, pledgeExportRows } from '../src/modules/open-data/pledges.export.ts';
import { parseCsv } from './csv.ts';
import type { TestApp } from './helper.ts';
import {
  acceptedPledge,
  draft,
  kg,
  ok,
  type Person,
  PLEDGE,
  type PledgeView,
  pledgeTestApp,
  SLUG,
  SUBMIT,
} from './pledge-fixtures.ts';
import { pdf, REFUSED_UPLOADS } from './uploads.ts';

let t: TestApp;
let repA: Person;
let cookies: Record<'repA' | 'repB' | 'staff', string>;

beforeAll(async () => {
  ({
    t,
    cookies,
    people: { repA },
  } = await pledgeTestApp({ pledgers: ['repA', 'repB'] }));
}, 60_000);
afterAll(() => t.close());

async function acceptedCount(filter = sql`true`): Promise<number> {
  const [row] = await t.database.rows<{ n: number }>(
    sql`select count(*)::int as n from pledge p join organisation o on o.id = p.organisation_id where p.status = 'accepted' and ${filter}`,
  );
  return Number(row?.n);
}

const get = (url: string) => t.app.inject({ method: 'GET', url });

describe('[EXPORTS] the public pledge register as CSV', () => {
  it('serves every accepted pledge, with a header, exact tonnes and the right headers', async () => {
    const res = await get(`/exports/pledges.csv?alliance=${SLUG}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="pledges-circular-plastics-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(res.headers['cache-control']).toBe('no-cache');
    const [header, ...rows] = parseCsv(res.body);
    expect(header).toEqual(pledgeColumns.map((c) => c.name));
    expect(rows).toHaveLength(await acceptedCount());
    const [sum] = await t.database.rows<{ kg: string }>(
      sql`select (sum(tonnes_per_year) * 1000)::bigint::text as kg from pledge where status = 'accepted'`,
    );
    const tonnes = header?.indexOf('tonnes_per_year') ?? -1;
    expect(rows.reduce((acc, r) => acc + kg(r[tonnes] ?? '0'), 0n)).toBe(BigInt(sum?.kg ?? '0'));
    expect(rows.every((r) => /^\d+\.\d{3}$/.test(r[tonnes] ?? ''))).toBe(true);
    expect(rows.every((r) => r.length === header?.length)).toBe(true);
    const first = Object.fromEntries(header?.map((h, i) => [h, rows[0]?.[i]]) ?? []);
    expect(first).toMatchObject({
      pledge_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      country: expect.stringMatching(/^[A-Z]{2}$/),
      kind: expect.stringMatching(/^(SUPPLY|UPTAKE)$/),
      version: '1',
      accepted_on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
  });

  it('filters as the GraphQL register does', async () => {
    const cases: [string, Record<string, unknown>][] = [
      ['kind=SUPPLY&polymer=PET', { kind: 'SUPPLY', polymer: 'PET' }],
      ['sector=construction', { sector: 'CONSTRUCTION' }],
      ['workingGroup=packaging&kind=uptake', { workingGroup: 'packaging', kind: 'UPTAKE' }],
      ['country=DE', { country: 'DE' }],
    ];
    for (const [query, filter] of cases) {
      const res = await get(`/exports/pledges.csv?alliance=${SLUG}&${query}`);
      expect(res.statusCode, query).toBe(200);
      const [, ...rows] = parseCsv(res.body);
      const graphql = await ok<{ alliance: { pledges: { totalCount: number; nodes: { id: string }[] } } }>(
        t,
        `query($f: PledgeFilter) { alliance(slug: "${SLUG}") { pledges(first: 250, filter: $f) { totalCount nodes { id } } } }`,
        { f: filter },
      );
      expect(
        rows.map((r) => r[0]),
        query,
      ).toEqual(graphql.alliance.pledges.nodes.map((n) => n.id));
      expect(rows.length, query).toBeGreaterThan(0);
    }
  });

  it('holds the same rows in CSV, XLSX and JSON for the same filter', async () => {
    const query = `alliance=${SLUG}&kind=supply&country=de`;
    const csv = parseCsv((await get(`/exports/pledges.csv?${query}`)).body)
      .slice(1)
      .map((r) => r[0]);
    const json = ((await get(`/exports/pledges.json?${query}`)).json() as { pledge_id: string }[]).map(
      (r) => r.pledge_id,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await get(`/exports/pledges.xlsx?${query}`)).rawPayload);
    const xlsx: string[] = [];
    workbook.getWorksheet('Pledges')?.eachRow((row, n) => {
      if (n > 1) xlsx.push(String(row.getCell(1).value));
    });
    expect(csv.length).toBeGreaterThan(0);
    expect(csv.length).toBeLessThan(await acceptedCount());
    expect(json).toEqual(csv);
    expect(xlsx).toEqual(csv);
  });

  it.each([
    ['', 'alliance'],
    [`alliance=${SLUG}&kind=BOTH`, 'kind'],
    [`alliance=${SLUG}&polymer=PLA`, 'polymer'],
    [`alliance=${SLUG}&sector=space`, 'sector'],
    [`alliance=${SLUG}&country=XX`, 'country'],
    [`alliance=${SLUG}&kind=SUPPLY&kind=UPTAKE`, 'kind'],
    [`alliance=${SLUG}&workingGroup=${'x'.repeat(101)}`, 'workingGroup'],
  ])('answers "?%s" with 400 naming %s', async (query, parameter) => {
    for (const format of ['csv', 'xlsx', 'json']) {
      const res = await get(`/exports/pledges.${format}?${query}`);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.json()).toMatchObject({
        parameter,
        error: expect.stringContaining(parameter === 'alliance' ? 'alliance' : ''),
      });
    }
  });

  it('answers an unknown alliance with 404', async () => {
    const res = await get('/exports/pledges.csv?alliance=no-such-alliance');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ parameter: 'alliance' });
  });

  it('quotes and escapes names, and defuses those a spreadsheet would run as formulas', async () => {
    const hostile = [
      '=HYPERLINK("http://evil.example","Click")',
      '+SUM(1,2)',
      '-2+3',
      '@cmd',
      'Kunststoff, "Recycling" & Co.\nZweigniederlassung',
    ];
    const ids = await t.database.rows<{ id: string }>(sql`
      select distinct o.id from organisation o join pledge p on p.organisation_id = o.id
      where p.status = 'accepted' order by o.id limit ${hostile.length}`);
    for (const [i, { id }] of ids.entries()) {
      await t.database.db
        .update(schema.organisation)
        .set({ legalName: hostile[i] ?? '' })
        .where(eq(schema.organisation.id, id));
    }
    const res = await get(`/exports/pledges.csv?alliance=${SLUG}`);
    const names = new Set(parseCsv(res.body).map((r) => r[1]));
    expect(names).toContain(`'=HYPERLINK("http://evil.example","Click")`);
    expect(names).toContain("'+SUM(1,2)");
    expect(names).toContain("'-2+3");
    expect(names).toContain("'@cmd");
    expect(names).toContain('Kunststoff, "Recycling" & Co.\nZweigniederlassung');
    expect(res.body).toContain('"Kunststoff, ""Recycling"" & Co.\nZweigniederlassung"');

    // In the XLSX they are text cells, kept as typed: a spreadsheet never runs a text cell.
    const xlsx = await get(`/exports/pledges.xlsx?alliance=${SLUG}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload);
    const sheet = workbook.getWorksheet('Pledges');
    const cells: ExcelJS.Cell[] = [];
    sheet?.getColumn(2).eachCell((cell) => {
      cells.push(cell);
    });
    const formula = cells.find((c) => c.value === hostile[0]);
    expect(formula?.type).toBe(ExcelJS.ValueType.String);
    expect(cells.some((c) => c.type === ExcelJS.ValueType.Formula)).toBe(false);
  });

  it('reads the database page by page, and the pages join up to the whole register', async () => {
    const [allianceRow] = await t.database.db.select().from(schema.alliance).where(eq(schema.alliance.slug, SLUG));
    const collect = async (pageSize: number) => {
      const pages: PledgeExportRow[][] = [];
      for await (const page of pledgeExportRows(t.database.db, allianceRow?.id ?? '', { pageSize })) pages.push(page);
      return pages;
    };
    const small = await collect(7);
    const whole = await collect(10_000);
    expect(small.length).toBeGreaterThan(20);
    expect(small.every((p) => p.length <= 7)).toBe(true);
    expect(small.flat().map((r) => r.pledgeId)).toEqual(whole.flat().map((r) => r.pledgeId));
    expect(new Set(whole.flat().map((r) => r.pledgeId)).size).toBe(await acceptedCount());
  });
});

describe('[EXPORTS] the public pledge register as XLSX', () => {
  it('opens in a spreadsheet with numeric tonnes and one row per accepted pledge', async () => {
    const res = await get(`/exports/pledges.xlsx?alliance=${SLUG}&kind=SUPPLY`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="pledges-circular-plastics-.*\.xlsx"$/);
    expect(res.headers['cache-control']).toBe('no-cache');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload);
    const sheet = workbook.getWorksheet('Pledges');
    if (!sheet) throw new Error('no "Pledges" sheet');
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(pledgeColumns.map((c) => c.name));
    expect((sheet?.rowCount ?? 0) - 1).toBe(await acceptedCount(sql`p.kind = 'supply'`));

    const column = (name: string) => pledgeColumns.findIndex((c) => c.name === name) + 1;
    const row = sheet?.getRow(2);
    const id = String(row?.getCell(column('pledge_id')).value);
    const [pledgeRow] = await t.database.db.select().from(schema.pledge).where(eq(schema.pledge.id, id));
    const tonnes = row?.getCell(column('tonnes_per_year'));
    expect(tonnes?.type).toBe(ExcelJS.ValueType.Number);
    expect(tonnes?.value).toBe(Number(pledgeRow?.tonnesPerYear));
    expect(tonnes?.numFmt).toBe('#,##0.000');
    expect(row?.getCell(column('kind')).value).toBe('SUPPLY');
    expect(row?.getCell(column('target_year')).value).toBe(pledgeRow?.targetYear);
    expect(row?.getCell(column('accepted_on')).type).toBe(ExcelJS.ValueType.Date);
    let total = 0n;
    sheet?.eachRow((r, n) => {
      if (n > 1) total += kg(Number(r.getCell(column('tonnes_per_year')).value).toFixed(3));
    });
    const [sum] = await t.database.rows<{ kg: string }>(
      sql`select (sum(tonnes_per_year) * 1000)::bigint::text as kg from pledge where status = 'accepted' and kind = 'supply'`,
    );
    expect(total).toBe(BigInt(sum?.kg ?? '0'));
  });

  it('leaves out drafts, pledges under review and withdrawn ones', async () => {
    const drafted = await draft(t, cookies.repA, repA.organisationId, { tonnesPerYear: '1.111' });
    const withdrawn = await acceptedPledge(t, { pledger: cookies.repA, staff: cookies.staff }, repA.organisationId);
    const inForce = await acceptedPledge(t, { pledger: cookies.repA, staff: cookies.staff }, repA.organisationId, {
      tonnesPerYear: '2.222',
    });
    await ok(
      t,
      'mutation($id: ID!) { withdrawPledge(pledgeId: $id, reason: "Sold") { id } }',
      { id: withdrawn.id },
      cookies.repA,
    );
    const ids = parseCsv((await get(`/exports/pledges.csv?alliance=${SLUG}`)).body).map((r) => r[0]);
    expect(ids).toContain(inForce.id);
    expect(ids).not.toContain(drafted.id);
    expect(ids).not.toContain(withdrawn.id);
  });
});

describe('[STATEMENT] the signed pledge statement', () => {
  const put = (pledgeId: string, body: Buffer, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'PUT',
      url: `/pledges/${pledgeId}/statement`,
      headers: { 'content-type': 'application/pdf', 'x-requested-with': 'fetch', cookie: cookies.repA, ...headers },
      payload: body,
    });
  const documents = async () => {
    const [row] = await t.database.rows<{ n: number }>(sql`select count(*)::int as n from document`);
    return Number(row?.n);
  };

  it('is stored with its hash, linked to the draft version, and downloadable as uploaded', async () => {
    const drafted = await draft(t, cookies.repA, repA.organisationId);
    const body = pdf('signed by the board');
    const res = await put(drafted.id, body);
    expect(res.statusCode).toBe(200);
    const sha256 = createHash('sha256').update(body).digest('hex');
    expect(res.json()).toMatchObject({ sha256, byteSize: body.byteLength, url: `/documents/${sha256}.pdf` });
    const seen = await ok<{ alliance: { pledge: PledgeView } }>(t, PLEDGE, { id: drafted.id }, cookies.repA);
    expect(seen.alliance.pledge.openVersion?.statement).toEqual({ sha256, kind: 'PLEDGE_STATEMENT' });
    const download = (cookie?: string) =>
      t.app.inject({ method: 'GET', url: `/documents/${sha256}.pdf`, headers: cookie ? { cookie } : {} });
    const mine = await download(cookies.repA);
    expect(mine.statusCode).toBe(200);
    expect(mine.rawPayload.equals(body)).toBe(true);
    // A draft's statement is the organisation's until the version is accepted.
    expect((await download()).statusCode).toBe(404);
    expect((await download(cookies.repB)).statusCode).toBe(404);
    expect((await download(cookies.staff)).statusCode).toBe(200);

    // The statement travels with the version: accepted, it is public.
    await ok(t, SUBMIT, { id: drafted.id }, cookies.repA);
    await ok(
      t,
      'mutation($id: ID!) { reviewPledge(pledgeId: $id, decision: ACCEPT) { id } }',
      { id: drafted.id },
      cookies.staff,
    );
    const publicView = await ok<{ alliance: { pledge: PledgeView } }>(t, PLEDGE, { id: drafted.id });
    expect(publicView.alliance.pledge.versions?.[0]?.statement?.sha256).toBe(sha256);
    expect((await download()).statusCode).toBe(200);
  });

  it('accepts a same-origin request without X-Requested-With, and the same PDF twice as one document', async () => {
    const first = await draft(t, cookies.repA, repA.organisationId);
    const second = await draft(t, cookies.repA, repA.organisationId);
    const body = pdf('shared statement');
    const origin = new URL(t.app.config.publicUrl).origin;
    expect((await put(first.id, body, { 'x-requested-with': '', origin })).statusCode).toBe(200);
    const before = await documents();
    const again = await put(second.id, body);
    expect(again.statusCode).toBe(200);
    expect(await documents()).toBe(before);
  });

  it.each(REFUSED_UPLOADS)('refuses %s with %i and stores nothing', async (_label, status, body, headers) => {
    const drafted = await draft(t, cookies.repA, repA.organisationId);
    const before = await documents();
    const res = await put(drafted.id, body(), headers);
    expect(res.statusCode).toBe(status);
    expect(res.json()).toHaveProperty('error');
    expect(await documents()).toBe(before);
    const [version] = await t.database.db
      .select()
      .from(schema.pledgeVersion)
      .where(eq(schema.pledgeVersion.pledgeId, drafted.id));
    expect(version?.statementDocumentId).toBeNull();
  });

  it('answers other organisations 403, unknown pledges 404, and versions under review 409', async () => {
    const drafted = await draft(t, cookies.repA, repA.organisationId);
    expect((await put(drafted.id, pdf('b'), { cookie: cookies.repB })).statusCode).toBe(403);
    expect((await put('01890000-0000-7000-8000-000000000000', pdf('c'))).statusCode).toBe(404);
    expect((await put('not-an-id', pdf('d'))).statusCode).toBe(400);
    await ok(t, SUBMIT, { id: drafted.id }, cookies.repA);
    const res = await put(drafted.id, pdf('e'));
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'CONFLICT' });
  });
});
