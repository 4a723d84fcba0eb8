import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A span as OTLP/JSON carries it (hex ids), with what the tests read. */
export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  status?: { code?: number };
  attributes?: { key: string; value: Record<string, unknown> }[];
  events?: { name: string; attributes?: { key: string; value: Record<string, unknown> }[] }[];
}

interface OtlpExport {
  resourceSpans: {
    resource: { attributes: { key: string; value: Record<string, unknown> }[] };
    scopeSpans: { spans: OtlpSpan[] }[];
  }[];
}

export interface OtlpCollector {
  /** The base address, as OTEL_EXPORTER_OTLP_ENDPOINT takes it. */
  readonly url: string;
  spans(): OtlpSpan[];
  /** The resource attributes of each export received, in order. */
  resources(): { key: string; value: Record<string, unknown> }[][];
  /** Resolves once some span of `traceId` satisfies `accept` (spans come in batches, a moment after the request). */
  waitFor(traceId: string, accept: (span: OtlpSpan) => boolean, timeoutMs?: number): Promise<OtlpSpan>;
  close(): Promise<void>;
}

/**
 * An OpenTelemetry collector stand-in (the collector is outside Concord): a plain HTTP server that keeps every
 * export of spans posted to /v1/traces as OTLP/JSON, the encoding Concord's exporter sends.
 */
export async function startOtlpCollector(): Promise<OtlpCollector> {
  const exports: OtlpExport[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      if (request.url === '/v1/traces' && request.headers['content-type']?.includes('json')) {
        exports.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpExport);
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const spans = () => exports.flatMap((e) => e.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)));
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    resources: () => exports.flatMap((e) => e.resourceSpans.map((r) => r.resource.attributes)),
    async waitFor(traceId, accept, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = spans().find((s) => s.traceId === traceId && accept(s));
        if (found) return found;
        if (Date.now() > until) throw new Error(`no such span of trace ${traceId} within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
