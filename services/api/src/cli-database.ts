import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type DatabaseHandle, redactUrl } from '@concord/db';
import {
  backupEmbedded,
  backupServer,
  openEmbeddedBackup,
  requestEmbeddedBackup,
  restoreEmbedded,
  restoreServer,
} from '@concord/db/backup';
import { MoveRefused, moveToPostgres } from '@concord/db/move';
import { backupSocketPath, DataDirInUseError, openDatabase } from './bootstrap.ts';
import type { CliOutput } from './cli-commands.ts';
import type { Config } from './config.ts';

export const DATABASE_USAGE = `Database commands:
  db move --to <postgres://…>   copy the embedded database (DATA_DIR) into an empty PostgreSQL database,
                                then compare every table and recompute the audit chain there; while Concord
                                runs, a copy of the moment (stop it and move again before switching)
  db backup <file>              the embedded database as a .tar.gz (asked of Concord while it runs, checked),
                                or the server's (DATABASE_URL) with pg_dump
  db restore <file>             into an empty DATA_DIR (Concord stopped), or an empty server database with
                                pg_restore; the audit chain is recomputed after it`;

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
      const source = await openEmbedded(config, quiet);
      try {
        if (source.running) {
          io.out(
            `Concord is running (${source.running.process}): moving a copy it made just now, up to its audit log's head ${source.running.head.seq}.`,
          );
        }
        const report = await moveToPostgres(source.database, second, (line) => io.out(line));
        io.out(
          `Moved ${report.tables.length} tables; the audit log's head is ${report.auditHead.seq} ${report.auditHead.hash}. ` +
            (source.running
              ? 'What changes in the running installation from now on is not in the copy: stop Concord, then move again into an empty database before you switch to it.'
              : `Start Concord with DATABASE_URL=${redactUrl(second)} (keep ${resolve(config.dataDir)} until you are satisfied).`),
        );
      } finally {
        await source.database.close();
      }
      return 0;
    }
    if (verb === 'backup' && first && args.length === 3) {
      if (config.databaseUrl) {
        await backupServer(config.databaseUrl, first);
        io.out(`Backed up ${redactUrl(config.databaseUrl)} to ${first} (pg_dump, custom format).`);
        return 0;
      }
      const source = await openEmbedded(config, quiet);
      try {
        if (source.running) {
          // The running process's copy, checked when it was opened, is the backup.
          await writeFile(first, source.running.backup);
          const { head } = source.running;
          io.out(
            `Backed up the running embedded database (${source.running.process}) to ${first}; checked: its audit chain is intact up to its head, ${head.seq} ${head.hash}.`,
          );
        } else {
          const head = await backupEmbedded(source.database, first);
          io.out(`Backed up the embedded database to ${first}; its audit log's head is ${head.seq} ${head.hash}.`);
        }
      } finally {
        await source.database.close();
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

/**
 * The embedded database to read from: DATA_DIR opened here, or, while a Concord process holds it, a copy that process
 * makes (serveEmbeddedBackups), opened in memory and its audit chain checked; `running` says which, with the copy.
 */
async function openEmbedded(
  config: Config,
  log: { info(message: string): void; warn(message: string): void },
): Promise<{
  database: DatabaseHandle;
  running?: { process: string; backup: Buffer; head: { seq: number; hash: string } };
}> {
  try {
    return { database: await openDatabase({ ...config, seedDemo: 'false' }, log) };
  } catch (err) {
    if (!(err instanceof DataDirInUseError)) throw err;
    const backup = await requestEmbeddedBackup(backupSocketPath(config));
    const { database, head } = await openEmbeddedBackup(backup);
    const process = err.holder === undefined ? 'another process' : `process ${err.holder}`;
    return { database, running: { process, backup, head } };
  }
}
