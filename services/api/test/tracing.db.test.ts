import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OtlpCollector, type OtlpSpan, startOtlpCollector } from '../../../tests/setup/otlp-collector.ts';
import { buildTestApp, type TestApp } from './helper.ts';

/**
 * OpenTelemetry traces, exported over OTLP/HTTP (JSON) to a collector. The collector is outside Concord, so the
 * test stands one in (tests/setup/otlp-collector.ts).
 */
let collector: OtlpCollector;
const spans = () => collector.spans();
const attributeOf = (item: { attributes?: { key: string; value: unknown }[] }, key: string) =>
  item.attributes?.find((a) => a.key === key)?.value;
const attribute = (span: OtlpSpan, key: string) => attributeOf(span, key);

let traced: TestApp;
let untraced: TestApp;

beforeAll(async () => {
  collector = await startOtlpCollector();
  traced = await buildTestApp({
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: `${collector.url}/`, OTEL_SERVICE_NAME: 'concord-under-test' },
  });
  untraced = await buildTestApp();
});
afterAll(async () => {
  await traced.close();
  await untraced.close();
  await collector.close();
});

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN_ID = '00f067aa0ba902b7';

describe('OpenTelemetry traces', () => {
  it('exports a span per request, joined to the caller’s trace, and one per GraphQL operation under it', async () => {
    const response = await traced.graphql(
      'query AllianceNames { alliances { nodes { slug } } }',
      {},
      { headers: { traceparent: `00-${TRACE_ID}-${CALLER_SPAN_ID}-01` } },
    );
    expect(response.errors).toBeUndefined();
    await traced.app.telemetry.flush();

    const inTrace = spans().filter((s) => s.traceId === TRACE_ID);
    const request = inTrace.find((s) => s.parentSpanId === CALLER_SPAN_ID);
    expect(request).toBeDefined();
    const operation = inTrace.find((s) => s.parentSpanId === request?.spanId && s.name.startsWith('query '));
    // An operation name the portal does not use is labelled 'other', as in the metrics: names come from clients.
    expect(operation?.name).toBe('query other');
    expect(attribute(operation as OtlpSpan, 'graphql.operation.type')).toEqual({ stringValue: 'query' });
    const resource = collector.resources().at(-1);
    expect(resource).toContainEqual({ key: 'service.name', value: { stringValue: 'concord-under-test' } });
  });

  it('marks an operation that answers with errors, with their codes, and a refused document on its handler', async () => {
    const unauthenticated = 'a'.repeat(31) + '1';
    const refused = 'b'.repeat(31) + '2';
    const denied = await traced.graphql(
      'mutation SetLocale { setMyLocale(locale: "fr") { locale } }',
      {},
      { headers: { traceparent: `00-${unauthenticated}-${CALLER_SPAN_ID}-01` } },
    );
    expect(denied.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const invalid = await traced.graphql(
      '{ nope }',
      {},
      { headers: { traceparent: `00-${refused}-${CALLER_SPAN_ID}-01` } },
    );
    expect(invalid.errors?.length).toBeGreaterThan(0);
    await traced.app.telemetry.flush();

    const operation = spans().find((s) => s.traceId === unauthenticated && s.name === 'mutation other');
    expect(operation?.status?.code).toBe(2); // ERROR
    expect(attribute(operation as OtlpSpan, 'graphql.error.codes')).toEqual({
      arrayValue: { values: [{ stringValue: 'UNAUTHENTICATED' }] },
    });
    // A document that fails validation never runs: no operation span, and the handler's span says why.
    const inRefused = spans().filter((s) => s.traceId === refused);
    expect(inRefused.some((s) => /^(query|mutation) /.test(s.name))).toBe(false);
    const failed = inRefused.filter((s) => s.status?.code === 2);
    expect(failed.flatMap((s) => s.events ?? []).map((e) => attributeOf(e, 'exception.type'))).toContainEqual({
      stringValue: 'MER_ERR_GQL_VALIDATION',
    });
  });

  it('records nothing when no collector is configured', async () => {
    expect(untraced.app.telemetry.enabled).toBe(false);
    const span = untraced.app.telemetry.tracer.startSpan('probe');
    expect(span.isRecording()).toBe(false);
    span.end();
    const before = spans().length;
    await untraced.graphql('{ alliances { totalCount } }');
    await traced.app.telemetry.flush();
    expect(spans().length).toBe(before);
  });
});
