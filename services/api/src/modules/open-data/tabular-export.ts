/**
 * Open-data files written as they are read: CSV line by line, JSON as a streamed array, XLSX through
 * exceljs's streaming workbook writer. Each file is described once, as columns; the three formats are three
 * ways of writing the same rows. Rows arrive in pages (one SQL statement each), so a large export never sits
 * in memory whole.
 */
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';

export type ExportFormat = 'csv' | 'json' | 'xlsx';
export const exportFormats: readonly ExportFormat[] = ['csv', 'json', 'xlsx'];

/**
 * - text: a string (CSV: guarded against formula injection);
 * - decimal: an exact decimal string ('1234.500'); text in CSV and JSON, a number cell in XLSX;
 * - fraction: a decimal string that is a share ('0.5432'); an XLSX cell formatted as a percentage;
 * - integer; date (YYYY-MM-DD, UTC) and dateTime (ISO 8601 in UTC), date cells in XLSX;
 * - list (of codes; joined with ';' in CSV and XLSX, an array in JSON).
 */
export type ColumnType = 'text' | 'decimal' | 'fraction' | 'integer' | 'date' | 'dateTime' | 'list';

interface ColumnBase {
  /** The CSV header, JSON key and XLSX header: the field's name, the same in every language. */
  name: string;
  /** XLSX column width, in characters. */
  width?: number;
  /** The key of its heading in the reader's language (export-labels.ts), when it is not the name's. */
  labelKey?: string;
  /** Its heading in the reader's language: a workbook asked for with `?lang` shows it above the name. */
  label?: string;
}

export type ExportColumn<Row> = ColumnBase &
  (
    | { type: 'text' | 'decimal' | 'fraction'; value: (row: Row) => string | null }
    | { type: 'integer'; value: (row: Row) => number | null }
    | { type: 'date' | 'dateTime'; value: (row: Row) => Date | null }
    | { type: 'list'; value: (row: Row) => readonly string[] | null }
  );

/** One table of a file: its columns and its rows, read page by page. */
export interface ExportTable<Row> {
  /** The JSON key when a file has several tables. */
  name: string;
  /** The XLSX sheet's name. */
  sheet: string;
  columns: readonly ExportColumn<Row>[];
  pages: AsyncIterable<readonly Row[]>;
}

type Cell = string | number | Date | readonly string[] | null;

/** A table with its rows turned into cells: what the writers take, whatever the rows were. */
export interface CellTable {
  name: string;
  sheet: string;
  columns: readonly (ColumnBase & { type: ColumnType })[];
  pages: AsyncIterable<readonly (readonly Cell[])[]>;
}

export function toCells<Row>(table: ExportTable<Row>): CellTable {
  return {
    name: table.name,
    sheet: table.sheet,
    columns: table.columns.map(({ name, type, width, labelKey }) => ({
      name,
      type,
      ...(width ? { width } : {}),
      ...(labelKey ? { labelKey } : {}),
    })),
    pages: (async function* () {
      for await (const page of table.pages) yield page.map((row) => table.columns.map((c) => c.value(row)));
    })(),
  };
}

export const contentTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8; header=present',
  json: 'application/json; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * A cell that starts with = + - @ (or a tab or carriage return) is read as a formula by spreadsheet programs:
 * an organisation called "=HYPERLINK(…)" must not become a link in a secretariat's copy. Such text gets a
 * leading apostrophe, the convention spreadsheets themselves use for "this is text" (OWASP, CSV injection).
 */
export function guardFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

const isoDate = (date: Date) => date.toISOString().slice(0, 10);

function csvCell(value: Cell, type: ColumnType): string {
  if (value === null) return '';
  if (value instanceof Date) return type === 'date' ? isoDate(value) : value.toISOString();
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return csvField(guardFormula(value));
  return csvField(guardFormula(value.join(';')));
}

function csvRow(table: CellTable, row: readonly Cell[]): string {
  return table.columns
    .map((c, i) => {
      const value = row[i] ?? null;
      // Numbers and exact decimals this service produced are never formulas, and a minus sign must stay one.
      return c.type === 'decimal' || c.type === 'fraction' ? String(value ?? '') : csvCell(value, c.type);
    })
    .join(',');
}

function jsonObject(table: CellTable, row: readonly Cell[]): Record<string, unknown> {
  return Object.fromEntries(
    table.columns.map((c, i) => {
      const value = row[i] ?? null;
      if (!(value instanceof Date)) return [c.name, value];
      return [c.name, c.type === 'date' ? isoDate(value) : value.toISOString()];
    }),
  );
}

const CRLF = '\r\n';

/** RFC 4180: a header line, then one line per row, CRLF line ends, UTF-8. */
export function csvStream(table: CellTable): Readable {
  return Readable.from(
    (async function* () {
      yield table.columns.map((c) => csvField(c.name)).join(',') + CRLF;
      for await (const page of table.pages) {
        if (page.length === 0) continue;
        yield page.map((row) => csvRow(table, row) + CRLF).join('');
      }
    })(),
    { objectMode: false },
  );
}

async function* jsonArray(table: CellTable, indent: string): AsyncGenerator<string> {
  yield '[';
  let first = true;
  for await (const page of table.pages) {
    if (page.length === 0) continue;
    const items = page.map((row) => `\n${indent}  ${JSON.stringify(jsonObject(table, row))}`);
    yield (first ? '' : ',') + items.join(',');
    first = false;
  }
  yield first ? ']' : `\n${indent}]`;
}

/** A JSON array of one object per row, written as the rows arrive. */
export function jsonArrayStream(table: CellTable): Readable {
  return Readable.from(
    (async function* () {
      yield* jsonArray(table, '');
      yield '\n';
    })(),
    { objectMode: false },
  );
}

/** A JSON object: `head`'s properties, then each table as an array under its name. */
export function jsonObjectStream(head: Record<string, unknown>, tables: readonly CellTable[]): Readable {
  return Readable.from(
    (async function* () {
      const entries = Object.entries(head).map(
        ([key, value]) => `\n  ${JSON.stringify(key)}: ${JSON.stringify(value)}`,
      );
      yield `{${entries.join(',')}`;
      for (const [i, table] of tables.entries()) {
        yield `${entries.length > 0 || i > 0 ? ',' : ''}\n  ${JSON.stringify(table.name)}: `;
        yield* jsonArray(table, '  ');
      }
      yield '\n}\n';
    })(),
    { objectMode: false },
  );
}

const NUMBER_FORMAT: Partial<Record<ColumnType, string>> = {
  decimal: '#,##0.000',
  fraction: '0.00%',
  integer: '0',
  date: 'yyyy-mm-dd',
  dateTime: 'yyyy-mm-dd hh:mm:ss',
};

function xlsxValue(type: ColumnType, value: Cell): ExcelJS.CellValue {
  if (value === null) return null;
  // A double holds 15 significant digits: numeric(14,3) round-trips exactly to three decimals.
  if (type === 'decimal' || type === 'fraction') return Number(value);
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  return value.join(';');
}

/**
 * An XLSX workbook, one sheet per table, streamed: rows are committed as they arrive and the zip is written
 * to the returned stream as it is built. A table whose columns carry labels (`inLanguage`) gets two header rows,
 * both frozen: the headings in the reader's language, then the field names; otherwise the names alone. Waits for the reader between pages, so a slow client slows the
 * reading of the database instead of filling memory. Cells hold values (strings, numbers, dates), never
 * formulas.
 */
export function xlsxStream(tables: readonly CellTable[], { created }: { created: Date }): Readable {
  const output = new PassThrough({ highWaterMark: 256 * 1024 });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Concord';
  workbook.created = created;

  const write = async () => {
    for (const table of tables) {
      const labelled = table.columns.some((c) => c.label !== undefined);
      const sheet = workbook.addWorksheet(table.sheet, { views: [{ state: 'frozen', ySplit: labelled ? 2 : 1 }] });
      sheet.columns = table.columns.map((c) => ({
        header: labelled ? [c.label ?? c.name, c.name] : c.name,
        key: c.name,
        width: c.width ?? Math.max(12, c.name.length + 2, labelled ? Math.min(40, (c.label ?? '').length + 2) : 0),
        ...(NUMBER_FORMAT[c.type] ? { style: { numFmt: NUMBER_FORMAT[c.type] } } : {}),
      }));
      sheet.getRow(1).font = { bold: true };
      sheet.getRow(1).commit();
      if (labelled) {
        sheet.getRow(2).font = { italic: true, color: { argb: 'FF5F6B7A' } };
        sheet.getRow(2).commit();
      }
      for await (const page of table.pages) {
        for (const row of page) sheet.addRow(table.columns.map((c, i) => xlsxValue(c.type, row[i] ?? null))).commit();
        // Let the zip move what was committed, then wait while the reader is behind.
        await new Promise((resolve) => setImmediate(resolve));
        if (output.writableNeedDrain) await drainedOrClosed(output);
        // The client went away: stop reading the database (the page loop's `return` ends the query pages).
        if (output.destroyed) return;
      }
      sheet.commit();
    }
    await workbook.commit();
  };
  write().catch((error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error))));
  return output;
}

/** Resolves when `stream` can take more, or has closed (a client that disconnected never drains). */
async function drainedOrClosed(stream: PassThrough): Promise<void> {
  const stop = new AbortController();
  try {
    await Promise.race([
      once(stream, 'drain', { signal: stop.signal }),
      once(stream, 'close', { signal: stop.signal }),
    ]);
  } finally {
    // Removes the listener that lost the race.
    stop.abort();
  }
}
