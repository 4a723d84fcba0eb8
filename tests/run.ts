/**
 * `pnpm test` after the build: the browser tests in one Vitest process and everything else in another, at the same
 * time. Within one process Vitest runs the browser project (one file at a time, against one server) only after the
 * others; the unit and database tests leave about a third of two cores idle while they wait on PostgreSQL, and the
 * browser tests wait on Chromium, so the two overlap well (docs/adr/0027-two-test-processes.md).
 *
 * The unit and database tests print as they run; the browser tests' output is held and printed after, so that the
 * two never interleave. The exit code is the first failure's. With arguments (`pnpm test -- <files>`, flags), it is
 * one `vitest run` with those arguments.
 */
import { spawn } from 'node:child_process';

const vitest = new URL('../node_modules/vitest/vitest.mjs', import.meta.url).pathname;
const args = process.argv.slice(2).filter((arg) => arg !== '--');
const children = new Set<ReturnType<typeof spawn>>();

// Stopping the run (Ctrl-C, a CI time-out) stops both Vitest processes, which stop their workers and servers.
// Vitest stops on SIGINT; on SIGTERM it keeps running.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    for (const child of children) child.kill('SIGINT');
    process.exitCode = 1;
  });
}

/** Runs `vitest run <args>`; its output goes to ours, or is collected when `hold` is given. */
function run(runArgs: string[], hold?: Buffer[]): Promise<number> {
  const child = spawn(process.execPath, [vitest, 'run', ...runArgs], {
    stdio: hold ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    env: { ...process.env, ...(hold && process.stdout.isTTY ? { FORCE_COLOR: '1' } : {}) },
  });
  children.add(child);
  child.stdout?.on('data', (chunk: Buffer) => hold?.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => hold?.push(chunk));
  return new Promise((resolve) =>
    child.on('close', (code, signal) => {
      children.delete(child);
      resolve(code ?? (signal ? 1 : 0));
    }),
  );
}

if (args.length > 0) {
  process.exitCode = await run(args);
} else {
  const held: Buffer[] = [];
  const [rest, browser] = await Promise.all([run(['--project=!e2e']), run(['--project=e2e'], held)]);
  process.stdout.write('\n== the browser tests (run beside the above)\n');
  process.stdout.write(Buffer.concat(held));
  const verdict = (code: number) => (code === 0 ? 'passed' : `failed (exit ${code})`);
  process.stdout.write(`\nunit and database tests: ${verdict(rest)}; browser tests: ${verdict(browser)}\n`);
  process.exitCode = rest || browser;
}
