import {
  context,
  propagation,
  type Span,
  SpanStatusCode,
  type Tracer,
  type TracerProvider,
  trace,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { Config } from './config.ts';

/**
 * Traces through OpenTelemetry, off unless an OTLP endpoint is configured (OTEL_EXPORTER_OTLP_ENDPOINT or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT): then each process exports its spans over OTLP/HTTP (JSON) to a collector,
 * and a request that arrives with a W3C `traceparent` (from the portal, or a proxy) joins the caller's trace.
 * Off, every tracer is OpenTelemetry's no-op one and nothing is recorded.
 */
export interface Telemetry {
  readonly enabled: boolean;
  readonly tracer: Tracer;
  /** The provider behind `tracer`, for instrumentations that take one; OpenTelemetry's no-op one when off. */
  readonly provider: TracerProvider;
  /** Sends the spans still buffered; resolves when the collector has answered (or the export gave up). */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

const TRACER_NAME = '@concord/api';

let globalsSet = false;

/** One context manager and one propagator for the process, whatever the number of apps in it (tests build several). */
function setGlobals(): void {
  if (globalsSet) return;
  globalsSet = true;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
}

export function startTelemetry(config: Config): Telemetry {
  if (!config.tracing) {
    return {
      enabled: false,
      tracer: trace.getTracer(TRACER_NAME),
      provider: trace.getTracerProvider(),
      flush: async () => {},
      shutdown: async () => {},
    };
  }
  setGlobals();
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: config.tracing.serviceName,
      // Whether this process also runs jobs (RUN_WORKER): its spans then include the jobs'.
      'concord.runs_worker': config.runWorker,
    }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: config.tracing.url }))],
  });
  return {
    enabled: true,
    tracer: provider.getTracer(TRACER_NAME),
    provider,
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}

/**
 * Runs `work` inside a span named `name` (a child of the span in force, if any): ended when `work` settles,
 * marked as an error (with the exception recorded) when it throws.
 */
export async function inSpan<T>(
  tracer: Tracer,
  name: string,
  attributes: Record<string, string | number | boolean>,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work(span);
    } catch (err) {
      span.recordException(err instanceof Error ? err : String(err));
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw err;
    } finally {
      span.end();
    }
  });
}
