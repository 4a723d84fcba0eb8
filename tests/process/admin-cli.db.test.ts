import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, type DatabaseHandle, schema } from '@concord/db';
import { openTestDatabase } from '@concord/db/testing';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../services/api/src/bootstrap.ts';
import { loadConfig } from '../../services/api/src/config.ts';

const root = new URL('../../', import.meta.url).pathname;
const templates = inject('databaseTemplates');

/** `pnpm concord …` as an operator types it, in the repository, with only the environment given. */
function concord(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn('pnpm', ['--silent', 'concord', ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const administrators = async (database: DatabaseHandle) =>
  (
    await database.db
      .select({ email: schema.person.email })
      .from(schema.person)
      .where(sql`${schema.person.isPlatformAdministrator}`)
  ).map((p) => p.email);

describe('[ADMIN] pnpm concord admin add, as a process', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it.skipIf(templates.kind !== 'pglite')(
    'makes an administrator in a new embedded database, and refuses while another process has it open',
    async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'concord-cli-'));
      cleanups.push(() => rm(dataDir, { recursive: true, force: true }));

      const added = await concord(['admin', 'add', 'first.admin@example.org'], { DATA_DIR: dataDir });
      expect(added.stderr).toBe('');
      expect(added.stdout.trim()).toBe(
        'first.admin@example.org is now a platform administrator (a new person: they sign in at /login).',
      );
      expect(added.code).toBe(0);

      // While Concord runs on it, the command leaves the data directory alone and says why, in one line.
      const config = loadConfig({ DATA_DIR: dataDir, SEED_DEMO: 'false', NODE_ENV: 'test' });
      const running = await openDatabase(config, { info: () => {} });
      const refused = await concord(['admin', 'add', 'second.admin@example.org'], { DATA_DIR: dataDir });
      expect(refused.code).toBe(1);
      // (pnpm adds its own line about the exit code.)
      expect(refused.stderr.split('\n')[0]).toBe(
        `The embedded database in ${join(dataDir, 'pglite')} is in use by process ${process.pid}; stop it first (or use DATABASE_URL).`,
      );
      // A second opening in the same process is refused the same way.
      await expect(openDatabase(config, { info: () => {} })).rejects.toThrow(/is in use by process/);
      expect(await administrators(running)).toEqual(['first.admin@example.org']);
      await running.close();

      // A lock left by a process that died (killed, the machine lost power) is taken over.
      await writeFile(join(dataDir, 'pglite.lock'), '2147483646\n');
      const afterCrash = await concord(['admin', 'add', 'second.admin@example.org'], { DATA_DIR: dataDir });
      expect(afterCrash.code).toBe(0);
      const reopened = await createDatabase({ dataDir: join(dataDir, 'pglite') });
      expect((await administrators(reopened)).sort()).toEqual(['first.admin@example.org', 'second.admin@example.org']);
      await reopened.close();
    },
    120_000,
  );

  it.skipIf(templates.kind !== 'postgres')(
    'makes an administrator in the PostgreSQL database of DATABASE_URL',
    async () => {
      const database = await openTestDatabase(templates, 'empty');
      cleanups.push(() => database.close());
      const added = await concord(['admin', 'add', 'first.admin@example.org'], {
        DATABASE_URL: database.url ?? '',
        // The test server's role is a superuser: Concord warns about it outside production, on stderr.
        NODE_ENV: 'development',
      });
      expect(added.code).toBe(0);
      expect(added.stdout.trim()).toBe(
        'first.admin@example.org is now a platform administrator (a new person: they sign in at /login).',
      );
      expect(await administrators(database)).toEqual(['first.admin@example.org']);

      const malformed = await concord(['admin', 'add', 'first.admin'], { DATABASE_URL: database.url ?? '' });
      expect(malformed.code).toBe(1);
      expect(malformed.stderr).toContain('Enter an e-mail address such as name@example.org.');
    },
    60_000,
  );
});
