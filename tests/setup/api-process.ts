import { spawn } from 'node:child_process';
import { freePort } from './standalone.ts';

const root = new URL('../../', import.meta.url).pathname;

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
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', ...preload.flatMap((p) => ['--import', p]), 'services/api/src/main.ts'],
    {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited (${child.exitCode}):\n${output}`);
    const ok = await fetch(`${baseUrl}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the API did not start:\n${output}`);
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
