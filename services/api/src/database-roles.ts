/**
 * Which database role migrates, and whether the role Concord runs as could rewrite the audit log
 * (docs/adr/0013; README, "Deploying"). Called by openDatabase at every start and by `pnpm db:migrate`.
 */
import {
  countPendingMigrations,
  createDatabase,
  type DatabaseHandle,
  databaseErrorOf,
  inspectDatabaseRole,
  migrationsFolder,
  redactUrl,
} from '@concord/db';
import { sql } from 'drizzle-orm';
import type { BootLog } from './boot-log.ts';
import type { Config } from './config.ts';

export class DatabaseRoleError extends Error {
  override name = 'DatabaseRoleError';
}

/**
 * Applies pending migrations. With MIGRATION_DATABASE_URL, as that role (the owner), which then grants the
 * runtime role what it needs. Without it, as the runtime role itself, which works where that role owns the
 * schema (the embedded database, a single-role deployment); a runtime role that may not migrate stops the start
 * only when a migration is pending, naming what to do.
 */
export async function applyMigrations(database: DatabaseHandle, config: Config, log: BootLog): Promise<void> {
  if (database.kind === 'pglite' || !config.databaseUrl) {
    log.info('Applying migrations');
    await database.migrate();
    return;
  }
  if (config.migrationDatabaseUrl) {
    const runtimeRole = await currentRole(database);
    const owner = await createDatabase({ url: config.migrationDatabaseUrl, maxConnections: 1 });
    try {
      const ownerRole = await currentRole(owner).catch((err: unknown) => {
        throw new DatabaseRoleError(
          `Cannot reach the database at MIGRATION_DATABASE_URL ${redactUrl(config.migrationDatabaseUrl ?? '')} (${reasonOf(err)}).`,
        );
      });
      log.info(
        `Applying migrations as ${ownerRole}; ${runtimeRole} may read and write the register, and only append to the audit log`,
      );
      await owner.migrate({ grantTo: runtimeRole }).catch((err: unknown) => {
        throw new DatabaseRoleError(
          `${ownerRole} could not migrate the database or grant ${runtimeRole} its rights (${reasonOf(err)}). It must own the database and be a member of ${runtimeRole} (README, "Deploying").`,
        );
      });
    } finally {
      await owner.close();
    }
    return;
  }
  const pending = await countPendingMigrations(database, migrationsFolder).catch(() => null);
  if (pending === 0) return;
  log.info('Applying migrations');
  await database.migrate().catch(async (err: unknown) => {
    if (databaseErrorOf(err)?.code !== '42501') throw err;
    throw new DatabaseRoleError(
      `${pending ?? 'Some'} migration(s) are pending and ${await currentRole(database)} may not apply them: run \`pnpm db:migrate\` with MIGRATION_DATABASE_URL set to the owner's address, or set it here (README, "Deploying").`,
    );
  });
}

/**
 * A runtime role that is a superuser or owns the audit log (its table or a function) could switch off its guard,
 * rewrite it and replace its check: refused in production unless ALLOW_DATABASE_OWNER_ROLE=true, a warning
 * elsewhere. The embedded database has one user, who owns everything: there, as for anyone holding the files,
 * only the published head shows a rewritten log.
 */
export async function checkDatabaseRole(database: DatabaseHandle, config: Config, log: BootLog): Promise<void> {
  if (database.kind === 'pglite') return;
  const role = await inspectDatabaseRole(database);
  if (!role.isSuperuser && !role.ownsAuditLog) return;
  const what = role.isSuperuser ? 'is a superuser' : 'owns the audit log';
  const message =
    `The database role ${role.name} ${what}: it could switch off the audit log's guard, rewrite it and replace its ` +
    'check. Run Concord as a role that may only read and append to it, with MIGRATION_DATABASE_URL for the owner (README, "Deploying").';
  if (config.env === 'production' && !config.allowDatabaseOwnerRole) {
    throw new DatabaseRoleError(`${message} To start anyway, set ALLOW_DATABASE_OWNER_ROLE=true.`);
  }
  (log.warn ?? log.info)(`Warning: ${message}`);
}

async function currentRole(database: DatabaseHandle): Promise<string> {
  const [row] = await database.rows<{ name: string }>(sql`select current_user as name`);
  if (!row) throw new Error('The database did not name its current role');
  return row.name;
}

function reasonOf(err: unknown): string {
  const info = databaseErrorOf(err);
  if (info) return info.message;
  return err instanceof Error ? ((err as { code?: string }).code ?? err.message) : String(err);
}
