import { createHash } from 'node:crypto';
import { badInput } from '../../errors.ts';
import { type ImportTable, readCsv } from './import-table.ts';
import { type ImportSheet, isImportSheet } from './register-import-format.ts';
import { sheetsOf } from './register-import-plan.ts';
import { looksLikeZip, readXlsx } from './xlsx-reader.ts';

export type ImportFormat = 'csv' | 'xlsx';

/** A file as uploaded: its bytes, and for a CSV file the sheet it holds. */
export interface ImportFile {
  fileName: string;
  bytes: Uint8Array;
  /** The kind of rows a CSV file holds; ignored for a workbook, whose sheets are named. */
  sheet?: string | null | undefined;
}

export const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Reads a file into its sheets by kind, or refuses it whole on `file` (or `sheet`, for a CSV file of no kind). */
export function readImportFile(file: { bytes: Uint8Array; format: ImportFormat; csvSheet: ImportSheet | null }) {
  const tables: ImportTable[] =
    file.format === 'xlsx' ? readXlsx(file.bytes) : [readCsv(file.bytes, file.csvSheet ?? '')];
  const sheets = sheetsOf(tables, file.format === 'csv' ? file.csvSheet : null);
  if (sheets.every((s) => s.rows.length === 0))
    throw badInput('file', 'The file has no rows to import below its headers.');
  return sheets;
}

/** The format by the file's first bytes (a workbook is a ZIP archive), and a CSV file's sheet, checked. */
export function formatOf(file: ImportFile): { format: ImportFormat; csvSheet: ImportSheet | null } {
  if (file.bytes.length === 0) throw badInput('file', 'The file is empty.');
  if (looksLikeZip(file.bytes)) return { format: 'xlsx', csvSheet: null };
  const sheet = (file.sheet ?? '').trim().toLowerCase();
  if (!isImportSheet(sheet)) {
    throw badInput(
      'sheet',
      'Say what the CSV file holds: organisations, representatives, signatures, memberships, pledges or reports.',
    );
  }
  return { format: 'csv', csvSheet: sheet };
}
