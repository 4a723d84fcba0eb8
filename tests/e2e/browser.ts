import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, inject } from 'vitest';
import { CHROMIUM_ARGS } from '../setup/e2e.ts';

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
function claimServer(urls: readonly string[], claimsDir: string): string {
  const wait = new Int32Array(new SharedArrayBuffer(4));
  for (let attempt = 0; attempt < 600; attempt++) {
    for (const [index, url] of urls.entries()) {
      const claim = join(claimsDir, String(index));
      try {
        mkdirSync(claim);
        writeFileSync(join(claim, 'pid'), String(process.pid));
        afterAll(() => rmSync(claim, { recursive: true, force: true }));
        return url;
      } catch {
        let owner = 0;
        try {
          owner = Number(readFileSync(join(claim, 'pid'), 'utf8'));
        } catch {
          // Claimed a moment ago: its pid is on its way.
          continue;
        }
        if (owner === process.pid) return url;
        if (owner > 0 && !isAlive(owner)) rmSync(claim, { recursive: true, force: true });
      }
    }
    // Every server is another file's: wait for one to finish (at most 600 × 0.2 s).
    Atomics.wait(wait, 0, 0, 200);
  }
  throw new Error(`No browser-test server came free in ${claimsDir}: more files at once than servers?`);
}

export const baseUrl = 'baseUrls' in e2e ? claimServer(e2e.baseUrls, e2e.claimsDir) : '';

export async function launch(): Promise<Browser> {
  if (!('chromium' in e2e)) throw new Error('no browser');
  return chromium.launch({ executablePath: e2e.chromium, args: CHROMIUM_ARGS });
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
