/**
 * Migration 0012 on a database that 0011 left: the signing window moves from the latest published declaration
 * version to the alliance, and the target in force is dated from the day the alliance was created.
 */
import { readFile } from 'node:fs/promises';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type DatabaseHandle, migrationsFolder } from './client.ts';
import { alliance, allianceTargetHistory } from './schema/index.ts';
import { DEMO_ALLIANCE_SLUG } from './seed/index.ts';
import { openTestDatabase } from './testing.ts';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase(inject('databaseTemplates'), 'demo');
});
afterAll(() => handle.close());

async function statementsOf(file: string): Promise<string[]> {
  const text = await readFile(`${migrationsFolder}/${file}`, 'utf8');
  return text.split('--> statement-breakpoint').filter((s) => s.trim() !== '');
}

describe('[DATABASE] migration 0012: the alliance set up through the API', () => {
  it('gives each alliance the window of its latest published version, and dates its target from its creation', async () => {
    // The database as 0011 left it: the window on the versions, none of the alliance's new columns.
    await handle.db.execute(sql`drop table alliance_target_history`);
    for (const column of [
      'target_applies_from',
      'contact_email',
      'languages',
      'signing_opens_on',
      'signing_closes_on',
    ]) {
      await handle.db.execute(sql.raw(`alter table alliance drop column ${column}`));
    }
    await handle.db.execute(sql`alter table declaration_version add column open_from date, add column open_until date,
      add constraint declaration_version_open_window check (open_until is null or open_from is null or open_until >= open_from)`);
    await handle.db.execute(sql`update declaration_version set open_from = '2019-09-20', open_until = '2030-06-30'`);
    // A later draft's dates are not the window: it was never signable.
    await handle.db.execute(sql`insert into declaration_version
      (id, alliance_id, version, title, text, text_sha256, status, open_from, open_until)
      select '019a0000-0000-7000-8000-000000000012', alliance_id, 2, title, text, text_sha256, 'draft', '2031-01-01', null
      from declaration_version where version = 1`);

    for (const statement of await statementsOf('0012_alliance_setup.sql')) {
      await handle.db.execute(sql.raw(statement));
    }

    const [demo] = await handle.db.select().from(alliance).where(eq(alliance.slug, DEMO_ALLIANCE_SLUG));
    expect(demo).toMatchObject({
      signingOpensOn: '2019-09-20',
      signingClosesOn: '2030-06-30',
      targetAppliesFrom: '2018-12-11',
      languages: ['en'],
      contactEmail: null,
    });
    expect(await handle.db.select().from(allianceTargetHistory)).toEqual([]);
    const columns = await handle.rows<{ name: string }>(
      sql`select column_name as name from information_schema.columns where table_name = 'declaration_version'`,
    );
    expect(columns.map((c) => c.name)).not.toContain('open_from');
  });
});
