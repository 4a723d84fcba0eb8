import { Inflate } from 'fflate';
import { SaxesParser } from 'saxes';
import { DomainError } from '../../errors.ts';
import {
  checkRowCount,
  type ImportRow,
  type ImportTable,
  MAX_CELL_LENGTH,
  MAX_COLUMNS,
  unreadable,
} from './import-table.ts';

/**
 * Reads the sheets of an XLSX workbook defensively (ADR 0026): the ZIP's central directory is read here, only the
 * parts a sheet needs are inflated, each through a counter that stops at its limit whatever the archive declares (a
 * zip bomb stops at the limit, not at the end of memory), XML with a DOCTYPE is refused (no entity can expand), and
 * cells are taken as the sheet stores them: a formula's stored result, never the formula, which is never evaluated;
 * a date as the day its serial number and the workbook's date system name.
 */

/** The most a part of the workbook may inflate to, and all of them together. */
export const MAX_PART_BYTES = 64 * 1024 * 1024;
export const MAX_INFLATED_BYTES = 160 * 1024 * 1024;
const MAX_ENTRIES = 10_000;
const MAX_SHEETS = 50;

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

function readCentralDirectory(zip: Uint8Array): Map<string, ZipEntry> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw unreadable('The file is not an XLSX workbook (no ZIP directory).');
  const count = view.getUint16(eocd + 10, true);
  const offset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || offset === 0xffffffff)
    throw unreadable('The workbook is a ZIP64 archive, which is not read.');
  if (count > MAX_ENTRIES) throw unreadable('The workbook has too many parts.');
  const entries = new Map<string, ZipEntry>();
  let p = offset;
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (p + 46 > zip.length || view.getUint32(p, true) !== 0x02014b50)
      throw unreadable('The workbook’s ZIP directory is damaged.');
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const compressedSize = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const localOffset = view.getUint32(p + 42, true);
    const name = decoder.decode(zip.subarray(p + 46, p + 46 + nameLength));
    if (flags & 1) throw unreadable('The workbook is encrypted: save it without a password.');
    entries.set(name.replace(/^\//, ''), { name, method, compressedSize, size, localOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Inflates one part, counting: past its limit (or what it said it was) it stops. */
function inflatePart(zip: Uint8Array, entry: ZipEntry, budget: { left: number }): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const p = entry.localOffset;
  if (p + 30 > zip.length || view.getUint32(p, true) !== 0x04034b50)
    throw unreadable('The workbook’s ZIP data is damaged.');
  const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
  const end = start + entry.compressedSize;
  if (end > zip.length) throw unreadable('The workbook is cut short.');
  const limit = Math.min(MAX_PART_BYTES, budget.left, entry.size);
  if (entry.size > MAX_PART_BYTES || entry.size > budget.left) {
    throw unreadable('The workbook expands to more than Concord reads: split it in several files.');
  }
  if (entry.method === 0) {
    budget.left -= entry.compressedSize;
    return zip.subarray(start, end);
  }
  if (entry.method !== 8) throw unreadable('The workbook uses a ZIP compression Concord does not read.');
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflate = new Inflate((chunk) => {
    total += chunk.length;
    if (total > limit) throw unreadable('The workbook expands to more than it declares: it is refused.');
    chunks.push(chunk);
  });
  const STEP = 64 * 1024;
  try {
    for (let at = start; at < end; at += STEP)
      inflate.push(zip.subarray(at, Math.min(end, at + STEP)), at + STEP >= end);
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw unreadable('The workbook’s ZIP data is damaged.');
  }
  if (start === end && entry.size > 0) throw unreadable('The workbook’s ZIP data is damaged.');
  budget.left -= total;
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
}

/** Parses XML strictly (saxes), calling back on each element's opening, text and closing; a DOCTYPE is refused. */
function parseXml(
  bytes: Uint8Array,
  on: { open?: (e: XmlElement) => void; text?: (t: string) => void; close?: (name: string) => void },
): void {
  // Without an error handler, saxes throws at the first error: a damaged part stops the reading there.
  const parser = new SaxesParser({ xmlns: false });
  parser.on('doctype', () => {
    throw unreadable('The workbook’s XML declares a DOCTYPE, which no spreadsheet writes: it is refused.');
  });
  if (on.open) {
    const open = on.open;
    parser.on('opentag', (tag) =>
      open({ name: localName(tag.name), attributes: tag.attributes as Record<string, string> }),
    );
  }
  if (on.text) parser.on('text', on.text);
  if (on.close) {
    const close = on.close;
    parser.on('closetag', (tag) => close(localName(tag.name)));
  }
  try {
    parser.write(new TextDecoder('utf-8', { fatal: true }).decode(bytes)).close();
  } catch (e) {
    if (e instanceof DomainError) throw e;
    throw unreadable('The workbook’s XML does not parse: save it again from the spreadsheet.');
  }
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** Number formats that show a day (ECMA-376 §18.8.30's built-in ones, and custom codes with y, m or d outside quotes). */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57]);
const isDateCode = (code: string) => /[dmy]/i.test(code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, ''));

function dateStyles(styles: Uint8Array | null): Set<number> {
  const result = new Set<number>();
  if (!styles) return result;
  const customDate = new Set<number>();
  let inCellXfs = false;
  let xf = 0;
  parseXml(styles, {
    open: (e) => {
      if (e.name === 'numFmt' && isDateCode(e.attributes.formatCode ?? ''))
        customDate.add(Number(e.attributes.numFmtId));
      else if (e.name === 'cellXfs') inCellXfs = true;
      else if (e.name === 'xf' && inCellXfs) {
        const id = Number(e.attributes.numFmtId ?? 0);
        if (BUILT_IN_DATE_FORMATS.has(id) || customDate.has(id)) result.add(xf);
        xf++;
      }
    },
    close: (name) => {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return result;
}

/**
 * A serial day number as the day it names. In the 1900 system the epoch is 30 December 1899, which is right from
 * 1 March 1900 on (day 61): the serials count a 29 February 1900 that never was, as Lotus 1-2-3 did.
 */
export function serialToDay(serial: number, is1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null;
  const whole = Math.floor(serial);
  const epoch = is1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return new Date(epoch + whole * 86_400_000).toISOString().slice(0, 10);
}

function sharedStrings(bytes: Uint8Array | null): string[] {
  const strings: string[] = [];
  if (!bytes) return strings;
  let current: string | null = null;
  let inText = false;
  let skip = 0;
  parseXml(bytes, {
    open: (e) => {
      if (e.name === 'si') current = '';
      else if (e.name === 'rPh') skip++;
      else if (e.name === 't' && skip === 0) inText = true;
    },
    text: (t) => {
      if (inText && current !== null) current += t;
    },
    close: (name) => {
      if (name === 't') inText = false;
      else if (name === 'rPh') skip--;
      else if (name === 'si' && current !== null) {
        strings.push(current.length > MAX_CELL_LENGTH ? current.slice(0, MAX_CELL_LENGTH + 1) : current);
        current = null;
      }
    },
  });
  return strings;
}

const columnIndex = (reference: string): number => {
  let n = 0;
  for (const c of reference.replace(/\d+$/, '')) n = n * 26 + (c.charCodeAt(0) - 64);
  return n - 1;
};

function readSheet(
  bytes: Uint8Array,
  name: string,
  strings: string[],
  dates: Set<number>,
  is1904: boolean,
): ImportTable {
  const rows: ImportRow[] = [];
  let row: ImportRow | null = null;
  let nextLine = 1;
  let cell: { column: number; type: string; style: number; value: string; isInline: boolean } | null = null;
  let nextColumn = 0;
  let inValue = false;
  parseXml(bytes, {
    open: (e) => {
      if (e.name === 'row') {
        const line = Number(e.attributes.r ?? nextLine);
        row = { line: Number.isInteger(line) && line > 0 ? line : nextLine, cells: [] };
        nextLine = row.line + 1;
        nextColumn = 0;
      } else if (e.name === 'c' && row) {
        const column = e.attributes.r ? columnIndex(e.attributes.r.toUpperCase()) : nextColumn;
        nextColumn = column + 1;
        cell = { column, type: e.attributes.t ?? 'n', style: Number(e.attributes.s ?? 0), value: '', isInline: false };
      } else if (cell && (e.name === 'v' || (e.name === 't' && cell.type === 'inlineStr'))) inValue = true;
    },
    text: (t) => {
      if (inValue && cell && cell.value.length <= MAX_CELL_LENGTH) cell.value += t;
    },
    close: (tag) => {
      if (tag === 'v' || tag === 't') inValue = false;
      else if (tag === 'c' && cell && row) {
        if (cell.column >= MAX_COLUMNS)
          throw unreadable(`Sheet “${name}”, row ${row.line}: more than ${MAX_COLUMNS} columns.`);
        const value = cellText(cell, strings, dates, is1904);
        if (value !== '') {
          while (row.cells.length < cell.column) row.cells.push('');
          row.cells[cell.column] = value;
        }
        cell = null;
      } else if (tag === 'row' && row) {
        if (row.cells.some((c) => c !== '')) {
          rows.push(row);
          checkRowCount(rows.length);
        }
        row = null;
      }
    },
  });
  return { name, rows };
}

function cellText(
  cell: { type: string; style: number; value: string },
  strings: string[],
  dates: Set<number>,
  is1904: boolean,
): string {
  const raw = cell.value;
  switch (cell.type) {
    case 's': {
      const text = strings[Number(raw)];
      return text === undefined ? '' : text.trim();
    }
    case 'str':
    case 'inlineStr':
      return raw.trim();
    case 'b':
      return raw === '1' ? 'TRUE' : 'FALSE';
    case 'e':
      return raw;
    case 'd':
      return raw.slice(0, 10);
    default: {
      if (raw === '') return '';
      const number = Number(raw);
      if (dates.has(cell.style)) return serialToDay(number, is1904) ?? raw;
      // A number as the sheet stores it, without the float noise of a binary fraction (0.1 + 0.2).
      return Number.isFinite(number) ? String(Number(number.toPrecision(15))) : raw;
    }
  }
}

/** The sheets of a workbook in its order, each with its rows. */
export function readXlsx(zip: Uint8Array): ImportTable[] {
  const entries = readCentralDirectory(zip);
  const budget = { left: MAX_INFLATED_BYTES };
  const part = (path: string): Uint8Array | null => {
    const entry = entries.get(path);
    return entry ? inflatePart(zip, entry, budget) : null;
  };
  const workbook = part('xl/workbook.xml');
  if (!workbook) throw unreadable('The file is not an XLSX workbook (no xl/workbook.xml).');
  const sheets: { name: string; relation: string }[] = [];
  let is1904 = false;
  parseXml(workbook, {
    open: (e) => {
      if (e.name === 'workbookPr') is1904 = e.attributes.date1904 === '1' || e.attributes.date1904 === 'true';
      if (e.name === 'sheet') sheets.push({ name: e.attributes.name ?? '', relation: e.attributes['r:id'] ?? '' });
    },
  });
  if (sheets.length > MAX_SHEETS) throw unreadable(`The workbook has more than ${MAX_SHEETS} sheets.`);
  const targets = new Map<string, string>();
  const relations = part('xl/_rels/workbook.xml.rels');
  if (relations) {
    parseXml(relations, {
      open: (e) => {
        if (e.name === 'Relationship' && e.attributes.Id && e.attributes.Target)
          targets.set(e.attributes.Id, e.attributes.Target);
      },
    });
  }
  const strings = sharedStrings(part('xl/sharedStrings.xml'));
  const dates = dateStyles(part('xl/styles.xml'));
  return sheets.map((sheet) => {
    const target = targets.get(sheet.relation);
    if (!target) throw unreadable(`The workbook’s sheet “${sheet.name}” has no part.`);
    const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    const bytes = part(path.replace(/\/\.\//g, '/'));
    if (!bytes) throw unreadable(`The workbook’s sheet “${sheet.name}” is missing.`);
    return readSheet(bytes, sheet.name, strings, dates, is1904);
  });
}

/** Whether the bytes start like a ZIP archive (what every XLSX file is). */
export const looksLikeZip = (bytes: Uint8Array): boolean =>
  bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
