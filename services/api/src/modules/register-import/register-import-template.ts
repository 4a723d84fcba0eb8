import ExcelJS from 'exceljs';
import { type ImportSheet, importColumns, importSheets } from './register-import-format.ts';

/** A CSV field as RFC 4180 quotes it. */
const csvField = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** One sheet's template as CSV: the header and one example row (UTF-8 with a byte-order mark, for spreadsheets). */
export function csvTemplate(sheet: ImportSheet): string {
  const columns = importColumns[sheet];
  return `\uFEFF${columns.map((c) => c.name).join(',')}\r\n${columns.map((c) => csvField(c.example)).join(',')}\r\n`;
}

/** The workbook template: a sheet per kind of row, each with its header and an example row, every cell text. */
export async function xlsxTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of importSheets) {
    const worksheet = workbook.addWorksheet(sheet);
    const columns = importColumns[sheet];
    worksheet.columns = columns.map((c) => ({ header: c.name, key: c.name, width: Math.max(14, c.name.length + 2) }));
    worksheet.addRow(Object.fromEntries(columns.map((c) => [c.name, c.example])));
    worksheet.getRow(1).font = { bold: true };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
