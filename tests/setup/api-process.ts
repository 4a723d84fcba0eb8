import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './standalone.ts';

const root = new URL('../../', import.meta.url).pathname;

/** A Concord process started by a test: the API (with or without its worker) or the portal. */
export interface ApiProcess {
  port: number;
  baseUrl: string;
  pid: number;
  /** Everything it wrote so far, stdout and stderr together. */
  output(): string;
  /** Its structured log lines so far (pino's JSON), parsed. */
  logLines(): Record<string, unknown>[];
  /** Resolves with its exit code once it has exited (null if a signal ended it). */
  exited: Promise<number | null>;
  signal(signal: NodeJS.Signals): void;
}

/**
 * Starts the API process (services/api/src/main.ts) with `env` and resolves once it answers /readyz. `preload`
 * modules are loaded first (`--import`), as tests/setup/fault-injection.ts is.
 */
export async function startApiProcess(
  env: Record<string, string>,
  { preload = [] }: { preload?: string[] } = {},
): Promise<ApiProcess> {
  return startProcess(
    'the API',
    ['--import', 'tsx', ...preload.flatMap((p) => ['--import', p]), 'services/api/src/main.ts'],
    env,
  );
}

/**
 * Starts the built portal on its own (adapter-node's `frontend/portal/build`, as infra/ runs it, or another build
 * directory under the repository) with `env` (at least CONCORD_API_URL) and resolves once it answers /readyz. ORIGIN
 * is its own address unless `env` says otherwise. `preload` modules are loaded first, as for the API.
 */
export async function startPortalProcess(
  env: Record<string, string>,
  { build = 'frontend/portal/build', preload = [] }: { build?: string; preload?: string[] } = {},
): Promise<ApiProcess> {
  if (!existsSync(join(root, build, 'handler.js'))) {
    throw new Error(`The portal is not built in ${build}: run \`pnpm build\` first (\`pnpm test\` does).`);
  }
  const imports = preload.length > 0 ? ['--import', 'tsx', ...preload.flatMap((p) => ['--import', p])] : [];
  return startProcess('the portal', [...imports, build], env, (baseUrl) => ({ ORIGIN: baseUrl }));
}

async function startProcess(
  name: string,
  args: string[],
  env: Record<string, string>,
  defaults: (baseUrl: string) => Record<string, string> = () => ({}),
): Promise<ApiProcess> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), ...defaults(baseUrl), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}):\n${output}`);
    const ok = await fetch(`${baseUrl}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    port,
    baseUrl,
    pid: child.pid ?? 0,
    output: () => output,
    logLines: () =>
      output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    exited,
    signal: (signal) => {
      if (child.exitCode === null) child.kill(signal);
    },
  };
}
