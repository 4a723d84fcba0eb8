import { type Database, schema } from '@concord/db';
import { and, desc, eq, getTableColumns } from 'drizzle-orm';
import { badInput, notFound } from '../../errors.ts';
import { isUuid } from '../../lib/validate.ts';
import type { ImportFate } from './register-import-format.ts';
import type { ImportRowFate, ImportTotal } from './register-import-plan.ts';

/** An import by id; an id that is no UUID names none and is refused on its argument. */
export async function findRegisterImport(
  db: Database,
  id: string,
  field: string,
  allianceId?: string,
): Promise<schema.RegisterImport> {
  if (!isUuid(id)) throw badInput(field, 'Not an import’s id.');
  const [row] = await db
    .select()
    .from(schema.registerImport)
    .where(
      and(eq(schema.registerImport.id, id), allianceId ? eq(schema.registerImport.allianceId, allianceId) : undefined),
    );
  if (!row) throw notFound('No import has this id.');
  return row;
}

/** The alliance's imports, newest first, without their files and rows (a list shows their totals). */
export async function listRegisterImports(
  db: Database,
  allianceId: string,
  first: number,
): Promise<schema.RegisterImport[]> {
  const { content: _content, rows: _rows, ...columns } = getTableColumns(schema.registerImport);
  const found = await db
    .select(columns)
    .from(schema.registerImport)
    .where(eq(schema.registerImport.allianceId, allianceId))
    .orderBy(desc(schema.registerImport.createdAt), desc(schema.registerImport.id))
    .limit(first);
  return found.map((row) => ({ ...row, content: null, rows: [] }));
}

export const totalsOfImport = (row: schema.RegisterImport): ImportTotal[] => row.totals as ImportTotal[];

/** The rows of an import, those of one fate if asked, the first `first` of them in the file's order. */
export function rowsOfImport(
  row: schema.RegisterImport,
  fate: ImportFate | null | undefined,
  first: number,
): ImportRowFate[] {
  const rows = row.rows as ImportRowFate[];
  return (fate ? rows.filter((r) => r.fate === fate) : rows).slice(0, first);
}
