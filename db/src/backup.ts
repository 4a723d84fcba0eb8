import { spawn } from 'node:child_process';
import { chmod, mkdir, readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { connect, createServer, type Socket } from 'node:net';
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
  await writeFile(file, await embeddedBackup(database));
  return readAuditLogHead(database.db);
}

/** An embedded database's backup: its data directory as PGlite's gzipped tarball, which `loadDataDir` reads. */
async function embeddedBackup(database: DatabaseHandle): Promise<Buffer> {
  if (!database.pglite) throw new MoveRefused('Not the embedded database.');
  const dump = await database.pglite.dumpDataDir('gzip');
  return Buffer.from(await dump.arrayBuffer());
}

/** The request a running installation's backup socket answers: the one line it reads. */
const BACKUP_REQUEST = 'backup\n';
/** How long the backup socket waits for a connection's request line. */
const REQUEST_TIMEOUT_MS = 10_000;
/** How long `db backup` waits for the running process with nothing arriving: a copy of a large database takes a while. */
const ANSWER_IDLE_TIMEOUT_MS = 10 * 60_000;
/** Unix sockets' paths are at most 107 bytes on Linux (108 with the terminating zero). */
const MAX_SOCKET_PATH_BYTES = 107;

/**
 * A running embedded installation is one process's (PGlite), so a `db backup` or `db move` beside it cannot open its
 * data directory: it asks the running process instead, over a Unix socket beside the directory (`<dataDir>.sock`,
 * readable and writable by its owner only, the same user the data directory's files belong to). The process answers
 * with `dumpDataDir`, which PGlite takes between two statements (it holds the query lock while it copies the files,
 * so no statement runs meanwhile): what a crash at that moment would leave, which PostgreSQL opens as of the last
 * commit before it. Statements wait while the copy is made (about a second for the demo alliance).
 *
 * Answer: one line of JSON, `{"bytes":N}` followed by the N bytes of the gzipped tarball, or `{"error":"…"}`.
 * Answers a function that stops serving and removes the socket; resolves to undefined (and serves nothing) where the
 * path is too long for a Unix socket.
 */
export async function serveEmbeddedBackups(
  database: DatabaseHandle,
  socketPath: string,
): Promise<(() => Promise<void>) | undefined> {
  if (!database.pglite) throw new MoveRefused('Not the embedded database.');
  if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH_BYTES) return undefined;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    // The request is one short line: a connection that does not send it soon is closed.
    socket.setTimeout(REQUEST_TIMEOUT_MS, () => socket.destroy());
    let request = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      request += chunk;
      if (request.length < BACKUP_REQUEST.length) return;
      socket.removeAllListeners('data');
      socket.setTimeout(0);
      if (request !== BACKUP_REQUEST) {
        socket.end(`${JSON.stringify({ error: 'Unknown request: this socket answers "backup" only.' })}\n`);
        return;
      }
      embeddedBackup(database)
        .then((bytes) => {
          socket.write(`${JSON.stringify({ bytes: bytes.byteLength })}\n`);
          socket.end(bytes);
        })
        .catch((err: unknown) => {
          socket.end(`${JSON.stringify({ error: err instanceof Error ? err.message : String(err) })}\n`);
        });
    });
  });
  // A socket left by a process that was killed: this process holds the data directory now (its lock file).
  await removeSocket(socketPath);
  // Made with no rights for others from the start, not opened up between listening and a chmod. listen() binds a
  // Unix socket before it returns (outside a cluster), so the process's umask is changed for that call only.
  const listening = new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.once('listening', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const umask = process.umask(0o177);
  try {
    server.listen(socketPath);
  } finally {
    process.umask(umask);
  }
  await listening;
  await chmod(socketPath, 0o600);
  return async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await removeSocket(socketPath);
  };
}

/**
 * Removes a socket file, if there is one. unlink, not `rm`: under tsx, `fs.promises.rm` of an existing socket left the
 * process unable to load some packages afterwards (fastify's ajv: "Cannot find module 'fast-deep-equal'"), which
 * stopped an API process restarted after SIGKILL (tests/process/email-worker-kill.db.test.ts on PGlite).
 */
async function removeSocket(socketPath: string): Promise<void> {
  await unlink(socketPath).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  });
}

/**
 * Asks the process serving `socketPath` (serveEmbeddedBackups) for a backup of its running database: answers the
 * gzipped tarball. Throws MoveRefused when nothing answers there.
 */
export function requestEmbeddedBackup(socketPath: string): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const socket = connect(socketPath);
    socket.setTimeout(ANSWER_IDLE_TIMEOUT_MS, () =>
      socket.destroy(new Error(`The running process did not answer on ${socketPath} for ten minutes.`)),
    );
    const chunks: Buffer[] = [];
    socket.on('connect', () => socket.write(BACKUP_REQUEST));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'ENOENT' || err.code === 'ECONNREFUSED'
          ? new MoveRefused(
              `The process that holds the embedded database does not answer on ${socketPath}; stop it first.`,
            )
          : err,
      ),
    );
    socket.on('end', () => {
      const all = Buffer.concat(chunks);
      const newline = all.indexOf(10);
      let header: { bytes?: number; error?: string } = {};
      try {
        header = JSON.parse(all.subarray(0, newline < 0 ? all.length : newline).toString('utf8'));
      } catch {
        // Left empty: reported below as an incomplete answer.
      }
      const body = all.subarray(newline + 1);
      if (header.error) reject(new Error(`The running process could not back up its database: ${header.error}`));
      else if (newline < 0 || header.bytes !== body.byteLength) {
        reject(new Error('The running process ended its backup before it was complete.'));
      } else resolve(body);
    });
  });
}

/**
 * A backup made by a running process, opened in memory to check it: its audit chain recomputed, answered with the
 * opened database (for a move) and its head. The caller closes the database.
 */
export async function openEmbeddedBackup(backup: Buffer): Promise<{ database: DatabaseHandle; head: AuditLogHead }> {
  const database = await createDatabase({ loadDataDir: new Blob([new Uint8Array(backup)]) });
  try {
    return { database, head: await verifiedHead(database) };
  } catch (err) {
    await database.close().catch(() => {});
    throw err;
  }
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
