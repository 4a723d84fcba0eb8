/**
 * Migration 0021 on a database that 0020 left: every signature made before it read the one text there was, the
 * authentic one, and says so; the hash that was signed is unchanged.
 */
import { readFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type DatabaseHandle, migrationsFolder } from './client.ts';
import { openTestDatabase } from './testing.ts';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase(inject('databaseTemplates'), 'demo');
});
afterAll(() => handle.close());

describe('[DATABASE] migration 0021: declaration versions in several languages', () => {
  it('records the authentic text as the one every earlier signer read, leaving each version’s hash as it was', async () => {
    const before = await handle.rows<{ id: string; sha: string }>(
      sql`select id, text_sha256 as sha from declaration_version order by id`,
    );
    // The database as 0020 left it.
    await handle.db.execute(sql`drop trigger declaration_translations_of_published_text on declaration_version`);
    await handle.db.execute(sql`drop function declaration_translations_of_published_text()`);
    await handle.db.execute(sql`drop table declaration_translation`);
    await handle.db.execute(sql`drop function declaration_translation_final()`);
    await handle.db.execute(sql`alter table signature drop column read_language, drop column read_text_sha256`);

    const text = await readFile(`${migrationsFolder}/0021_declaration_translations.sql`, 'utf8');
    for (const statement of text.split('--> statement-breakpoint').filter((s) => s.trim() !== '')) {
      await handle.db.execute(sql.raw(statement));
    }

    const read = await handle.rows<{ n: number; language: string; matches: boolean }>(sql`
      select count(*)::int as n, s.read_language as language, bool_and(s.read_text_sha256 = v.text_sha256) as matches
      from signature s join declaration_version v on v.id = s.declaration_version_id
      group by s.read_language`);
    expect(read).toHaveLength(1);
    expect(read[0]).toMatchObject({ language: 'en', matches: true });
    expect(read[0]?.n).toBeGreaterThan(100);
    expect(await handle.rows(sql`select id, text_sha256 as sha from declaration_version order by id`)).toEqual(before);
  });
});
