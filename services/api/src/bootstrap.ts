import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createDatabase, type DatabaseHandle, redactUrl } from '@concord/db';
import { hasDemoData, seedDemo } from '@concord/db/seed';
import type { BootLog } from './boot-log.ts';
import type { Config } from './config.ts';
import { applyMigrations, checkDatabaseRole } from './database-roles.ts';

export type { BootLog } from './boot-log.ts';

export class DatabaseUnreachableError extends Error {
  override name = 'DatabaseUnreachableError';
}

/**
 * Opens the configured database, applies the migrations (as the owner, where MIGRATION_DATABASE_URL names it),
 * refuses in production a role that could rewrite the audit log, and, where asked, seeds the demo alliance.
 * Shared by every entry point (all-in-one, API alone, tests of start-up), so they start the same way.
 */
export async function openDatabase(config: Config, log: BootLog): Promise<DatabaseHandle> {
  let database: DatabaseHandle;
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
    log.info(`Opening the embedded database in ${dataDir}`);
    database = await createDatabase({ dataDir });
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
  return database;
}
