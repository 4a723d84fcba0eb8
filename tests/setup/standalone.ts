import { type ChildProcess, spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;

/** Where prepareDataTemplates put its databases, for the test workers too (they inherit the environment). */
const TEMPLATES_VARIABLE = 'CONCORD_E2E_DATA_TEMPLATES';
type TemplateKind = 'demo' | 'empty';
const templateKind = (seedDemo: string | undefined): TemplateKind | undefined =>
  seedDemo === 'true' ? 'demo' : seedDemo === undefined || seedDemo === 'false' ? 'empty' : undefined;

/**
 * Creates the two embedded databases every server of a browser-test run starts from, a migrated one and one with
 * the demo alliance too, each once, at the same time: creating a PGlite database (its initdb) is most of an app's
 * start, about 10 s of CPU each, and the run starts nine servers. A server copies the directory it needs; what it
 * then holds is what a first start would have made (same migrations, same seed, the same day).
 *
 * Answers at once: the databases are made in the background (the other tests run meanwhile), and startStandalone
 * waits for them. Where they are is in the environment from the start, so that test workers started before they are
 * ready find them too. Returns the cleanup.
 */
export async function prepareDataTemplates(): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'concord-e2e-templates-'));
  process.env[TEMPLATES_VARIABLE] = dir;
  const made = Promise.all(
    (['demo', 'empty'] as const).map(async (kind) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'tests/setup/data-template.ts'], {
        cwd: root,
        env: {
          ...withoutDatabaseUrl(process.env),
          DATA_DIR: join(dir, kind),
          SEED_DEMO: kind === 'demo' ? 'true' : 'false',
          PUBLIC_URL: 'http://127.0.0.1',
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      if (code !== 0) throw new Error(`Making the ${kind} database for the browser tests failed (exit ${code}).`);
    }),
  ).then(
    () => writeAtOnce(join(dir, TEMPLATES_READY), 'ok'),
    (error: unknown) => writeAtOnce(join(dir, TEMPLATES_READY), String(error)),
  );
  return async () => {
    await made;
    delete process.env[TEMPLATES_VARIABLE];
    await rm(dir, { recursive: true, force: true });
  };
}

/** Writes `path` so that a reader finds it whole or not at all. */
export async function writeAtOnce(path: string, text: string): Promise<void> {
  await writeFile(`${path}.part`, text);
  await rename(`${path}.part`, path);
}

/** Written into the templates' directory once they are made: `ok`, or why not. */
const TEMPLATES_READY = 'ready';

async function templatesMade(dir: string): Promise<void> {
  // A cap, not a measure: making them takes half a minute on a quiet machine, minutes on a busy one.
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    const status = await readFile(join(dir, TEMPLATES_READY), 'utf8').catch(() => undefined);
    if (status === 'ok') return;
    if (status !== undefined) throw new Error(`The browser tests' databases were not made: ${status}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The browser tests' databases were not made within 10 minutes (${dir}).`);
}

/**
 * Starts the built all-in-one app (`services/standalone`) on a fresh embedded database, on a free loopback port,
 * and answers once it is ready. `env` adds to (or overrides) the defaults; `stop` ends it and removes its data.
 * In a browser-test run the database is a copy of the run's template (prepareDataTemplates) for its SEED_DEMO.
 */
export async function startStandalone(env: Record<string, string> = {}): Promise<{
  baseUrl: string;
  port: number;
  /** Everything it wrote so far, stdout and stderr together. */
  output: () => string;
  /** null while it runs. */
  exitCode: () => number | null;
  stop: () => Promise<void>;
}> {
  const dataDir = await mkdtemp(join(tmpdir(), 'concord-e2e-'));
  const templates = process.env[TEMPLATES_VARIABLE];
  const kind = templateKind(env.SEED_DEMO);
  if (templates && kind) {
    await templatesMade(templates);
    await cp(join(templates, kind), dataDir, { recursive: true });
  }
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'services/standalone/src/main.ts'], {
    cwd: root,
    env: {
      // The browser suite runs on the embedded database whatever the run's DATABASE_URL says.
      ...withoutDatabaseUrl(process.env),
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: baseUrl,
      DATA_DIR: dataDir,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // A run stopped before its teardown (Ctrl-C while this starts, before Vitest has `stop`) must not leave the app
  // running: two did, serving for an hour after their runs were stopped.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  await waitUntilReady(child, `${baseUrl}/readyz`, () => output);
  return {
    baseUrl,
    port,
    output: () => output,
    exitCode: () => child.exitCode,
    stop: async () => {
      await stop(child);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function withoutDatabaseUrl(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, ...rest } = env;
  return rest;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilReady(child: ChildProcess, url: string, output: () => string): Promise<void> {
  // A cap, not a measure: migrating and seeding the demo takes seconds on a quiet machine, minutes on a busy one.
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The app exited (${child.exitCode}):\n${output()}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`The app did not become ready:\n${output()}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}
