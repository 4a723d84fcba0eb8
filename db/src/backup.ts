import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import postgres from 'postgres';
import { type AuditLogHead, findAuditLogBreak, readAuditLogHead } from './audit-log.ts';
import { createDatabase, type DatabaseHandle, redactUrl } from './client.ts';
import { MoveRefused } from './move.ts';

/**
 * Backups with each engine's own tools. Embedded: PGlite's data directory as a gzipped tarball (`dumpDataDir`),
 * which PGlite opens again as it was. Server: pg_dump's custom format, restored by pg_restore in one transaction;
 * both must be installed (PostgreSQL's client tools, of the server's major version or newer). A restore goes only
 * into an empty place, and ends by recomputing the audit chain.
 */

export async function backupEmbedded(database: DatabaseHandle, file: string): Promise<AuditLogHead> {
  if (!database.pglite) throw new MoveRefused('Not the embedded database.');
  const dump = await database.pglite.dumpDataDir('gzip');
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  return readAuditLogHead(database.db);
}

export async function restoreEmbedded(file: string, dataDir: string): Promise<AuditLogHead> {
  const existing = await readdir(dataDir).catch(() => []);
  if (existing.length > 0) throw new MoveRefused(`${dataDir} is not empty: restore into an empty data directory.`);
  await mkdir(dataDir, { recursive: true });
  const restored = await createDatabase({ dataDir, loadDataDir: new Blob([await readFile(file)]) });
  try {
    return await verifiedHead(restored);
  } finally {
    await restored.close();
  }
}

export async function backupServer(url: string, file: string): Promise<void> {
  // The whole database: pg_dump then leaves `public`, which every new database has, to the restore's target.
  await run('pg_dump', ['--format=custom', `--file=${file}`, url]);
}

export async function restoreServer(file: string, url: string): Promise<AuditLogHead> {
  const target = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    const [occupied] = await target<{ tables: number }[]>`
      select count(*)::int as tables from information_schema.tables
      where table_schema in ('public', 'drizzle', 'pgboss')`;
    if ((occupied?.tables ?? 0) > 0) {
      throw new MoveRefused(`${redactUrl(url)} is not empty: restore into an empty database.`);
    }
  } finally {
    await target.end({ timeout: 5 });
  }
  await run('pg_restore', ['--exit-on-error', '--single-transaction', '--no-owner', `--dbname=${url}`, file]);
  const restored = await createDatabase({ url, maxConnections: 1 });
  try {
    return await verifiedHead(restored);
  } finally {
    await restored.close();
  }
}

/** The audit log's head after the chain was recomputed from its first event; throws when it breaks. */
async function verifiedHead(database: DatabaseHandle): Promise<AuditLogHead> {
  const head = await readAuditLogHead(database.db);
  const broken = await findAuditLogBreak(database.db, { through: head.seq });
  if (broken) throw new Error(`The restored audit chain breaks at event ${broken.seq} (${broken.kind}).`);
  return head;
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'ENOENT'
          ? new MoveRefused(`${command} is not installed: install PostgreSQL's client tools (the server's version).`)
          : err,
      ),
    );
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} failed (exit ${code}): ${stderr.trim().slice(0, 2000)}`)),
    );
  });
}
