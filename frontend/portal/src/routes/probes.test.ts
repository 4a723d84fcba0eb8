import { describe, expect, test } from 'vitest';
import { GET as healthz } from './healthz/+server';
import { GET as readyz } from './readyz/+server';

describe('[INFRA] the portal run on its own answers its probes', () => {
  test.each([
    ['/healthz', () => healthz({} as Parameters<typeof healthz>[0]), 'ok'],
    ['/readyz', () => readyz({} as Parameters<typeof readyz>[0]), 'ready'],
  ])('%s answers 200 with its status, never cached', async (_path, probe, status) => {
    // The handlers read nothing from the request: an empty event stands for any.
    const response = await probe();
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ status });
  });
});
