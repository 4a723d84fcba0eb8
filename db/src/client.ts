import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import type { Logger } from 'drizzle-orm/logger';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { grantRuntimeRole } from './roles.ts';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** The one typed interface the rest of the code uses, whichever driver is underneath. A transaction is one too. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

export const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

export interface DatabaseOptions {
  /** `postgres://…`: PostgreSQL through postgres.js. Without it, embedded PGlite. */
  url?: string | undefined;
  /** PGlite's data directory; omitted means in memory. */
  dataDir?: string | undefined;
  /** A PGlite data directory dump (from `dumpDataDir`) to start from: how `db restore` reads a backup. */
  loadDataDir?: Blob | File | undefined;
  /** Pool size for postgres.js. */
  maxConnections?: number | undefined;
  /** Called with every SQL statement Drizzle sends: how tests count statements per request. */
  onQuery?: ((sql: string, params: unknown[]) => void) | undefined;
}

export interface DatabaseHandle {
  readonly db: Database;
  readonly kind: 'pglite' | 'postgres';
  /** Rows of a raw statement, the same shape on both drivers (postgres.js returns an array, PGlite `{ rows }`). */
  rows<T extends Record<string, unknown>>(query: SQL): Promise<T[]>;
  /**
   * Applies the committed migrations; safe to call on every start and from several processes at once. On
   * PostgreSQL, `grantTo` names the runtime role to give what the service needs (roles.ts), under the same lock.
   */
  migrate(options?: { grantTo?: string | undefined }): Promise<void>;
  /** Throws unless the database answers `select 1`. */
  ping(): Promise<void>;
  /**
   * PostgreSQL's LISTEN on `channel`: `onMessage` receives every NOTIFY payload sent on it by any process
   * connected to this database, this one included, until the returned function stops listening. On a server the
   * listening connection is postgres.js's own, which listens again by itself after a reconnection.
   */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  /** NOTIFY: delivered to every listener of `channel` (at most 8,000 bytes, PostgreSQL's limit). */
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
  /** The embedded instance, for dumps in tests and backups; undefined on PostgreSQL. */
  readonly pglite: PGlite | undefined;
  /** The PostgreSQL URL, for components with their own pool (the job queue); undefined on PGlite. */
  readonly url: string | undefined;
  /**
   * The `application_name` this handle's connections carry (PostgreSQL), unique to the handle: how a process finds
   * its own pool in `pg_stat_activity` (the metrics do). Undefined on PGlite, which has one in-process session.
   */
  readonly applicationName: string | undefined;
}

/**
 * How long a pooled connection waits before it tries again after losing the server, in seconds. postgres.js's
 * default grows with every failure anywhere in the pool up to 20 s (retries are shared), so after a one-second
 * restart under load, requests waited 18 s for a connection that was already possible. Doubling from 50 ms
 * with a 2 s cap, halved at random so that the pool does not reconnect in step, finds the server again within
 * about two seconds and still spaces the attempts while it is away.
 */
export function reconnectDelaySeconds(retries: number): number {
  return Math.min(0.05 * 2 ** retries, 2) * (0.5 + Math.random() / 2);
}

// Serialises migrations when several processes start against one PostgreSQL.
const MIGRATION_LOCK_KEY = 7_240_318_512;

export async function createDatabase(options: DatabaseOptions = {}): Promise<DatabaseHandle> {
  const logger: Logger | undefined = options.onQuery
    ? { logQuery: (query, params) => options.onQuery?.(query, params) }
    : undefined;
  return options.url ? connectPostgres(options.url, options, logger) : openPglite(options, logger);
}

/**
 * PGlite's WebAssembly, compiled once per process, and its file-system bundle, read once: PGlite otherwise reads and
 * compiles both for every database it opens, a quarter of a test's clone of a template (about 0.3 of 1.3 s).
 */
let engine: Promise<Pick<PGliteOptions, 'pgliteWasmModule' | 'initdbWasmModule' | 'fsBundle'>>;
// Node's WebAssembly global, which this package's type libraries (no DOM) do not declare.
const wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<never> } }).WebAssembly;
function pgliteEngine() {
  engine ??= (async () => {
    const dist = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
    const [pglite, initdb, bundle] = await Promise.all(
      ['pglite.wasm', 'initdb.wasm', 'pglite.data'].map((file) => readFile(join(dist, file))),
    );
    const [pgliteWasmModule, initdbWasmModule] = await Promise.all([
      wasm.compile(pglite as Buffer),
      wasm.compile(initdb as Buffer),
    ]);
    return { pgliteWasmModule, initdbWasmModule, fsBundle: new Blob([new Uint8Array(bundle as Buffer)]) };
  })();
  return engine;
}

async function openPglite(options: DatabaseOptions, logger: Logger | undefined): Promise<DatabaseHandle> {
  const pglite = await PGlite.create({
    ...(await pgliteEngine()),
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  const db: Database = drizzlePglite({ client: pglite, schema, ...(logger ? { logger } : {}) });
  return {
    db,
    kind: 'pglite',
    pglite,
    url: undefined,
    applicationName: undefined,
    async rows<T extends Record<string, unknown>>(query: SQL) {
      const result = (await db.execute(query)) as unknown as { rows: T[] };
      return result.rows;
    },
    migrate: () => migratePglite(drizzlePglite({ client: pglite, schema }), { migrationsFolder }),
    async ping() {
      await pglite.query('select 1');
    },
    async listen(channel, onMessage) {
      const stop = await pglite.listen(channel, onMessage);
      return () => stop();
    },
    async notify(channel, payload) {
      await pglite.query('select pg_notify($1, $2)', [channel, payload]);
    },
    close: () => pglite.close(),
  };
}

async function connectPostgres(
  url: string,
  options: DatabaseOptions,
  logger: Logger | undefined,
): Promise<DatabaseHandle> {
  const applicationName = `concord:${randomBytes(4).toString('hex')}`;
  const client = postgres(url, {
    max: options.maxConnections ?? 10,
    connect_timeout: 5,
    backoff: reconnectDelaySeconds,
    onnotice: () => {},
    connection: { application_name: applicationName },
  });
  const db: Database = drizzlePostgres({ client, schema, ...(logger ? { logger } : {}) });
  return {
    db,
    kind: 'postgres',
    pglite: undefined,
    url,
    applicationName,
    async rows<T extends Record<string, unknown>>(query: SQL) {
      return (await db.execute(query)) as unknown as T[];
    },
    async migrate({ grantTo } = {}) {
      const single = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} });
      try {
        await single`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
        await migratePostgres(drizzlePostgres({ client: single, schema }), { migrationsFolder });
        // Under the lock: two processes granting on the same objects at once can fail ("tuple concurrently updated").
        if (grantTo) await grantRuntimeRole(single, grantTo);
        await single`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
      } finally {
        await single.end({ timeout: 5 });
      }
    },
    async ping() {
      await client`select 1`;
    },
    async listen(channel, onMessage) {
      const { unlisten } = await client.listen(channel, onMessage);
      return unlisten;
    },
    async notify(channel, payload) {
      await client.notify(channel, payload);
    },
    close: () => client.end({ timeout: 5 }),
  };
}

/** `postgres://user:secret@host/db` → `postgres://user@host/db`: safe to print. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '(an unparseable DATABASE_URL)';
  }
}

/**
 * The rows of a raw statement, on either driver: postgres.js answers an array of rows, PGlite `{ rows }`.
 */
export async function selectRows<T>(db: Database | Transaction, statement: SQL): Promise<T[]> {
  const result = (await db.execute(statement)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
