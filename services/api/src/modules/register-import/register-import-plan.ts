import { DomainError } from '../../errors.ts';
import type { ImportRow, ImportTable } from './import-table.ts';
import { planOrganisations, planRepresentatives } from './plan-organisations.ts';
import { planPledges, planReports } from './plan-pledges.ts';
import type { Context, ImportPlan, ImportRowFate, ImportTotal, SheetRows } from './plan-rules.ts';
import { planState } from './plan-rules.ts';
import { planMemberships, planSignatures } from './plan-signing.ts';
import {
  type ImportFate,
  type ImportSheet,
  importColumns,
  importSheets,
  normaliseHeader,
  normaliseSheetName,
} from './register-import-format.ts';

export type { ImportPlan, ImportRowFate, ImportTotal, ImportWrites } from './plan-rules.ts';

/**
 * The sheets of a file by kind, with each row's cells by column. A sheet whose name is no kind, a column no sheet
 * has or a required column missing refuses the whole file: a typo in a header must not skip a column silently.
 */
export function sheetsOf(tables: readonly ImportTable[], csvSheet: ImportSheet | null): SheetRows[] {
  const result: SheetRows[] = [];
  for (const table of tables) {
    // An empty sheet (a workbook's default "Sheet2") holds nothing to import, whatever its name.
    if (table.rows.length === 0) continue;
    const sheet = csvSheet ?? normaliseSheetName(table.name);
    if (!(importSheets as readonly string[]).includes(sheet)) {
      throw new DomainError(
        'BAD_USER_INPUT',
        `The sheet “${table.name}” is none of ${importSheets.join(', ')}: name each sheet after what it holds.`,
        'file',
      );
    }
    const kind = sheet as ImportSheet;
    if (result.some((r) => r.sheet === kind)) {
      throw new DomainError('BAD_USER_INPUT', `The workbook has two “${kind}” sheets.`, 'file');
    }
    const [header, ...rows] = table.rows;
    if (!header) continue;
    const names = header.cells.map(normaliseHeader);
    const columns = importColumns[kind];
    for (const name of names) {
      if (name !== '' && !columns.some((c) => c.name === name)) {
        throw new DomainError(
          'BAD_USER_INPUT',
          `The sheet “${table.name}” has a column “${name}”, which ${kind} have not: they have ${columns.map((c) => c.name).join(', ')}.`,
          'file',
        );
      }
    }
    for (const column of columns) {
      if (column.isRequired && !names.includes(column.name)) {
        throw new DomainError('BAD_USER_INPUT', `The sheet “${table.name}” has no column “${column.name}”.`, 'file');
      }
    }
    result.push({
      sheet: kind,
      rows: rows.map((row: ImportRow) => ({
        line: row.line,
        cells: Object.fromEntries(names.map((name, i) => [name, (row.cells[i] ?? '').trim()])),
      })),
    });
  }
  return importSheets.flatMap((sheet) => result.filter((r) => r.sheet === sheet));
}

/**
 * The dry run: each row's fate, read against the register as it is, and what confirming would write. Reads are
 * set-based (one statement per kind of lookup, whatever the file's length); nothing is written here. The sheets are
 * planned in order, so that a row can name what an earlier sheet brings in.
 */
export async function planImport(ctx: Context, sheets: readonly SheetRows[]): Promise<ImportPlan> {
  const rowsOf = (sheet: ImportSheet) => sheets.find((s) => s.sheet === sheet)?.rows ?? [];
  const state = await planState(ctx);
  await planOrganisations(state, rowsOf('organisations'));
  await planRepresentatives(state, rowsOf('representatives'));
  await planSignatures(state, rowsOf('signatures'));
  await planMemberships(state, rowsOf('memberships'));
  await planPledges(state, rowsOf('pledges'));
  await planReports(state, rowsOf('reports'));
  const { fates, writes } = state;
  // In the file's order: organisations are recorded in two passes (their matches are looked up together).
  fates.sort((a, b) => importSheets.indexOf(a.sheet) - importSheets.indexOf(b.sheet) || a.line - b.line);
  return { rows: fates, totals: totalsOf(fates), writes };
}

export function totalsOf(rows: readonly ImportRowFate[]): ImportTotal[] {
  return importSheets.flatMap((sheet) => {
    const of = rows.filter((r) => r.sheet === sheet);
    if (of.length === 0) return [];
    const count = (fate: ImportFate) => of.filter((r) => r.fate === fate).length;
    return [
      {
        sheet,
        newRows: count('new'),
        matchedRows: count('matched'),
        unchangedRows: count('unchanged'),
        errorRows: count('error'),
      },
    ];
  });
}
