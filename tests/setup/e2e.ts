import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startStandalone } from './standalone.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: { baseUrl: string; chromium: string } | { skip: string };
  }
}

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

/** Starts the built all-in-one app on a fresh embedded database with the demo alliance. */
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
  const { baseUrl, stop } = await startStandalone({
    SEED_DEMO: 'true',
    // The journeys follow log-in links from the development mailbox, as a newcomer does.
    DEV_MAILBOX: 'true',
    // Every browser test signs in from 127.0.0.1, the secretariat many times: the limits are tested elsewhere.
    LOGIN_LINKS_PER_ADDRESS: '200',
    LOGIN_LINKS_PER_CLIENT: '1000',
  });
  project.provide('e2e', { baseUrl, chromium });
  return stop;
}
