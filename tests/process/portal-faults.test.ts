import { afterEach, describe, expect, it } from 'vitest';
import { type ApiProcess, startPortalProcess } from '../setup/api-process.ts';

const faults = new URL('../setup/portal-fault-injection.ts', import.meta.url).pathname;

/**
 * The portal run on its own (infra/'s portal role) meets an error that escaped every request: a failed promise
 * nobody waited for is logged and it serves on; an exception nobody caught stops it in order, with exit code 1
 * (frontend/portal/src/lib/server/process-errors.ts). Before, Node's defaults stopped the process at once for
 * either, every request in flight with it. No API is needed: the faults and the probes ask none.
 */
describe('[FAULT] the portal run on its own', { timeout: 120_000 }, () => {
  let portal: ApiProcess | undefined;
  afterEach(async () => {
    portal?.signal('SIGKILL');
    await portal?.exited;
  });

  it('serves on after a promise failed with nobody waiting, and stops in order after an uncaught exception', async () => {
    portal = await startPortalProcess(
      { CONCORD_API_URL: 'http://127.0.0.1:9/graphql', LOG_LEVEL: 'info' },
      { preload: [faults] },
    );

    expect((await fetch(`${portal.baseUrl}/test-faults/rejection`)).status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await fetch(`${portal.baseUrl}/healthz`)).status).toBe(200);
    const messages = () => portal?.logLines().map((line) => line.msg) ?? [];
    expect(messages()).toContain('a promise failed with nobody waiting for it: serving on');

    expect((await fetch(`${portal.baseUrl}/test-faults/exception`)).status).toBe(202);
    expect(await portal.exited).toBe(1);
    expect(messages()).toContain('shutting down after an error outside any request');
  });
});
