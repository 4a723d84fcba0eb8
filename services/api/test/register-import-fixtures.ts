import ExcelJS from 'exceljs';
import { XLSX_MEDIA_TYPE } from '../src/modules/register-import/register-import.routes.ts';
import { type ImportSheet, importColumns } from '../src/modules/register-import/register-import-format.ts';
import type { TestApp } from './helper.ts';

/** What the register-import tests share: files made here, the upload, and the GraphQL operations. */
export type Rows = Record<string, string>[];

/** A sheet as CSV: the columns of the sheet in the format's order, the values of each row (absent: empty). */
export function csvOf(sheet: ImportSheet, rows: Rows, { separator = ',' } = {}): Buffer {
  const names = importColumns[sheet].map((c) => c.name);
  const field = (v: string) => (/[",;\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const lines = [names.join(separator), ...rows.map((r) => names.map((n) => field(r[n] ?? '')).join(separator))];
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

/** A workbook written by exceljs: a sheet per kind; a `*_on` value becomes a date cell, numbers number cells. */
export async function xlsxOf(sheets: Partial<Record<ImportSheet, Rows>>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const [sheet, rows] of Object.entries(sheets) as [ImportSheet, Rows][]) {
    const worksheet = workbook.addWorksheet(sheet);
    const names = importColumns[sheet].map((c) => c.name);
    worksheet.addRow(names);
    for (const row of rows) {
      worksheet.addRow(
        names.map((name) => {
          const value = row[name] ?? '';
          if (value === '') return null;
          if (name.endsWith('_on') && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00Z`);
          if (
            /^(tonnes_per_year|baseline_tonnes|tonnes_achieved|target_year|year)$/.test(name) &&
            /^\d+(\.\d+)?$/.test(value)
          ) {
            return Number(value);
          }
          return value;
        }),
      );
    }
    for (const name of names.filter((n) => n.endsWith('_on')))
      worksheet.getColumn(names.indexOf(name) + 1).numFmt = 'yyyy-mm-dd';
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export interface UploadAnswer {
  statusCode: number;
  body: { id?: string; error?: string; code?: string; field?: string };
}

/** Uploads a file for the dry run, as the portal does (X-Requested-With, the session's cookie). */
export async function upload(
  t: TestApp,
  cookie: string,
  file: Buffer,
  {
    slug = 'circular-plastics',
    sheet,
    fileName = 'register.csv',
    headers = {},
  }: { slug?: string; sheet?: string; fileName?: string; headers?: Record<string, string> } = {},
): Promise<UploadAnswer> {
  const isXlsx = file[0] === 0x50 && file[1] === 0x4b;
  const query = new URLSearchParams({ fileName, ...(sheet ? { sheet } : {}) });
  const response = await t.app.inject({
    method: 'POST',
    url: `/register-import/alliances/${slug}?${query}`,
    payload: file,
    headers: {
      'content-type': isXlsx ? XLSX_MEDIA_TYPE : 'text/csv',
      'x-requested-with': 'test',
      cookie,
      ...headers,
    },
  });
  return { statusCode: response.statusCode, body: response.json() };
}

export const IMPORT_FIELDS = `id fileName sha256 status confirmedAt errorCount
  totals { sheet newRows matchedRows unchangedRows errorRows }`;
export const READ_IMPORT = `query($id: ID!, $fate: RegisterImportFate, $first: Int) { alliance(slug: "circular-plastics") {
  registerImport(id: $id) { ${IMPORT_FIELDS} rows(fate: $fate, first: $first) { sheet line key fate field reason } } } }`;
export const CONFIRM = `mutation($id: ID!) { confirmRegisterImport(importId: $id) { ${IMPORT_FIELDS} } }`;

export interface ImportView {
  id: string;
  status: string;
  errorCount: number;
  totals: { sheet: string; newRows: number; matchedRows: number; unchangedRows: number; errorRows: number }[];
  rows?: {
    sheet: string;
    line: number;
    key: string | null;
    fate: string;
    field: string | null;
    reason: string | null;
  }[];
}

/** Organisations ORG-<prefix>-<n>, each with a signature, a representative and `pledgesEach` pledges with a report. */
export function generatedRegister(count: number, { prefix = 'G', pledgesEach = 1 } = {}) {
  const organisations: Rows = [];
  const representatives: Rows = [];
  const signatures: Rows = [];
  const pledges: Rows = [];
  const reports: Rows = [];
  const countries = ['BE', 'FR', 'DE', 'NL', 'IT', 'ES', 'PL', 'SE'];
  for (let i = 1; i <= count; i++) {
    const key = `ORG-${prefix}-${i}`;
    organisations.push({
      organisation_key: key,
      legal_name: `Imported ${prefix} Recycling ${i} SA`,
      country: countries[i % countries.length] ?? 'BE',
      kind: i % 7 === 0 ? 'ASSOCIATION' : 'COMPANY',
      size: i % 3 === 0 ? 'LARGE' : 'SME',
      stages: i % 2 === 0 ? 'RECYCLER;CONVERTER' : 'BRAND_OWNER',
      registration_number: `REG-${prefix}-${i}`,
    });
    representatives.push({
      organisation_key: key,
      name: `Person ${prefix} ${i}`,
      email: `person-${prefix.toLowerCase()}-${i}@imported.example`,
    });
    signatures.push({
      organisation_key: key,
      declaration_version: '1',
      signed_on: '2019-09-20',
      signer_name: `Person ${prefix} ${i}`,
      signer_job_title: 'Director',
    });
    for (let j = 1; j <= pledgesEach; j++) {
      const pledgeKey = `P-${prefix}-${i}-${j}`;
      pledges.push({
        pledge_key: pledgeKey,
        organisation_key: key,
        kind: j % 2 === 0 ? 'UPTAKE' : 'SUPPLY',
        polymer: ['PET', 'PP', 'HDPE', 'LDPE'][j % 4] ?? 'PET',
        sector: 'PACKAGING',
        tonnes_per_year: `${100 + i}.5`,
        target_year: '2025',
        accepted_on: '2019-11-15',
      });
      if (j === 1)
        reports.push({ pledge_key: pledgeKey, year: '2021', tonnes_achieved: `${50 + i}`, validated_on: '2022-04-30' });
    }
  }
  return { organisations, representatives, signatures, pledges, reports };
}
