import { badInput } from '../../errors.ts';
import { MAX_IMPORT_ROWS } from './register-import-format.ts';

/** One row of a file as read: its line (the spreadsheet's row number, 1 for the header) and its cells as text. */
export interface ImportRow {
  line: number;
  cells: string[];
}

/** One sheet of a file: its name as the file has it (a CSV's is given by whoever uploads it) and its rows. */
export interface ImportTable {
  name: string;
  rows: ImportRow[];
}

/** The longest cell: the longest text any column takes (a pledge's conditions) is 4,000 characters. */
export const MAX_CELL_LENGTH = 10_000;
export const MAX_COLUMNS = 60;

/** A file that cannot be read at all is refused as a whole, on the argument `file`. */
export const unreadable = (reason: string) => badInput('file', reason);

export function checkRowCount(count: number): void {
  if (count > MAX_IMPORT_ROWS) {
    throw unreadable(`The file has more than ${MAX_IMPORT_ROWS.toLocaleString('en')} rows: split it in several files.`);
  }
}

/**
 * A CSV file as spreadsheets write it: UTF-8 (a byte-order mark is dropped), fields separated by commas or, as
 * French and German spreadsheets write them, semicolons (whichever the header line uses), quoted fields with
 * doubled quotes, CRLF or LF between records. Blank lines are skipped. Anything else is refused with its line.
 */
export function readCsv(bytes: Uint8Array, name: string): ImportTable {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw unreadable('The file is not UTF-8 text: save it as “CSV UTF-8”.');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\u0000')) throw unreadable('The file is not a CSV file (it holds NUL characters).');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const separator = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: ImportRow[] = [];
  let cells: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let wasQuoted = false;
  const endField = () => {
    if (field.length > MAX_CELL_LENGTH)
      throw unreadable(`Line ${recordLine}: a cell is longer than ${MAX_CELL_LENGTH} characters.`);
    cells.push(wasQuoted ? field : field.trim());
    field = '';
    wasQuoted = false;
    if (cells.length > MAX_COLUMNS) throw unreadable(`Line ${recordLine}: more than ${MAX_COLUMNS} columns.`);
  };
  const endRecord = () => {
    endField();
    if (cells.some((c) => c !== '')) {
      rows.push({ line: recordLine, cells });
      checkRowCount(rows.length);
    }
    cells = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"') {
      if (field.trim() !== '' || wasQuoted) throw unreadable(`Line ${line}: a quote inside an unquoted field.`);
      field = '';
      quoted = true;
      wasQuoted = true;
    } else if (c === separator) endField();
    else if (c === '\r' && text[i + 1] === '\n') {
      // The \n ends the record on the next turn.
    } else if (c === '\n' || c === '\r') {
      endRecord();
      line++;
      recordLine = line;
    } else if (wasQuoted) {
      if (c !== ' ' && c !== '\t') throw unreadable(`Line ${line}: text after a closing quote.`);
    } else field += c;
  }
  if (quoted) throw unreadable(`Line ${recordLine}: a quoted field is never closed.`);
  endRecord();
  return { name, rows };
}
