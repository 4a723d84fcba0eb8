import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createDatabase, type DatabaseHandle, redactUrl } from '@concord/db';
import { serveEmbeddedBackups } from '@concord/db/backup';
import { hasDemoData, seedDemo } from '@concord/db/seed';
import type { BootLog } from './boot-log.ts';
import type { Config } from './config.ts';
import { applyMigrations, checkDatabaseRole } from './database-roles.ts';
import { isRunning } from './lib/processes.ts';

export type { BootLog } from './boot-log.ts';

export class DatabaseUnreachableError extends Error {
  override name = 'DatabaseUnreachableError';
}

/**
 * Opens the configured database, applies the migrations (as the owner, where MIGRATION_DATABASE_URL names it),
 * refuses in production a role that could rewrite the audit log, and, where asked, seeds the demo alliance.
 * Shared by every entry point (all-in-one, API alone, tests of start-up), so they start the same way. A server
 * process on the embedded database (`serveBackups`) answers `db backup` and `db move` beside it while it runs
 * (serveEmbeddedBackups); a command does not.
 */
export async function openDatabase(
  config: Config,
  log: BootLog,
  { serveBackups = false }: { serveBackups?: boolean } = {},
): Promise<DatabaseHandle> {
  let database: DatabaseHandle;
  let stopServingBackups: (() => Promise<void>) | undefined;
  if (config.databaseUrl) {
    database = await createDatabase({ url: config.databaseUrl, maxConnections: config.databasePoolSize });
    try {
      await database.ping();
    } catch (err) {
      await database.close().catch(() => {});
      const reason = err instanceof Error ? ((err as { code?: string }).code ?? err.message) : String(err);
      throw new DatabaseUnreachableError(`Cannot reach the database at ${redactUrl(config.databaseUrl)} (${reason}).`);
    }
  } else {
    const dataDir = resolve(config.dataDir, 'pglite');
    await mkdir(dataDir, { recursive: true });
    const unlock = await lockDataDir(dataDir);
    log.info(`Opening the embedded database in ${dataDir}`);
    const opened = await createDatabase({ dataDir }).catch(async (err) => {
      await unlock();
      throw err;
    });
    database = {
      ...opened,
      async close() {
        await stopServingBackups?.();
        await opened.close();
        await unlock();
      },
    };
  }

  try {
    await applyMigrations(database, config, log);
    await checkDatabaseRole(database, config, log);
  } catch (err) {
    await database.close().catch(() => {});
    throw err;
  }

  const shouldSeed = config.seedDemo === 'true' || (config.seedDemo === 'auto' && database.kind === 'pglite');
  if (shouldSeed && !(await hasDemoData(database.db))) {
    log.info('Seeding the demo alliance (first start only)');
    const summary = await seedDemo(database.db, { onProgress: (step) => log.info(`  seeding: ${step}`) });
    log.info(
      `Seeded ${summary.organisations} organisations, ${summary.activeSignatures} active signatures, ` +
        `${summary.pledges} pledges, ${summary.progressReports} progress reports`,
    );
  }
  // Once migrated and seeded, so that a copy is never of a database half-way there. A place where no Unix socket can
  // be made (some network or Windows-backed file systems) leaves backups to a stopped Concord; it does not stop it.
  if (serveBackups && database.kind === 'pglite') {
    const socketPath = backupSocketPath(config);
    const unserved = (reason: string) =>
      (log.warn ?? log.info)(`Backups of the running database are not served (${reason}): stop Concord to back it up.`);
    try {
      stopServingBackups = await serveEmbeddedBackups(database, socketPath);
      if (!stopServingBackups) unserved(`${socketPath} is too long a path for a Unix socket`);
    } catch (err) {
      unserved(`${socketPath}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return database;
}

export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
  /** The process that holds the data directory, where known. */
  readonly holder: number | undefined;
  constructor(message: string, holder?: number) {
    super(message);
    this.holder = holder;
  }
}

/** Where a running process on the embedded database answers backup requests (serveEmbeddedBackups). */
export const backupSocketPath = (config: Pick<Config, 'dataDir'>) => `${resolve(config.dataDir, 'pglite')}.sock`;

/**
 * PGlite is one process's database: a second process opening the same data directory (a `pnpm concord` command
 * beside a running `pnpm start`) aborts one of them or corrupts the files. A lock file beside the directory names
 * the process that holds it; one left by a process that no longer runs is taken over.
 */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockFile = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(lockFile, `${process.pid}\n`, { flag: 'wx' });
      heldLocks.add(lockFile);
      return async () => {
        heldLocks.delete(lockFile);
        await rm(lockFile, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = Number.parseInt(await readFile(lockFile, 'utf8').catch(() => ''), 10);
    // Our own pid in a file this process did not write: left by an earlier process that had the same pid (a
    // container restarted on the same volume starts with the same small pid).
    const isHeld = holder === process.pid ? heldLocks.has(lockFile) : holder > 0 && isRunning(holder);
    if (isHeld) {
      throw new DataDirInUseError(
        `The embedded database in ${dataDir} is in use by process ${holder}; stop it first (or use DATABASE_URL).`,
        holder,
      );
    }
    await rm(lockFile, { force: true });
  }
  throw new DataDirInUseError(`Could not lock the embedded database in ${dataDir} (${lockFile}).`);
}

/** The lock files this process holds. */
const heldLocks = new Set<string>();
