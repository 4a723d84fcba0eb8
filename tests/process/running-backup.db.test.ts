import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, type DatabaseHandle, readAuditLogHead } from '@concord/db';
import { restoreEmbedded } from '@concord/db/backup';
import { installPgliteTemplate } from '@concord/db/testing';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { describe, expect, inject, it } from 'vitest';
import { runDatabaseCommand } from '../../services/api/src/cli-database.ts';
import { loadConfig } from '../../services/api/src/config.ts';
import { type ApiProcess, startApiProcess } from '../setup/api-process.ts';
import { graphqlAt, signIn } from '../setup/graphql-client.ts';

const templates = inject('databaseTemplates');
/** The server the suite also runs on, where there is one: the move's target. */
const serverUrl = process.env.CONCORD_TEST_DATABASE_URL;

/**
 * `pnpm concord db backup` and `db move` while Concord runs on the embedded database, which is that process's alone:
 * the command asks the running process for a copy (over the socket beside its data directory) and checks it before
 * saying it is done. The API process runs on a copy of the demo installation and changes it while running (an audit
 * event), so the copy must hold what the process committed, not only what was on disk when it started.
 * Embedded only (the PostgreSQL run backs up with pg_dump: db/src/move.db.test.ts).
 */
describe.skipIf(templates.kind !== 'pglite')('[BACKUP] a running embedded installation', { timeout: 120_000 }, () => {
  it('is backed up and moved from a copy the running process makes, with every change it committed', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'concord-running-'));
    await installPgliteTemplate(templates, 'demo', join(dataDir, 'pglite'));
    const env = { NODE_ENV: 'test', LOG_LEVEL: 'warn', SEED_DEMO: 'false', DEV_MAILBOX: 'true', DATA_DIR: dataDir };
    const run = async (args: string[]) => {
      const out: string[] = [];
      const error: string[] = [];
      const code = await runDatabaseCommand(args, {
        config: loadConfig(env),
        io: { out: (l) => out.push(l), error: (l) => error.push(l) },
      });
      return { code, out, error };
    };
    let api: ApiProcess | undefined;
    const targetName = `concord_running_${randomBytes(4).toString('hex')}`;
    try {
      api = await startApiProcess(env);
      const socket = join(dataDir, 'pglite.sock');
      // Its owner's only: a copy of the whole database is what it hands out.
      expect((await stat(socket)).mode & 0o777).toBe(0o600);

      // A change committed by the running process.
      const cookie = await signIn(api.baseUrl, 'secretariat@concord.example');
      const renamed = await graphqlAt(api.baseUrl)(
        'mutation { setMyName(name: "Running Backup") { person { email } } }',
        {},
        cookie,
      );
      expect(renamed.errors, JSON.stringify(renamed)).toBeUndefined();
      const head = (await (await fetch(`${api.baseUrl}/audit/head`)).json()) as { seq: number; hash: string };

      const file = join(dataDir, 'running.tar.gz');
      const backup = await run(['db', 'backup', file]);
      expect(backup).toEqual({
        code: 0,
        out: [
          `Backed up the running embedded database (process ${api.pid}) to ${file}; checked: its audit chain is intact up to its head, ${head.seq} ${head.hash}.`,
        ],
        error: [],
      });
      // It served on meanwhile, and still does.
      expect((await fetch(`${api.baseUrl}/readyz`)).status).toBe(200);

      // The backup restores into an empty directory with that head and the change in it.
      const restoredDir = join(dataDir, 'restored');
      await expect(restoreEmbedded(file, restoredDir)).resolves.toMatchObject({ seq: head.seq, hash: head.hash });
      const restored = await createDatabase({ dataDir: restoredDir });
      try {
        await expect(renames(restored)).resolves.toBe(1);

        // Moved into an empty server database while it runs, and said to be a copy of the moment.
        if (serverUrl) {
          const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
          await admin.unsafe(`create database ${targetName}`);
          await admin.end();
          const targetUrl = Object.assign(new URL(serverUrl), { pathname: `/${targetName}` }).toString();
          const moved = await run(['db', 'move', '--to', targetUrl]);
          expect(moved.code, moved.error.join('\n')).toBe(0);
          expect(moved.out[0]).toBe(
            `Concord is running (process ${api.pid}): moving a copy it made just now, up to its audit log's head ${head.seq}.`,
          );
          expect(moved.out.at(-1)).toMatch(/stop Concord, then move again into an empty database/);
          // The move compared every table with the copy itself; here, that the copy had the change and the head.
          const server = await createDatabase({ url: targetUrl, maxConnections: 1 });
          try {
            await expect(readAuditLogHead(server.db)).resolves.toMatchObject({ seq: head.seq, hash: head.hash });
            await expect(renames(server)).resolves.toBe(1);
          } finally {
            await server.close();
          }
        }
      } finally {
        await restored.close();
      }

      // The socket answers that one request only.
      await expect(ask(socket, 'dump everything\n')).resolves.toMatch(/^\{"error":"Unknown request/);

      // Stopped, it takes its socket away, and the command opens the directory itself.
      api.signal('SIGTERM');
      expect(await api.exited).toBe(0);
      expect(existsSync(socket)).toBe(false);
      const stopped = await run(['db', 'backup', join(dataDir, 'stopped.tar.gz')]);
      expect(stopped.code).toBe(0);
      expect(stopped.out[0]).toMatch(
        /^Backed up the embedded database to .*stopped\.tar\.gz; its audit log's head is /,
      );
    } finally {
      api?.signal('SIGKILL');
      await api?.exited;
      if (serverUrl) {
        const target = postgres(serverUrl, { max: 1, onnotice: () => {} });
        await target.unsafe(`drop database if exists ${targetName} with (force)`);
        await target.end();
      }
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

/** How many times a person was renamed, by the audit log. */
async function renames(database: DatabaseHandle): Promise<number> {
  const [row] = await database.rows<{ n: number }>(
    sql`select count(*)::int as n from audit_event where action = 'person.renamed'`,
  );
  return row?.n ?? 0;
}

/** Sends `request` on the Unix socket and answers everything it says back. */
function ask(socketPath: string, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath, () => socket.write(request));
    let text = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => {
      text += chunk;
    });
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
}
