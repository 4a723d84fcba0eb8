import { context as otelContext, type Span, SpanStatusCode } from '@opentelemetry/api';
import type { FastifyInstance } from 'fastify';

/**
 * A span for each GraphQL operation that runs, a child of its request's span: named by the operation's type and
 * label (`query SignatoryList`; the bounded label of operation-label.ts, as the metrics use), marked as an error
 * when the result carries errors, with their `extensions.code`s. Only when tracing is on (telemetry.ts).
 */
export function traceGraphQLOperations(app: FastifyInstance): void {
  if (!app.telemetry.enabled) return;
  const spans = new WeakMap<object, Span>();
  app.graphql.addHook('preExecution', async (_schema, _document, context) => {
    const request = context.reply?.request;
    const label = request?.graphqlOperation;
    const parent = request?.opentelemetry().context ?? otelContext.active();
    const span = app.telemetry.tracer.startSpan(
      label ? `${label.type} ${label.operation}` : 'graphql operation',
      {
        attributes: {
          'graphql.operation.type': label?.type ?? 'unknown',
          'graphql.operation.name': label?.operation ?? 'anonymous',
        },
      },
      parent,
    );
    spans.set(context, span);
  });
  app.graphql.addHook('onResolution', async (execution, context) => {
    const span = spans.get(context);
    if (!span) return;
    spans.delete(context);
    const errors = execution.errors ?? [];
    if (errors.length > 0) {
      span.setStatus({ code: SpanStatusCode.ERROR });
      span.setAttribute(
        'graphql.error.codes',
        errors.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR')),
      );
    }
    span.end();
  });
}
