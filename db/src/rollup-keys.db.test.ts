/**
 * Migration 0008 on a database that 0005 filled: the rollups' keys become the database's enum values, and the
 * triggers add later writes to those rows, not to new upper-case ones.
 */
import { readFile } from 'node:fs/promises';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type DatabaseHandle, migrationsFolder } from './client.ts';
import { applicationSectors, organisationKinds, pledge, pledgeKinds, progressPledgedRollup } from './schema/index.ts';
import { openTestDatabase } from './testing.ts';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase(inject('databaseTemplates'), 'demo');
});
afterAll(() => handle.close());

/** The statements of a migration file, as drizzle splits them. */
async function statementsOf(file: string): Promise<string[]> {
  const text = await readFile(`${migrationsFolder}/${file}`, 'utf8');
  return text.split('--> statement-breakpoint').filter((s) => s.trim() !== '');
}

async function keysOf(dimension: 'kind' | 'sector' | 'organisation_kind'): Promise<string[]> {
  const rows = await handle.db
    .selectDistinct({ key: progressPledgedRollup.key })
    .from(progressPledgedRollup)
    .where(eq(progressPledgedRollup.dimension, dimension));
  return rows.map((r) => r.key).sort();
}

async function pledgedRollup() {
  return handle.db
    .select()
    .from(progressPledgedRollup)
    .where(sql`${progressPledgedRollup.pledgeCount} <> 0`)
    .orderBy(progressPledgedRollup.allianceId, progressPledgedRollup.dimension, progressPledgedRollup.key);
}

describe('[DATABASE] migration 0008: rollup keys in the database spelling', () => {
  it('re-keys a database whose rollups 0005 upper-cased, and later writes land on the same rows', async () => {
    // The database as 0005–0007 left it: the key function that upper-cased, and rollups built with it.
    const [keysFunction] = (await statementsOf('0005_progress_rollups.sql')).filter((s) =>
      s.includes('CREATE FUNCTION progress_rollup_keys('),
    );
    if (!keysFunction) throw new Error('0005 no longer defines progress_rollup_keys');
    await handle.db.execute(sql.raw(keysFunction.replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION')));
    await handle.db.execute(sql`select progress_rollup_rebuild()`);
    expect(await keysOf('kind')).toEqual(['SUPPLY', 'UPTAKE']);
    const before = await pledgedRollup();

    for (const statement of await statementsOf('0008_progress_rollup_server_keys.sql')) {
      await handle.db.execute(sql.raw(statement));
    }

    expect(await keysOf('kind')).toEqual([...pledgeKinds].sort());
    for (const key of await keysOf('sector')) expect(applicationSectors).toContain(key);
    for (const key of await keysOf('organisation_kind')) expect(organisationKinds).toContain(key);
    // Same figures, only the spelling of the keys changed.
    const after = await pledgedRollup();
    const upper = (rows: typeof before) =>
      rows.map((r) => ({ ...r, key: r.dimension === 'country' ? r.key : r.key.toUpperCase() }));
    expect(upper(after)).toEqual(upper(before));

    // A pledge that stops counting leaves the re-keyed row; no upper-case row appears beside it.
    const [accepted] = await handle.db.select().from(pledge).where(eq(pledge.status, 'accepted')).limit(1);
    if (!accepted) throw new Error('demo data has no accepted pledge');
    const rowOf = async () =>
      (
        await handle.db
          .select({ count: progressPledgedRollup.pledgeCount })
          .from(progressPledgedRollup)
          .where(
            and(
              eq(progressPledgedRollup.allianceId, accepted.allianceId),
              eq(progressPledgedRollup.dimension, 'sector'),
              eq(progressPledgedRollup.key, accepted.sector),
              eq(progressPledgedRollup.kind, accepted.kind),
            ),
          )
      )[0]?.count;
    const count = await rowOf();
    await handle.db
      .update(pledge)
      .set({ status: 'withdrawn', withdrawnAt: new Date() })
      .where(eq(pledge.id, accepted.id));
    expect(await rowOf()).toBe((count ?? 0) - 1);
    expect(await keysOf('sector')).toEqual((await keysOf('sector')).map((k) => k.toLowerCase()));
  });
});
