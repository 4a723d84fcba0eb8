/**
 * Databases for tests, on PGlite and, when a PostgreSQL URL is given, on PostgreSQL: the same tests run on
 * both. Migrating (and seeding) takes seconds, so the global setup does it once per run into templates,
 * and each test clones one: a copy of a PGlite data directory, or a PostgreSQL `CREATE DATABASE … TEMPLATE`.
 */
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import postgres from 'postgres';
import { createDatabase, type DatabaseHandle } from './client.ts';
import { databaseErrorOf } from './errors.ts';
import { seedDemo } from './seed/index.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseTemplates: TestTemplates;
  }
}

export type TestDatabaseKind = 'pglite' | 'postgres';
export type TemplateName = 'empty' | 'demo';

/** What the global setup hands to the test workers (through vitest's provide/inject). */
export interface TestTemplates {
  kind: TestDatabaseKind;
  /** PGlite: data directories (closed, never opened again). PostgreSQL: names of template databases. */
  empty: string;
  demo: string;
  /** PostgreSQL: the server URL the templates live on. */
  url?: string;
}

/** Builds the templates; returns what to provide to workers and a teardown. */
export async function prepareTemplates(
  kind: TestDatabaseKind,
  { url, dir }: { url?: string | undefined; dir: string },
): Promise<{ templates: TestTemplates; teardown: () => Promise<void> }> {
  if (kind === 'pglite') {
    // Data directories, copied file by file for each clone: opening a copy costs about half the CPU of unpacking a
    // `dumpDataDir` tarball into PGlite's in-memory file system (PGlite's loader untars it in JavaScript).
    const paths = { empty: join(dir, 'pglite-empty'), demo: join(dir, 'pglite-demo') };
    // One migration: the demo template is a copy of the migrated one, then seeded.
    const empty = await createDatabase({ dataDir: paths.empty });
    try {
      await empty.migrate();
    } finally {
      await empty.close();
    }
    await cp(paths.empty, paths.demo, { recursive: true });
    const demo = await createDatabase({ dataDir: paths.demo });
    try {
      await seedDemo(demo.db);
    } finally {
      await demo.close();
    }
    return { templates: { kind, ...paths }, teardown: async () => {} };
  }

  if (!url) throw new Error('PostgreSQL tests need TEST_DATABASE_URL or DATABASE_URL');
  const suffix = `${process.pid}_${randomBytes(3).toString('hex')}`;
  const names = { empty: `concord_tpl_empty_${suffix}`, demo: `concord_tpl_demo_${suffix}` };
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    // The demo template is a copy of the migrated one, then seeded: one migration, not two.
    await admin.unsafe(`create database ${names.empty}`);
    const empty = await createDatabase({ url: withDatabase(url, names.empty), maxConnections: 2 });
    await empty.migrate();
    await empty.close();
    await admin.unsafe(`create database ${names.demo} template ${names.empty}`);
    const demo = await createDatabase({ url: withDatabase(url, names.demo), maxConnections: 2 });
    await seedDemo(demo.db);
    await demo.close();
  } finally {
    await admin.end();
  }
  return {
    templates: { kind, url, ...names },
    teardown: async () => {
      const sql = postgres(url, { max: 1, onnotice: () => {} });
      for (const name of Object.values(names)) await sql.unsafe(`drop database if exists ${name} with (force)`);
      await sql.end();
    },
  };
}

/** A fresh database cloned from a template; `close()` also drops it on PostgreSQL. */
export async function openTestDatabase(
  templates: TestTemplates,
  template: TemplateName,
  options: {
    onQuery?: (sql: string, params: unknown[]) => void;
    /** PostgreSQL only: where the clone is reached (a relay the test can cut), instead of the server itself. */
    throughPort?: number;
  } = {},
): Promise<DatabaseHandle> {
  if (templates.kind === 'pglite') {
    // Beside the templates (on the same file system, a temporary one when the run is given one); gone on close.
    const dataDir = await mkdtemp(join(dirname(templates[template]), 'clone-'));
    const removeCopy = () => rm(dataDir, { recursive: true, force: true });
    let handle: DatabaseHandle;
    try {
      await cp(templates[template], dataDir, { recursive: true });
      handle = await createDatabase({ dataDir, onQuery: options.onQuery });
    } catch (error) {
      await removeCopy();
      throw error;
    }
    return {
      ...handle,
      async close() {
        try {
          await handle.close();
        } finally {
          await removeCopy();
        }
      },
    };
  }
  const url = templates.url as string;
  const name = `concord_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name} template ${templates[template]}`);
  } finally {
    await admin.end();
  }
  const reached = new URL(withDatabase(url, name));
  if (options.throughPort) reached.host = `127.0.0.1:${options.throughPort}`;
  const handle = await createDatabase({ url: reached.toString(), maxConnections: 5, onQuery: options.onQuery });
  return {
    ...handle,
    async close() {
      await handle.close();
      const sql = postgres(url, { max: 1, onnotice: () => {} });
      await sql.unsafe(`drop database if exists ${name} with (force)`);
      await sql.end();
    },
  };
}

/**
 * PGlite: fills `dataDir` (a process's DATA_DIR/pglite, empty) with a copy of a template, so that a process a test
 * starts there finds its database migrated instead of migrating it first (seconds of each start on PGlite).
 */
export async function installPgliteTemplate(
  templates: TestTemplates,
  template: TemplateName,
  dataDir: string,
): Promise<void> {
  if (templates.kind !== 'pglite') throw new Error('installPgliteTemplate is for PGlite templates');
  await cp(templates[template], dataDir, { recursive: true });
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Asserts that a statement fails in the database with a message or constraint name matching `pattern`. */
export async function expectDatabaseError(statement: PromiseLike<unknown>, pattern: RegExp): Promise<void> {
  try {
    await statement;
  } catch (error) {
    const info = databaseErrorOf(error);
    const text = `${info?.constraint ?? ''} ${info?.message ?? ''}`;
    if (!pattern.test(text))
      throw new Error(`Expected a database error matching ${pattern}, got: ${text || String(error)}`);
    return;
  }
  throw new Error(`Expected a database error matching ${pattern}, but the statement succeeded`);
}
