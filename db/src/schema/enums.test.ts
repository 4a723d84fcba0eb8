import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as values from '@concord/schema/values';
import { isPgEnum } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as enums from './enums.ts';

const migrations = join(import.meta.dirname, '../../migrations');

/** The enum types as the latest migration left them: name → values, in their order. */
function migratedEnums(): Map<string, string[]> {
  const journal = JSON.parse(readFileSync(join(migrations, 'meta/_journal.json'), 'utf8')) as {
    entries: { idx: number; tag: string }[];
  };
  const last = journal.entries.at(-1);
  if (!last) throw new Error('no migration in the journal');
  const snapshot = JSON.parse(
    readFileSync(join(migrations, `meta/${String(last.idx).padStart(4, '0')}_snapshot.json`), 'utf8'),
  ) as { enums: Record<string, { name: string; values: string[] }> };
  return new Map(Object.values(snapshot.enums).map((e) => [e.name, e.values]));
}

describe('the database enum types', () => {
  it('are the ones the migrations made, value for value and in the same order', () => {
    const declared = Object.values(enums as Record<string, unknown>).filter(isPgEnum);
    const migrated = migratedEnums();
    expect(declared.length).toBe(migrated.size);
    for (const pgEnum of declared) expect(pgEnum.enumValues, pgEnum.enumName).toEqual(migrated.get(pgEnum.enumName));
  });

  it('spell the lists of @concord/schema/values in lower case, in their order', () => {
    expect(enums.inDatabaseSpelling(['PUBLIC_AUTHORITY', 'NGO'] as const)).toEqual(['public_authority', 'ngo']);
    const pairs: [readonly string[], readonly string[]][] = [
      [enums.valueChainStages, values.valueChainStages],
      [enums.organisationKinds, values.organisationKinds],
      [enums.applicationSectors, values.applicationSectors],
      [enums.pledgeStatuses, values.pledgeStatuses],
      [enums.pledgeVersionStatuses, values.pledgeVersionStatuses],
    ];
    for (const [database, contract] of pairs) expect(database.map((v) => v.toUpperCase())).toEqual([...contract]);
    expect(enums.polymers).toBe(values.polymers);
  });
});
