import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;

export interface StartupResult {
  coldMs: number[];
  restartMs: number[];
}

/**
 * Time from launching `pnpm serve`'s entry (the built all-in-one app) to the first page served: cold
 * (empty data directory: migrate and seed) and restart (the same data directory).
 */
export async function measureStartup({ runs, port }: { runs: number; port: number }): Promise<StartupResult> {
  const result: StartupResult = { coldMs: [], restartMs: [] };
  for (let i = 0; i < runs; i++) {
    const dataDir = await mkdtemp(join(tmpdir(), 'concord-bench-'));
    try {
      result.coldMs.push(await timeToFirstPage(dataDir, port));
      result.restartMs.push(await timeToFirstPage(dataDir, port));
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  return result;
}

async function timeToFirstPage(dataDir: string, port: number): Promise<number> {
  const started = performance.now();
  const { DATABASE_URL: _embeddedOnly, ...env } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'services/standalone/src/main.ts'], {
    cwd: root,
    env: { ...env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  try {
    const url = `http://127.0.0.1:${port}/alliances/circular-plastics`;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}`);
      try {
        const res = await fetch(url);
        if (res.ok) {
          await res.text();
          return performance.now() - started;
        }
      } catch {
        // not yet listening
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await stop(child);
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
