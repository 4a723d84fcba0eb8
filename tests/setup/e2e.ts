import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { pseudoPortalStatus, startPseudoPortalBuild } from './pseudo-portal.ts';
import { prepareDataTemplates, startStandalone, writeAtOnce } from './standalone.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /**
     * One server per browser-test worker, started when a file first asks for it (tests/e2e/browser.ts): a worker's
     * files run one after another on its own server.
     */
    e2e: { servers: number; chromium: string; claimsDir: string } | { skip: string };
  }
}

/** In the claims directory: `want-<i>` asks for server i; `server-<i>` holds its address once it answers. */
export const wantServer = (claimsDir: string, index: number) => join(claimsDir, `want-${index}`);
export const serverAddress = (claimsDir: string, index: number) => join(claimsDir, `server-${index}`);
export const serverFailure = (claimsDir: string, index: number) => join(claimsDir, `server-${index}.failed`);

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const root = new URL('../../', import.meta.url).pathname;

/** How many browser-test files run at once, each worker with its own server (vitest.config.ts reads it too). */
export const E2E_WORKERS = Number(process.env.CONCORD_E2E_WORKERS ?? 2);

/**
 * Gets the browser tests ready without holding up the rest of the run: the servers' databases are made in the
 * background (prepareDataTemplates) and each server starts when a browser-test file first asks for it, so that
 * servers do not sit idle, polling their job queues, while the database tests run. A server runs the built
 * all-in-one app on a fresh embedded database with the demo alliance; the files of one worker run one after another
 * against it, as all of them once did against one.
 */
export default async function setup(project: TestProject) {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    const reason = `Browser tests skipped: no Chromium at ${chromium} (install Debian's chromium or set CHROMIUM_PATH).`;
    console.warn(reason);
    project.provide('e2e', { skip: reason });
    return;
  }
  if (!existsSync(join(root, 'frontend/portal/build/handler.js'))) {
    throw new Error('The portal is not built: run `pnpm build` first (`pnpm test` does).');
  }
  const removeTemplates = await prepareDataTemplates();
  // Where each test file claims a server of its own and asks for it to start (tests/e2e/browser.ts).
  const claimsDir = mkdtempSync(join(tmpdir(), 'concord-e2e-claims-'));
  const started = new Map<number, ReturnType<typeof startStandalone>>();
  const startAsked = () => {
    for (let index = 0; index < E2E_WORKERS; index++) {
      if (started.has(index) || !existsSync(wantServer(claimsDir, index))) continue;
      const server = startStandalone({
        SEED_DEMO: 'true',
        // The journeys follow log-in links from the development mailbox, as a newcomer does: e-mail goes out
        // through the job queue, which the app polls every 2 s by default.
        DEV_MAILBOX: 'true',
        JOB_POLLING_SECONDS: '0.5',
        // Every browser test signs in from 127.0.0.1, the secretariat many times: the limits are tested elsewhere.
        LOGIN_LINKS_PER_ADDRESS: '200',
        LOGIN_LINKS_PER_CLIENT: '1000',
      });
      started.set(index, server);
      server.then(
        ({ baseUrl }) => writeAtOnce(serverAddress(claimsDir, index), baseUrl),
        (error: unknown) => writeAtOnce(serverFailure(claimsDir, index), String(error)),
      );
    }
  };
  const watching = setInterval(startAsked, 200);
  // The portal with the pseudo-locale builds beside the tests that run first; its test waits for it. A build of it
  // newer than the portal's own is used as it is (a browser test file run on its own).
  const portalBuilt = statSync(join(root, 'frontend/portal/build/handler.js')).mtimeMs;
  if (!existsSync(pseudoPortalStatus) || statSync(pseudoPortalStatus).mtimeMs < portalBuilt) {
    rmSync(pseudoPortalStatus, { force: true });
    void startPseudoPortalBuild();
  }
  project.provide('e2e', { servers: E2E_WORKERS, chromium, claimsDir });
  return async () => {
    clearInterval(watching);
    await Promise.all([...started.values()].map((server) => server.then((s) => s.stop()).catch(() => {})));
    await removeTemplates();
    rmSync(claimsDir, { recursive: true, force: true });
  };
}
