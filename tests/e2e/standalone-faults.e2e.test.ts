import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startStandalone } from '../setup/standalone.ts';

const client = new URL('../../frontend/portal/build/client/', import.meta.url).pathname;

/**
 * The portal's files are listed once, when the all-in-one process starts; a rebuild while it runs removes them
 * from under it. Before, the next request for such a file threw where no handler listened (adapter-node's bundled
 * sirv streams the file after it has sent the headers), the process shut down, and its shutdown waited for that
 * answer until it was killed after 10 s, the embedded database still open.
 */
describe('[FAULT] a portal file that vanished while Concord runs', () => {
  it('answers 404 for it, and serves on', async () => {
    const name = `vanishing-${randomUUID()}.txt`;
    const file = join(client, name);
    await writeFile(file, 'here when Concord starts');
    const concord = await startStandalone();
    try {
      const before = await fetch(`${concord.baseUrl}/${name}`);
      expect(before.status).toBe(200);
      expect(await before.text()).toBe('here when Concord starts');

      await rm(file);
      const after = await fetch(`${concord.baseUrl}/${name}`);
      expect(after.status).toBe(404);

      expect((await fetch(`${concord.baseUrl}/healthz`)).status).toBe(200);
      expect((await fetch(`${concord.baseUrl}/login`)).status).toBe(200);
      expect(concord.exitCode()).toBeNull();
      expect(concord.output()).not.toContain('shutting down');
    } finally {
      await rm(file, { force: true });
      await concord.stop();
    }
  });
});

/**
 * A stop of the all-in-one process lets the pages it took finish, API calls included. Before, the portal called the
 * API on the public listener, which a stop closes first: a page still rendering found its connection reset or
 * refused and answered 503 (12 of 471 pages in a run of eight clients).
 */
describe('[FAULT] the all-in-one process stopped while it renders pages', () => {
  it('answers every page it took, and closes the database', async () => {
    const concord = await startStandalone({ LOG_LEVEL: 'info' });
    const statuses: number[] = [];
    let isStopping = false;
    // Eight readers load the start page (one API call each) one after another, until the process is gone.
    const readers = Array.from({ length: 8 }, async () => {
      while (!isStopping || concord.exitCode() === null) {
        try {
          const page = await fetch(`${concord.baseUrl}/`);
          await page.text();
          statuses.push(page.status);
        } catch {
          if (isStopping) return; // no longer accepting connections
        }
      }
    });
    while (statuses.length < 40) await new Promise((resolve) => setTimeout(resolve, 50));
    isStopping = true;
    const output = concord.output;
    const exitCode = concord.exitCode;
    await concord.stop();
    await Promise.all(readers);

    expect(exitCode()).toBe(0);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    const messages = output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => (JSON.parse(line) as { msg?: string }).msg);
    expect(messages.at(-1)).toBe('database closed');
  });
});
