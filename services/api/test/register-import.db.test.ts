import { readFileSync } from 'node:fs';
import { schema } from '@concord/db';
import { and, eq, sql } from 'drizzle-orm';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsx } from '../src/modules/register-import/xlsx-reader.ts';
import { buildTestApp, type TestApp } from './helper.ts';
import { signIn } from './journey.ts';
import { pledgers, SECRETARIAT } from './pledge-fixtures.ts';
import {
  CONFIRM,
  csvOf,
  generatedRegister,
  type ImportView,
  READ_IMPORT,
  upload,
  xlsxOf,
} from './register-import-fixtures.ts';

/**
 * Bringing in the register (docs/register-import.md): the dry run names every row's fate and writes nothing of the
 * register; confirming writes it all at once; the same file again changes nothing; broken files and rows are
 * refused naming the file, the column and the reason; two confirmations at once write once. On PGlite and PostgreSQL.
 */

let t: TestApp;
let secretariat: string;
let representative: string;

const count = async (table: string) =>
  Number((await t.database.rows<{ n: number }>(sql.raw(`select count(*)::int as n from "${table}"`)))[0]?.n);
const REGISTER_TABLES = [
  'organisation',
  'person',
  'organisation_member',
  'signature',
  'working_group_member',
  'pledge',
  'pledge_version',
  'progress_report',
  'register_import_key',
];
const registerCounts = async () =>
  Object.fromEntries(await Promise.all(REGISTER_TABLES.map(async (n) => [n, await count(n)])));

async function dryRun(file: Buffer, options: Parameters<typeof upload>[3] = {}): Promise<ImportView> {
  const answer = await upload(t, secretariat, file, options);
  expect(answer.statusCode, JSON.stringify(answer.body)).toBe(201);
  const read = await t.graphql<{ alliance: { registerImport: ImportView } }>(
    READ_IMPORT,
    { id: answer.body.id, first: 250 },
    { cookie: secretariat },
  );
  if (!read.data) throw new Error(JSON.stringify(read.errors));
  return read.data.alliance.registerImport;
}

async function confirm(id: string, cookie = secretariat) {
  return t.graphql<{ confirmRegisterImport: ImportView }>(CONFIRM, { id }, { cookie });
}

const totalsOf = (view: ImportView) =>
  Object.fromEntries(view.totals.map((x) => [x.sheet, [x.newRows, x.matchedRows, x.unchangedRows, x.errorRows]]));

beforeAll(async () => {
  t = await buildTestApp();
  secretariat = await signIn(t, SECRETARIAT);
  const [rep] = await pledgers(t, 1);
  if (!rep) throw new Error('no representative in the demo data');
  representative = await signIn(t, rep.email);
}, 120_000);
afterAll(() => t?.close());

describe('the template', () => {
  it('is a workbook with a sheet per kind of row, each with its header and an example, and a CSV per sheet', async () => {
    const xlsx = await t.app.inject({ method: 'GET', url: '/register-import/template.xlsx' });
    expect(xlsx.statusCode).toBe(200);
    const sheets = readXlsx(xlsx.rawPayload);
    expect(sheets.map((s) => s.name)).toEqual([
      'organisations',
      'representatives',
      'signatures',
      'memberships',
      'pledges',
      'reports',
    ]);
    expect(sheets[0]?.rows[0]?.cells.slice(0, 3)).toEqual(['organisation_key', 'legal_name', 'country']);
    expect(sheets[0]?.rows[1]?.cells[0]).toBe('ORG-001');
    const csv = await t.app.inject({ method: 'GET', url: '/register-import/template-pledges.csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toMatch(/^\uFEFFpledge_key,organisation_key,kind/);
    expect((await t.app.inject({ method: 'GET', url: '/register-import/template-nothing.csv' })).statusCode).toBe(404);
  });
});

describe('the dry run', () => {
  it('names each row’s fate (new, matched to the register, refused with the column and why) and writes nothing', async () => {
    const [existing] = await t.database.db
      .select()
      .from(schema.organisation)
      .where(sql`${schema.organisation.registrationNumber} is not null`)
      .limit(1);
    if (!existing?.registrationNumber) throw new Error('no organisation in the demo data');
    const before = await registerCounts();
    const view = await dryRun(
      csvOf('organisations', [
        {
          organisation_key: 'D-1',
          legal_name: 'Dry Run Polymers',
          country: 'be',
          kind: 'company',
          size: 'SME',
          stages: 'RECYCLER',
          registration_number: 'D1',
        },
        {
          organisation_key: 'D-2',
          legal_name: 'Somebody Else',
          country: existing.country,
          kind: 'COMPANY',
          size: 'LARGE',
          stages: 'CONVERTER',
          registration_number: existing.registrationNumber,
        },
        {
          organisation_key: 'D-3',
          legal_name: 'Nowhere Ltd',
          country: 'XX',
          kind: 'COMPANY',
          size: 'SME',
          stages: 'RECYCLER',
          registration_number: 'D3',
        },
        {
          organisation_key: 'D-4',
          legal_name: 'Widgets Ltd',
          country: 'FR',
          kind: 'WIDGET',
          size: 'SME',
          stages: 'RECYCLER',
          registration_number: 'D4',
        },
        {
          organisation_key: 'D-5',
          legal_name: '',
          country: 'FR',
          kind: 'NGO',
          size: 'SME',
          stages: 'RECYCLER',
          registration_number: 'D5',
        },
        {
          organisation_key: 'D-6',
          legal_name: 'No Stage',
          country: 'FR',
          kind: 'NGO',
          size: 'SME',
          stages: '',
          registration_number: 'D6',
        },
        {
          organisation_key: 'D-1',
          legal_name: 'Twice',
          country: 'FR',
          kind: 'NGO',
          size: 'SME',
          stages: 'RECYCLER',
          registration_number: 'D7',
        },
        {
          organisation_key: 'D-8',
          legal_name: 'Bad Register',
          country: 'FR',
          kind: 'NGO',
          size: 'SME',
          stages: 'RECYCLER',
          registration_number: 'D8',
          transparency_register_number: '12',
        },
      ]),
      { sheet: 'organisations' },
    );
    expect(view.status).toBe('CHECKED');
    expect(totalsOf(view)).toEqual({ ORGANISATIONS: [1, 1, 0, 6] });
    const fates = view.rows?.map((r) => [r.line, r.key, r.fate, r.field]);
    expect(fates).toEqual([
      [2, 'D-1', 'NEW', null],
      [3, 'D-2', 'MATCHED', null],
      [4, 'D-3', 'ERROR', 'country'],
      [5, 'D-4', 'ERROR', 'kind'],
      [6, 'D-5', 'ERROR', 'legal_name'],
      [7, 'D-6', 'ERROR', 'stages'],
      [8, 'D-1', 'ERROR', 'organisation_key'],
      [9, 'D-8', 'ERROR', 'transparency_register_number'],
    ]);
    expect(view.rows?.find((r) => r.field === 'kind')?.reason).toMatch(/One of COMPANY, ASSOCIATION/);
    expect(await registerCounts()).toEqual(before);
  });

  it('reads a semicolon-separated CSV with a byte-order mark, as French and German spreadsheets save it', async () => {
    const body = csvOf('representatives', [{ organisation_key: 'NONE', name: 'A; B', email: 'x@example.org' }], {
      separator: ';',
    });
    const view = await dryRun(Buffer.concat([Buffer.from('\uFEFF'), body]), { sheet: 'representatives' });
    expect(view.rows?.map((r) => [r.fate, r.field])).toEqual([['ERROR', 'organisation_key']]);
  });
});

describe('confirming', () => {
  it('writes every sheet of a workbook in one go, nobody e-mailed, and the same file again writes nothing', async () => {
    const register = generatedRegister(6, { prefix: 'W', pledgesEach: 2 });
    const file = await xlsxOf({
      ...register,
      memberships: [
        { organisation_key: 'ORG-W-1', working_group: 'packaging', role: 'CO_CHAIR', joined_on: '2019-10-01' },
      ],
      reports: [
        ...register.reports,
        { pledge_key: 'P-W-1-1', year: '2030', tonnes_achieved: '5', validated_on: '2022-04-30' },
      ],
    });
    const before = await registerCounts();
    const view = await dryRun(file, { fileName: 'register.xlsx' });
    expect(totalsOf(view)).toEqual({
      ORGANISATIONS: [6, 0, 0, 0],
      REPRESENTATIVES: [6, 0, 0, 0],
      SIGNATURES: [6, 0, 0, 0],
      MEMBERSHIPS: [1, 0, 0, 0],
      PLEDGES: [12, 0, 0, 0],
      REPORTS: [6, 0, 0, 1],
    });
    expect(view.rows?.find((r) => r.fate === 'ERROR')).toMatchObject({ sheet: 'REPORTS', line: 8, field: 'year' });
    expect(await registerCounts()).toEqual(before);

    const confirmed = await confirm(view.id);
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data?.confirmRegisterImport.status).toBe('CONFIRMED');
    const after = await registerCounts();
    expect(Object.fromEntries(REGISTER_TABLES.map((n) => [n, (after[n] ?? 0) - (before[n] ?? 0)]))).toEqual({
      organisation: 6,
      person: 6,
      organisation_member: 6,
      signature: 6,
      working_group_member: 1,
      pledge: 12,
      pledge_version: 12,
      progress_report: 6,
      register_import_key: 18,
    });
    // Dates as the sheet stores them: the signature is active from the day it was signed, the pledge accepted on its day.
    const [org] = await t.database.db
      .select()
      .from(schema.organisation)
      .where(eq(schema.organisation.registrationNumber, 'REG-W-1'));
    const [signature] = await t.database.db
      .select()
      .from(schema.signature)
      .where(eq(schema.signature.organisationId, org?.id ?? ''));
    expect(signature).toMatchObject({ status: 'active', signerName: 'Person W 1' });
    expect(signature?.activatedAt?.toISOString()).toBe('2019-09-20T00:00:00.000Z');
    const pledges = await t.database.db
      .select()
      .from(schema.pledge)
      .where(eq(schema.pledge.organisationId, org?.id ?? ''));
    expect(pledges.map((p) => [p.status, p.tonnesPerYear, p.decidedAt?.toISOString()])).toContainEqual([
      'accepted',
      '101.500',
      '2019-11-15T00:00:00.000Z',
    ]);
    // Imported people are not e-mailed: nothing queued for them.
    const mail = await t.database.rows<{ n: number }>(
      sql`select count(*)::int as n from email_delivery where recipient like '%@imported.example'`,
    );
    expect(mail[0]?.n).toBe(0);
    const [event] = await t.database.db
      .select()
      .from(schema.auditEvent)
      .where(and(eq(schema.auditEvent.action, 'register_import.confirmed'), eq(schema.auditEvent.objectId, view.id)));
    expect(event?.after).toMatchObject({ written: { organisations: 6, pledges: 12, reports: 6 } });

    const again = await confirm(view.id);
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const reimport = await dryRun(file, { fileName: 'register.xlsx' });
    expect(totalsOf(reimport)).toEqual({
      ORGANISATIONS: [0, 0, 6, 0],
      REPRESENTATIVES: [0, 0, 6, 0],
      SIGNATURES: [0, 0, 6, 0],
      MEMBERSHIPS: [0, 0, 1, 0],
      PLEDGES: [0, 0, 12, 0],
      REPORTS: [0, 0, 6, 1],
    });
    expect((await confirm(reimport.id)).errors).toBeUndefined();
    expect(await registerCounts()).toEqual(after);
  });

  it('writes a file once when two confirmations of it, or of two uploads of it, run at once', async () => {
    const register = generatedRegister(20, { prefix: 'C' });
    const file = await xlsxOf({
      organisations: register.organisations,
      signatures: register.signatures,
      pledges: register.pledges,
    });
    const first = await dryRun(file);
    const second = await dryRun(file);
    const before = await registerCounts();
    const answers = await Promise.all([confirm(first.id), confirm(second.id), confirm(first.id)]);
    const codes = answers.map((a) => a.errors?.[0]?.extensions?.code ?? 'OK');
    expect(codes.filter((c) => c === 'CONFLICT')).toHaveLength(1);
    expect(codes.filter((c) => c === 'OK')).toHaveLength(2);
    const after = await registerCounts();
    expect((after.organisation ?? 0) - (before.organisation ?? 0)).toBe(20);
    expect((after.pledge ?? 0) - (before.pledge ?? 0)).toBe(20);
    expect((after.signature ?? 0) - (before.signature ?? 0)).toBe(20);
  });
});

describe('a workbook written by LibreOffice', () => {
  it('reads its dates, numbers and text as the sheet stores them, and imports it', async () => {
    const file = readFileSync(new URL('./fixtures/register-libreoffice.xlsx', import.meta.url));
    const view = await dryRun(file, { fileName: 'register-libreoffice.xlsx' });
    expect(view.errorCount, JSON.stringify(view.rows?.filter((r) => r.fate === 'ERROR'))).toBe(0);
    expect(totalsOf(view)).toMatchObject({ ORGANISATIONS: [2, 0, 0, 0], PLEDGES: [2, 0, 0, 0] });
    expect((await confirm(view.id)).errors).toBeUndefined();
    const [pledge] = await t.database.rows<{ decided_at: Date; tonnes_per_year: string }>(
      sql`select p.decided_at, p.tonnes_per_year from pledge p join register_import_key k on k.object_id = p.id where k.key = 'LO-P-1'`,
    );
    expect(new Date(pledge?.decided_at ?? 0).toISOString()).toBe('2019-11-15T00:00:00.000Z');
    expect(pledge?.tonnes_per_year).toBe('1250.250');
  });

  it('reads a CSV file LibreOffice saved as a workbook, its days turned into date cells', async () => {
    const file = readFileSync(new URL('./fixtures/reports-libreoffice.xlsx', import.meta.url));
    const view = await dryRun(file, { fileName: 'reports.xlsx' });
    expect(totalsOf(view), JSON.stringify(view.rows)).toEqual({ REPORTS: [2, 0, 0, 0] });
    expect((await confirm(view.id)).errors).toBeUndefined();
    const [report] = await t.database.rows<{ validated_at: Date; tonnes_achieved: string }>(
      sql`select r.validated_at, r.tonnes_achieved from progress_report r join register_import_key k on k.object_id = r.pledge_id where k.key = 'LO-P-1'`,
    );
    expect(new Date(report?.validated_at ?? 0).toISOString()).toBe('2022-04-30T00:00:00.000Z');
    expect(report?.tonnes_achieved).toBe('980.500');
  });
});

/** A workbook whose sheet part inflates to more than the ZIP says (or says it is larger than Concord reads). */
function lyingWorkbook(declared: number): Buffer {
  const sheet = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${'<row/>'.repeat(200_000)}</sheetData></worksheet>`;
  const zip = zipSync({
    'xl/workbook.xml': strToU8(
      '<workbook xmlns:r="r"><sheets><sheet name="organisations" r:id="rId1"/></sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    'xl/worksheets/sheet1.xml': strToU8(sheet),
  });
  const bytes = Buffer.from(zip);
  // The central directory's entry of the sheet: its uncompressed size (offset 24) is what the archive declares.
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  for (let p = bytes.length - 22; p >= 0; p--) {
    if (bytes.readUInt32LE(p) === 0x02014b50 && bytes.subarray(p + 46, p + 46 + name.length).equals(name)) {
      bytes.writeUInt32LE(declared, p + 24);
      return bytes;
    }
  }
  throw new Error('no entry');
}

describe('what is refused', () => {
  it.each([
    ['a CSV file that says not what it holds', () => csvOf('organisations', []), { sheet: '' }, 400, 'sheet'],
    [
      'a sheet with an unknown column',
      () => Buffer.from('organisation_key,legal_nam\r\nA,B\r\n'),
      { sheet: 'organisations' },
      400,
      'file',
    ],
    ['a header alone', () => csvOf('organisations', []), { sheet: 'organisations' }, 400, 'file'],
    [
      'text that is not UTF-8',
      () => Buffer.from([0x6f, 0x72, 0xe9, 0x0d, 0x0a]),
      { sheet: 'organisations' },
      400,
      'file',
    ],
    ['a quote never closed', () => Buffer.from('organisation_key\r\n"A\r\n'), { sheet: 'organisations' }, 400, 'file'],
    ['a ZIP that is no workbook', () => Buffer.from(zipSync({ 'a.txt': strToU8('a') })), {}, 400, 'file'],
    ['a part that inflates past what it declares', () => lyingWorkbook(1000), {}, 400, 'file'],
    ['a part declared larger than Concord reads', () => lyingWorkbook(0x7fff_ffff), {}, 400, 'file'],
    [
      'a file name with a control character',
      () => csvOf('organisations', [{ organisation_key: 'A' }]),
      { sheet: 'organisations', fileName: 'a\u0007.csv' },
      400,
      'fileName',
    ],
  ] as const)('%s', async (_label, file, options, status, field) => {
    const before = await count('register_import');
    const answer = await upload(t, secretariat, file(), options);
    expect(answer.statusCode, JSON.stringify(answer.body)).toBe(status);
    expect(answer.body).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await count('register_import')).toBe(before);
  });

  it('XML with a DOCTYPE (no entity ever expands)', async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><workbook><sheets><sheet name="organisations" r:id="rId1"/></sheets></workbook>`;
    const file = Buffer.from(zipSync({ 'xl/workbook.xml': strToU8(bomb) }));
    const answer = await upload(t, secretariat, file);
    expect(answer.statusCode).toBe(400);
    expect(answer.body.error).toMatch(/DOCTYPE/);
  });

  it('anyone but the secretariat, anonymous callers, other media types and cross-site requests', async () => {
    const file = csvOf('organisations', [{ organisation_key: 'X' }]);
    expect((await upload(t, representative, file, { sheet: 'organisations' })).statusCode).toBe(403);
    expect((await upload(t, '', file, { sheet: 'organisations' })).statusCode).toBe(401);
    expect(
      (await upload(t, secretariat, file, { sheet: 'organisations', headers: { 'content-type': 'application/json' } }))
        .statusCode,
    ).toBe(415);
    expect(
      (
        await upload(t, secretariat, file, {
          sheet: 'organisations',
          headers: { 'x-requested-with': '', origin: 'https://evil.example' },
        })
      ).statusCode,
    ).toBe(400);
    expect((await upload(t, secretariat, file, { slug: 'no-such-alliance', sheet: 'organisations' })).statusCode).toBe(
      404,
    );
    expect(
      (
        await upload(t, secretariat, Buffer.concat([file, Buffer.alloc(5 * 1024 * 1024, 0x41)]), {
          sheet: 'organisations',
        })
      ).statusCode,
    ).toBe(413);
  });

  it('over GraphQL: an import read or confirmed by another than the secretariat, a wrong id, too many rows asked', async () => {
    const view = await dryRun(csvOf('organisations', [{ organisation_key: 'R-1' }]), { sheet: 'organisations' });
    const asRep = await t.graphql(READ_IMPORT, { id: view.id }, { cookie: representative });
    expect(asRep.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await confirm(view.id, representative)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await confirm('not-an-id')).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'importId',
    });
    const tooMany = await t.graphql(READ_IMPORT, { id: view.id, first: 1000 }, { cookie: secretariat });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});
