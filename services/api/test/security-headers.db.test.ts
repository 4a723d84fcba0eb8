import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildTestApp, type TestApp } from './helper.ts';

/**
 * Issue 10, item 8, for the API: security headers on every answer, the CSRF check on the route GraphQL is
 * served on whatever the spelling of its path, and WebSocket upgrades from other sites refused. The portal's
 * own headers and Content-Security-Policy are checked in tests/e2e/security-headers.e2e.test.ts.
 */

const PUBLIC_URL = 'https://concord.example.eu';
let t: TestApp;
let production: TestApp;

beforeAll(async () => {
  [t, production] = await Promise.all([
    buildTestApp(),
    buildTestApp({
      env: { NODE_ENV: 'production', PUBLIC_URL, SMTP_URL: 'smtp://127.0.0.1:1', RUN_WORKER: 'false' },
    }),
  ]);
  await Promise.all([
    t.app.listen({ host: '127.0.0.1', port: 0 }),
    production.app.listen({ host: '127.0.0.1', port: 0 }),
  ]);
});
afterAll(() => Promise.all([t.close(), production.close()]));

const wsUrl = (app: TestApp) => `ws://127.0.0.1:${(app.app.server.address() as AddressInfo).port}/graphql`;

describe('[HEADERS] every API answer', () => {
  const answers: [string, Parameters<TestApp['app']['inject']>[0]][] = [
    ['a GraphQL answer', { method: 'POST', url: '/graphql', payload: { query: '{ alliances { totalCount } }' } }],
    ['a GraphQL refusal', { method: 'POST', url: '/graphql', payload: { query: '{' } }],
    ['/healthz', { method: 'GET', url: '/healthz' }],
    ['an open-data export', { method: 'GET', url: '/exports/signatories.csv' }],
    ['an unknown path', { method: 'GET', url: '/no/such/page' }],
  ];
  it.each(answers)(
    '%s: nosniff, no referrer, no powerful features, no frames, nothing loaded',
    async (_label, request) => {
      const res = await t.app.inject(request);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('same-origin');
      expect(res.headers['permissions-policy']).toMatch(/camera=\(\).*geolocation=\(\).*microphone=\(\)/);
      expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
      expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
      // PUBLIC_URL is http here: browsers ignore HSTS over http, and it would pin a local address to https.
      expect(res.headers['strict-transport-security']).toBeUndefined();
    },
  );

  it('lets a PDF be shown by the browser’s viewer, in no frame', async () => {
    const issued = await t.app.inject({ method: 'GET', url: '/documents/progress/circular-plastics/2024.pdf' });
    expect(issued.statusCode, issued.body).toBe(303);
    const res = await t.app.inject({ method: 'GET', url: String(issued.headers.location) });
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-security-policy']).toBe("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('adds HSTS when PUBLIC_URL is https', async () => {
    for (const url of ['/healthz', '/graphql?query={__typename}', '/no/such/page']) {
      const res = await production.app.inject({ method: 'GET', url });
      expect(res.headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
    }
  });
});

describe('[CSRF] a cross-site form post is refused on the GraphQL route however its path is spelt', () => {
  const paths = ['/graphql', '/%67raphql', '/graphq%6C', '/%67%72%61%70%68%71%6C', '/graphql?operationName=x'];
  const simpleTypes = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'];
  it.each(paths)('POST %s', async (url) => {
    for (const type of simpleTypes) {
      const res = await t.app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': type },
        payload: '{"query":"mutation { logout }"}',
      });
      expect(res.statusCode, `${url} as ${type}: ${res.body}`).toBe(400);
      expect(res.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
      expect(res.json().errors[0].message).toMatch(/must be sent as application\/json/);
    }
  });
});

/** Opens a graphql-transport-ws socket; resolves with its acknowledgement or the HTTP status that refused it. */
function connect(url: string, origin?: string): Promise<{ ack: boolean; status?: number; socket?: WebSocket }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, 'graphql-transport-ws', origin ? { origin } : {});
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
    socket.on('message', (raw) => {
      if ((JSON.parse(String(raw)) as { type: string }).type === 'connection_ack') resolve({ ack: true, socket });
    });
    socket.on('unexpected-response', (_request, response) => resolve({ ack: false, status: response.statusCode }));
    socket.on('error', () => resolve({ ack: false }));
  });
}

describe('[WEBSOCKET] upgrades on /graphql', () => {
  const cases: [string, () => TestApp, string | undefined, boolean][] = [
    ['from PUBLIC_URL’s origin', () => production, PUBLIC_URL, true],
    ['from another site', () => production, 'https://evil.example', false],
    ['from PUBLIC_URL’s host over http', () => production, 'http://concord.example.eu', false],
    ['from a loopback page in production', () => production, 'http://127.0.0.1:5173', false],
    ['from a client that is not a browser (no Origin)', () => production, undefined, true],
    ['from another site in development', () => t, 'https://evil.example', false],
    ['from the portal’s vite dev server in development', () => t, 'http://localhost:5173', true],
  ];
  it.each(cases)('%s', async (_label, app, origin, accepted) => {
    const result = await connect(wsUrl(app()), origin);
    result.socket?.close();
    expect(result.ack).toBe(accepted);
    if (!accepted) expect(result.status).toBe(403);
  });

  it('closes a socket whose message is larger than any query the budget admits', async () => {
    const { socket } = await connect(wsUrl(t));
    if (!socket) throw new Error('not connected');
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    const query = `subscription { signatureAdded(allianceSlug: "x") { totalCount } } # ${'x'.repeat(200_000)}`;
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
    expect(await closed).toBe(1009); // Message Too Big
  });
});
