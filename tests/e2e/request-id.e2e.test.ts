import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiProcess, startApiProcess, startPortalProcess } from '../setup/api-process.ts';
import { type OtlpCollector, startOtlpCollector } from '../setup/otlp-collector.ts';
import { startStandalone } from '../setup/standalone.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type LogLine = Record<string, unknown>;
const jsonLines = (output: string): LogLine[] =>
  output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);

/**
 * One request, one id, in every process it crosses: the portal takes a well-formed X-Request-Id (or makes one),
 * answers with it, logs under it and sends it with each call to the API, whose Fastify uses it as the request id.
 */
describe('[LOGS] the portal and the API as separate processes', () => {
  let api: ApiProcess;
  let portal: ApiProcess;
  let portalUrl = '';
  let dataDir = '';
  let collector: OtlpCollector;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'concord-request-id-'));
    collector = await startOtlpCollector();
    api = await startApiProcess({
      LOG_LEVEL: 'info',
      SEED_DEMO: 'false',
      DATA_DIR: dataDir,
      RUN_WORKER: 'false',
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
    });
    portal = await startPortalProcess({ CONCORD_API_URL: `${api.baseUrl}/graphql`, LOG_LEVEL: 'info' });
    portalUrl = portal.baseUrl;
  }, 120_000);

  afterAll(async () => {
    portal?.signal('SIGTERM');
    await portal?.exited;
    api?.signal('SIGTERM');
    await api?.exited;
    await rm(dataDir, { recursive: true, force: true });
    await collector?.close();
  });

  /** The lines each process logged for `id`, once the API has logged the portal's call. */
  async function linesOf(id: string) {
    for (let i = 0; i < 50 && !api.logLines().some((l) => l.reqId === id); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return {
      portal: portal.logLines().filter((l) => l.reqId === id),
      api: api.logLines().filter((l) => l.reqId === id),
    };
  }

  it('keeps a well-formed incoming id: the answer, the portal’s log and the API’s log carry it', async () => {
    const id = `trace-${crypto.randomUUID()}`;
    const page = await fetch(`${portalUrl}/`, { headers: { 'x-request-id': id } });
    expect(page.status).toBe(200);
    expect(page.headers.get('x-request-id')).toBe(id);

    const lines = await linesOf(id);
    expect(lines.portal.map((l) => l.msg)).toEqual(['request completed']);
    expect(lines.portal[0]).toMatchObject({ level: 30, name: 'portal', req: { method: 'GET', url: '/' } });
    // The portal's GraphQL call, as the API logged it.
    expect(lines.api.map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
    expect(lines.api[0]).toMatchObject({ req: { method: 'POST', url: '/graphql' } });
  });

  it('makes a new id for a request without one, or with one that is not well formed, and hands it on', async () => {
    for (const headers of [{}, { 'x-request-id': 'two words\r' }] as Record<string, string>[]) {
      const page = await fetch(`${portalUrl}/`, { headers });
      expect(page.status).toBe(200);
      const id = page.headers.get('x-request-id') ?? '';
      expect(id).toMatch(UUID);
      const lines = await linesOf(id);
      expect(lines.portal).toHaveLength(1);
      expect(lines.api.length).toBeGreaterThan(0);
    }
  });

  it('hands the caller’s trace context on: the API’s spans for a page join the trace of the request for it', async () => {
    const traceId = crypto.randomUUID().replaceAll('-', '');
    const callerSpan = traceId.slice(0, 16);
    const page = await fetch(`${portalUrl}/`, { headers: { traceparent: `00-${traceId}-${callerSpan}-01` } });
    expect(page.status).toBe(200);
    // The API's request span for the portal's GraphQL call, a child of the caller's span.
    const span = await collector.waitFor(traceId, (s) => s.parentSpanId === callerSpan);
    expect(span.name).toBe('request');
    await collector.waitFor(traceId, (s) => s.parentSpanId === span.spanId && /^query /.test(s.name));
    // A malformed traceparent goes no further than the portal: the API makes a trace of its own. (Spans leave in
    // batches, in order: once a later request's span is in, the malformed one's would be too.)
    const forgedTrace = 'f'.repeat(32);
    const forged = await fetch(`${portalUrl}/`, {
      headers: { traceparent: `00-${forgedTrace}-${'e'.repeat(16)}-01-zz` },
    });
    expect(forged.status).toBe(200);
    const laterTrace = crypto.randomUUID().replaceAll('-', '');
    await fetch(`${portalUrl}/`, { headers: { traceparent: `00-${laterTrace}-${callerSpan}-01` } });
    await collector.waitFor(laterTrace, (s) => s.parentSpanId === callerSpan);
    expect(collector.spans().some((s) => s.traceId === forgedTrace)).toBe(false);
  });

  it('answers a request to the API with its id, the one sent when well formed', async () => {
    const ready = (headers: Record<string, string>) => fetch(`${api.baseUrl}/readyz`, { headers });
    expect((await ready({ 'x-request-id': 'proxy-7f3a:1' })).headers.get('x-request-id')).toBe('proxy-7f3a:1');
    expect((await ready({ 'x-request-id': 'x'.repeat(129) })).headers.get('x-request-id')).toMatch(UUID);
    expect((await ready({})).headers.get('x-request-id')).toMatch(UUID);
  });
});

describe('[LOGS] the all-in-one process', () => {
  it('logs the page and the API calls made for it under one id, once each, with no one-time token', async () => {
    const concord = await startStandalone({ LOG_LEVEL: 'info' });
    try {
      const id = `trace-${crypto.randomUUID()}`;
      const page = await fetch(`${concord.baseUrl}/`, { headers: { 'x-request-id': id } });
      expect(page.status).toBe(200);
      expect(page.headers.get('x-request-id')).toBe(id);
      const verify = await fetch(`${concord.baseUrl}/login/verify?token=one-time-secret-42`);
      expect(verify.status).toBe(200);

      const lines = jsonLines(concord.output()).filter((l) => l.reqId === id);
      // Fastify logs the page and the portal's GraphQL call; the portal adds no second line of its own.
      expect(lines.filter((l) => l.msg === 'incoming request').map((l) => (l.req as { url: string }).url)).toEqual([
        '/',
        '/graphql',
      ]);
      expect(lines.filter((l) => l.name === 'portal')).toEqual([]);
      expect(concord.output()).toContain('"url":"/login/verify?token=…"');
      expect(concord.output()).not.toContain('one-time-secret-42');
    } finally {
      await concord.stop();
    }
  });
});
