import { type Database, schema } from '@concord/db';
import { inArray } from 'drizzle-orm';
import { inOrderOf } from '../../lib/by-id.ts';

/** Alliances and declaration versions by id, in the order asked: for loaders of fields that point at them. */
export async function loadAlliances(db: Database, ids: readonly string[]): Promise<(schema.Alliance | null)[]> {
  const rows = await db
    .select()
    .from(schema.alliance)
    .where(inArray(schema.alliance.id, [...new Set(ids)]));
  return inOrderOf(ids, rows, (r) => r.id);
}

export async function loadDeclarationVersions(
  db: Database,
  ids: readonly string[],
): Promise<(schema.DeclarationVersion | null)[]> {
  const rows = await db
    .select()
    .from(schema.declarationVersion)
    .where(inArray(schema.declarationVersion.id, [...new Set(ids)]));
  return inOrderOf(ids, rows, (r) => r.id);
}
