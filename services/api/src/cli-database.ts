import { resolve } from 'node:path';
import { redactUrl } from '@concord/db';
import { backupEmbedded, backupServer, restoreEmbedded, restoreServer } from '@concord/db/backup';
import { MoveRefused, moveToPostgres } from '@concord/db/move';
import { openDatabase } from './bootstrap.ts';
import type { CliOutput } from './cli-commands.ts';
import type { Config } from './config.ts';

export const DATABASE_USAGE = `Database commands (stop Concord first when it runs on the embedded database):
  db move --to <postgres://…>   copy the embedded database (DATA_DIR) into an empty PostgreSQL database,
                                then compare every table and recompute the audit chain there
  db backup <file>              the embedded database as a .tar.gz, or the server's (DATABASE_URL) with pg_dump
  db restore <file>             into an empty DATA_DIR, or an empty server database with pg_restore; the audit
                                chain is recomputed after it`;

/** Whether `args` are a database command (`db …`), well-formed or not. */
export const isDatabaseMaintenance = (args: readonly string[]) => args[0] === 'db';

/** Runs `db move|backup|restore`; answers the exit code: 0 done, 1 refused or failed, 2 not a command. */
export async function runDatabaseCommand(
  args: readonly string[],
  { config, io }: { config: Config; io: CliOutput },
): Promise<number> {
  const [, verb, first, second] = args;
  const quiet = { info: () => {}, warn: (message: string) => io.error(message) };
  try {
    if (verb === 'move' && first === '--to' && second && args.length === 4) {
      if (config.databaseUrl) throw new MoveRefused('Unset DATABASE_URL: the move reads the embedded database.');
      const source = await openDatabase({ ...config, seedDemo: 'false' }, quiet);
      try {
        const report = await moveToPostgres(source, second, (line) => io.out(line));
        io.out(
          `Moved ${report.tables.length} tables; the audit log's head is ${report.auditHead.seq} ${report.auditHead.hash}. ` +
            `Start Concord with DATABASE_URL=${redactUrl(second)} (keep ${resolve(config.dataDir)} until you are satisfied).`,
        );
      } finally {
        await source.close();
      }
      return 0;
    }
    if (verb === 'backup' && first && args.length === 3) {
      if (config.databaseUrl) {
        await backupServer(config.databaseUrl, first);
        io.out(`Backed up ${redactUrl(config.databaseUrl)} to ${first} (pg_dump, custom format).`);
        return 0;
      }
      const database = await openDatabase({ ...config, seedDemo: 'false' }, quiet);
      try {
        const head = await backupEmbedded(database, first);
        io.out(`Backed up the embedded database to ${first}; its audit log's head is ${head.seq} ${head.hash}.`);
      } finally {
        await database.close();
      }
      return 0;
    }
    if (verb === 'restore' && first && args.length === 3) {
      const head = config.databaseUrl
        ? await restoreServer(first, config.databaseUrl)
        : await restoreEmbedded(first, resolve(config.dataDir, 'pglite'));
      io.out(`Restored ${first}; the audit chain is intact up to its head, ${head.seq} ${head.hash}.`);
      return 0;
    }
  } catch (err) {
    io.error(err instanceof Error ? err.message : String(err));
    return 1;
  }
  io.error(DATABASE_USAGE);
  return 2;
}
