import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, type DatabaseHandle } from '@concord/db';
import { installPgliteTemplate, openTestDatabase } from '@concord/db/testing';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { type ApiProcess, startApiProcess } from '../setup/api-process.ts';
import { readsAndLoginLinks } from '../setup/graphql-client.ts';

const templates = inject('databaseTemplates');
const faults = new URL('../setup/fault-injection.ts', import.meta.url).pathname;

/**
 * A process that meets an error while serving one request keeps serving; one that must stop closes the database
 * within SHUTDOWN_GRACE_SECONDS, even with a request that never ends. Before services/api/src/lifecycle.ts, the
 * first error of a request stopped the whole process, and its shutdown waited for that request's answer, which
 * never came, until it was killed after 10 s with the embedded database still open.
 *
 * The API process (services/api/src/main.ts) runs with tests/setup/fault-injection.ts, which adds two routes with
 * bugs that escape every handler and a signal (SIGUSR2) that throws outside any request.
 */
// A cap, not a measure: each test starts a process on a fresh database (migrations included) on a busy machine.
describe('[FAULT] errors while serving, and shutting down', { timeout: 120_000 }, () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** A fresh database for one process, migrated: a data directory, or a PostgreSQL database, from a template. */
  async function freshInstallation(template: 'empty' | 'demo' = 'empty') {
    const dataDir = await mkdtemp(join(tmpdir(), 'concord-faults-'));
    const database = templates.kind === 'postgres' ? await openTestDatabase(templates, template) : undefined;
    if (!database) await installPgliteTemplate(templates, template, join(dataDir, 'pglite'));
    cleanups.push(async () => {
      await database?.close();
      await rm(dataDir, { recursive: true, force: true });
    });
    const env: Record<string, string> = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      SEED_DEMO: 'false',
      SHUTDOWN_GRACE_SECONDS: '4',
      LOGIN_LINKS_PER_CLIENT: '10000',
      JOB_POLLING_SECONDS: '0.5',
      ...(database?.url ? { DATABASE_URL: database.url } : { DATA_DIR: dataDir }),
    };
    /** The database the process used, opened again by the test once the process has exited. */
    const reopen = async (): Promise<DatabaseHandle> => {
      const handle = database ?? (await createDatabase({ dataDir: join(dataDir, 'pglite') }));
      if (!database) cleanups.push(() => handle.close());
      return handle;
    };
    return { env, dataDir, reopen };
  }

  async function start(env: Record<string, string>): Promise<ApiProcess> {
    const api = await startApiProcess(env, { preload: [faults] });
    cleanups.push(async () => {
      api.signal('SIGKILL');
      await api.exited;
    });
    return api;
  }

  it('answers a request whose work threw where no handler could catch it with a 500, and serves on', async () => {
    const { env } = await freshInstallation();
    const api = await start(env);

    for (const path of ['/test-faults/stream-error', '/test-faults/rejection']) {
      const failed = await fetch(`${api.baseUrl}${path}`, { headers: { 'x-request-id': `fault-${path.slice(13)}` } });
      expect(failed.status).toBe(500);
      expect(await failed.json()).toEqual({ error: 'Internal Server Error', requestId: `fault-${path.slice(13)}` });
    }

    const after = await graphql(api, '{ alliances(first: 1) { totalCount } }');
    expect(after.status).toBe(200);
    expect((await fetch(`${api.baseUrl}/readyz`)).status).toBe(200);
    // The errors are in the log, each with the request it belonged to.
    const failures = api.logLines().filter((line) => line.msg === 'request failed: an error escaped its handlers');
    expect(failures.map((line) => line.reqId)).toEqual(['fault-stream-error', 'fault-rejection']);
    expect(api.output()).not.toContain('shutting down');
  });

  it('stops after an error outside any request: cuts a request that never ends, closes the database cleanly', async () => {
    const installation = await freshInstallation();
    const api = await start(installation.env);
    const hung = await holdRequestOpen(api);

    api.signal('SIGUSR2');
    const code = await api.exited;
    hung.destroy();

    expect(code).toBe(1);
    const messages = api.logLines().map((line) => line.msg);
    expect(messages).toContain('shutting down after an error outside any request');
    expect(messages).toContain('requests still open after half the grace period: closing their connections');
    expect(messages.at(-1)).toBe('database closed');
    await expectClosedCleanly(installation);
  });

  it('stops on SIGTERM under load: answers what it accepted, loses no acknowledged write, closes the database cleanly', async () => {
    const installation = await freshInstallation();
    const api = await start(installation.env);
    const hung = await holdRequestOpen(api);

    // Eight clients asking for log-in links one after another (a write and a queued e-mail each) until refused.
    const statuses: number[] = [];
    let accepted = 0;
    let n = 0;
    const clients = Array.from({ length: 8 }, async () => {
      for (;;) {
        const email = `load-${n++}@shutdown.example`;
        let response: Response;
        try {
          response = await graphql(api, 'mutation($email: String!) { requestLoginLink(email: $email) { accepted } }', {
            email,
          });
        } catch {
          return; // no longer accepting connections
        }
        statuses.push(response.status);
        const body = (await response.json()) as { data?: { requestLoginLink?: { accepted: boolean } } };
        if (body.data?.requestLoginLink?.accepted) accepted++;
      }
    });
    while (accepted < 20) await new Promise((resolve) => setTimeout(resolve, 50));

    api.signal('SIGTERM');
    const code = await api.exited;
    await Promise.all(clients);
    hung.destroy();

    expect(code).toBe(0);
    // Every request that reached the process was answered, those on connections kept alive while it drained too.
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    const messages = api.logLines().map((line) => line.msg);
    expect(messages).toContain('shutting down');
    expect(messages.at(-1)).toBe('database closed');
    const database = await expectClosedCleanly(installation);
    const [row] = await database.rows<{ links: number }>(
      sql`select count(*)::int as links from email_token where purpose = 'login'`,
    );
    expect(row?.links).toBe(accepted);
  });

  it('stops on SIGTERM with sixty requests sent but not yet read: accepts, reads and answers every one', async () => {
    const installation = await freshInstallation('demo');
    // Time enough to answer them all on a busy machine: the cut at half the grace period is another test's.
    const api = await start({ ...installation.env, SHUTDOWN_GRACE_SECONDS: '60' });
    // A process just started answers its first requests slowly: many of these wait in its listening socket's backlog
    // or unread on their connections when the signal comes. Before lifecycle.ts read them first, close() reset them
    // (on PostgreSQL, 34 of the 60 here; the process on PGlite happened to have read them all in time).
    const read = '{ alliance(slug: "circular-plastics") { signatories(first: 50) { totalCount nodes { id } } } }';
    const emails = Array.from({ length: 20 }, (_, i) => `unread-${i}@shutdown.example`);
    const sent = readsAndLoginLinks(api.port, read, 40, emails);
    await Promise.all(sent.map((r) => r.written));
    api.signal('SIGTERM');
    const answers = await Promise.allSettled(sent.map((r) => r.answer));
    expect(await api.exited).toBe(0);

    const unanswered = answers.flatMap((a, i) => (a.status === 'rejected' ? [`${i}: ${String(a.reason)}`] : []));
    expect(unanswered).toEqual([]);
    expect(api.logLines().map((line) => line.msg)).not.toContain(
      'requests still open after half the grace period: closing their connections',
    );
    const bodies = answers.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
    expect(bodies.filter((b) => b.status !== 200 || b.body.errors).map((b) => JSON.stringify(b))).toEqual([]);
    expect(bodies.slice(0, 40).every((b) => b.body.data?.alliance?.signatories?.nodes?.length === 50)).toBe(true);
    expect(bodies.slice(40).map((b) => b.body.data?.requestLoginLink?.accepted)).toEqual(emails.map(() => true));
    const database = await expectClosedCleanly(installation);
    const [row] = await database.rows<{ links: number }>(
      sql`select count(*)::int as links from email_token where purpose = 'login'`,
    );
    expect(row?.links).toBe(emails.length);
  });
});

async function graphql(api: ApiProcess, query: string, variables: Record<string, unknown> = {}): Promise<Response> {
  return fetch(`${api.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
}

/** A request whose body never comes: the server waits for it until the connection is cut. */
async function holdRequestOpen(api: ApiProcess): Promise<Socket> {
  const id = `hung-${Date.now()}`;
  const socket = connect(api.port, '127.0.0.1');
  socket.on('error', () => {});
  socket.write(
    `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\nx-request-id: ${id}\r\n\r\n{"query":`,
  );
  // Held once the API has logged the request coming in.
  while (!api.logLines().some((line) => line.reqId === id)) await new Promise((resolve) => setTimeout(resolve, 50));
  return socket;
}

/**
 * PostgreSQL's control file says whether the data directory was shut down (1) or is still "in production" (6):
 * what an embedded database left open by a killed process looks like. A PostgreSQL server outlives the process;
 * its database must simply still answer.
 */
async function expectClosedCleanly(installation: {
  dataDir: string;
  reopen: () => Promise<DatabaseHandle>;
}): Promise<DatabaseHandle> {
  if (templates.kind === 'pglite') {
    const control = await readFile(join(installation.dataDir, 'pglite', 'global', 'pg_control'));
    expect(control.readInt32LE(16)).toBe(1);
  }
  const database = await installation.reopen();
  await database.ping();
  return database;
}
