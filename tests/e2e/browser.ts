import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeEach, inject } from 'vitest';
import { CHROMIUM_ARGS, serverAddress, serverFailure, wantServer } from '../setup/e2e.ts';
import { ContextPool } from './context-pool.ts';

const e2e = inject('e2e');
/** Why the browser suite is skipped, or undefined when it runs. */
export const skipReason = 'skip' in e2e ? e2e.skip : undefined;

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * A server of this file's own, claimed for as long as the file runs: a directory per server in `claimsDir`, made
 * atomically (mkdir) and holding the claiming process's id, removed after the file's last test. Deriving the server
 * from VITEST_POOL_ID put two files on one server in a full run (the ids the browser workers got after the database
 * workers mapped to the same server), and a pledge accepted by one file changed the figures another was reading.
 * A claim of a process that died is taken over; a process's own claim is its own again (a worker running its next
 * file).
 */
function claimServer(servers: number, claimsDir: string): string {
  const wait = new Int32Array(new SharedArrayBuffer(4));
  for (let attempt = 0; attempt < 600; attempt++) {
    for (let index = 0; index < servers; index++) {
      const claim = join(claimsDir, String(index));
      try {
        mkdirSync(claim);
        writeFileSync(join(claim, 'pid'), String(process.pid));
        afterAll(() => rmSync(claim, { recursive: true, force: true }));
        return serverOf(index, claimsDir);
      } catch {
        let owner = 0;
        try {
          owner = Number(readFileSync(join(claim, 'pid'), 'utf8'));
        } catch {
          // Claimed a moment ago: its pid is on its way.
          continue;
        }
        if (owner === process.pid) return serverOf(index, claimsDir);
        if (owner > 0 && !isAlive(owner)) rmSync(claim, { recursive: true, force: true });
      }
    }
    // Every server is another file's: wait for one to finish (at most 600 × 0.2 s).
    Atomics.wait(wait, 0, 0, 200);
  }
  throw new Error(`No browser-test server came free in ${claimsDir}: more files at once than servers?`);
}

/** The address of server `index`, asking the run's set-up (tests/setup/e2e.ts) to start it if it has not yet. */
function serverOf(index: number, claimsDir: string): string {
  const address = serverAddress(claimsDir, index);
  if (!existsSync(address)) writeFileSync(wantServer(claimsDir, index), String(process.pid));
  const wait = new Int32Array(new SharedArrayBuffer(4));
  // A cap, not a measure: a start copies a database and opens it, seconds on a quiet machine.
  for (let attempt = 0; attempt < 1500; attempt++) {
    if (existsSync(address)) return readFileSync(address, 'utf8');
    const failure = serverFailure(claimsDir, index);
    if (existsSync(failure))
      throw new Error(`Browser-test server ${index} did not start: ${readFileSync(failure, 'utf8')}`);
    Atomics.wait(wait, 0, 0, 200);
  }
  throw new Error(`Browser-test server ${index} did not start within 5 minutes (${claimsDir}).`);
}

export const baseUrl = 'servers' in e2e ? claimServer(e2e.servers, e2e.claimsDir) : '';

const pools = new Set<ContextPool>();
beforeEach(() => {
  for (const pool of pools) pool.testStarted();
});
afterEach(async () => {
  for (const pool of pools) await pool.testEnded();
});

/**
 * Chromium for this file. Its contexts come from a pool (context-pool.ts): `newContext` may hand out one a test
 * before used, made as a new one would be, and a context a test opened is given back when the test ends.
 */
export async function launch(): Promise<Browser> {
  if (!('chromium' in e2e)) throw new Error('no browser');
  const browser = await chromium.launch({ executablePath: e2e.chromium, args: CHROMIUM_ARGS });
  const pool = new ContextPool(browser);
  pools.add(pool);
  browser.once('disconnected', () => pools.delete(pool));
  return new Proxy(browser, {
    get(target, property) {
      if (property === 'newContext') return (options?: BrowserContextOptions) => pool.newContext(options);
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * axe's WCAG 2.1 A and AA rules: the level the EU Web Accessibility Directive asks of public sites. In axe.run's
 * "legacy" mode, in the page itself: the default injects axe into every frame and again into a blank page it opens
 * to merge the frames' results, which our pages (one origin, no frames) do not need, at a cost paid on every one of
 * the suite's many checks. Only violations are gathered: the passes were never read.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  // options() replaces what withTags() set: it goes first.
  const result = await new AxeBuilder({ page })
    .options({ resultTypes: ['violations'] })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .setLegacyMode(true)
    .analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
