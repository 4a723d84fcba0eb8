import type { FastifyBaseLogger } from 'fastify';
import { type ASTNode, type DocumentNode, type ExecutionResult, GraphQLError, Kind, parse, visit } from 'graphql';
import { DomainError } from '../errors.ts';
import { QUERY_BUDGET } from './query-budget.ts';

/**
 * The one error path of the GraphQL API. Domain errors keep their code and field. Errors GraphQL raises
 * itself for input that does not fit the schema (a bad enum value, an invalid country code, a wrong type)
 * become BAD_USER_INPUT with the argument's path where it can be found. Everything else is an internal
 * error: logged in full, shown to the client without its message.
 */
export function formatGraphQLErrors(
  execution: ExecutionResult & { errors: readonly GraphQLError[] },
  log: FastifyBaseLogger,
): { statusCode: number; response: ExecutionResult } {
  const flattened = execution.errors.flatMap((error) => {
    const nested = (error.originalError as { errors?: unknown } | undefined)?.errors;
    return Array.isArray(nested) ? nested.map(toGraphQLError) : [error];
  });
  const errors = flattened.map((error) => classify(error, log));
  const isInputOnly =
    !execution.data && errors.every((e) => ['BAD_USER_INPUT', 'BAD_REQUEST'].includes(String(e.extensions?.code)));
  const requestStatus = flattened.map((e) => httpStatusOf(e.originalError)).find((s) => s !== undefined);
  return {
    // A request that could not be executed because of its input is the client's fault (400); partial data is 200.
    statusCode: execution.data ? 200 : (requestStatus ?? (isInputOnly ? 400 : 200)),
    response: { data: execution.data ?? null, errors },
  };
}

/** Validation errors may come from another copy of graphql-js, so `instanceof` is not enough. */
function toGraphQLError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  if (error instanceof Error && error.name === 'GraphQLError') {
    const e = error as GraphQLError;
    return new GraphQLError(e.message, {
      nodes: e.nodes ?? null,
      source: e.source ?? null,
      positions: e.positions ?? null,
      path: e.path ?? null,
      originalError: e.originalError ?? null,
    });
  }
  return new GraphQLError(error instanceof Error ? error.message : String(error));
}

function classify(error: GraphQLError, log: FastifyBaseLogger): GraphQLError {
  const original = error.originalError;
  if (original instanceof DomainError) {
    return withExtensions(error, error.message, {
      code: original.code,
      ...(original.field ? { field: original.field } : {}),
    });
  }
  if (httpStatusOf(original) !== undefined) {
    // Refused by Mercurius before execution (CSRF prevention, a mutation over GET): the client's request is wrong.
    return withExtensions(error, original?.message ?? error.message, { code: 'BAD_REQUEST' });
  }
  if (!original || original instanceof GraphQLError || isScalarError(error)) {
    // Raised by graphql-js while parsing, validating or coercing the request.
    const field = fieldOf(error);
    return withExtensions(error, error.message, { code: 'BAD_USER_INPUT', ...(field ? { field } : {}) });
  }
  log.error({ err: original, path: error.path }, 'GraphQL resolver failed');
  return withExtensions(error, 'Internal error: the request could not be completed.', {
    code: 'INTERNAL_SERVER_ERROR',
  });
}

function httpStatusOf(error: Error | undefined): number | undefined {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

function isScalarError(error: GraphQLError): boolean {
  return error.path === undefined && /got invalid value|Expected value of type|Expected type/.test(error.message);
}

function withExtensions(error: GraphQLError, message: string, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, {
    nodes: error.nodes ?? null,
    source: error.source ?? null,
    positions: error.positions ?? null,
    path: error.path ?? null,
    extensions,
  });
}

/** `filter.country` for both `Variable "$filter" got invalid value … at "filter.country"` and inline literals. */
function fieldOf(error: GraphQLError): string | undefined {
  const fromVariable = /Variable "\$(\w+)" got invalid value .*? at "\w+\.([\w.[\]]+)"/.exec(error.message);
  if (fromVariable) return fromVariable[2] ? `${fromVariable[1]}.${fromVariable[2]}` : fromVariable[1];
  const wholeVariable = /Variable "\$(\w+)"/.exec(error.message);
  const node = error.nodes?.[0];
  if (node?.loc && error.source) return argumentPathAt(error.source.body, node.loc.start) ?? wholeVariable?.[1];
  const argument = /argument "(\w+)"/.exec(error.message);
  return argument?.[1] ?? wholeVariable?.[1];
}

/**
 * The request's document, parsed once however many errors point into it (validation may report 20 of them,
 * and parsing again for each was what let one large query hold the process).
 */
const parsed = new Map<string, DocumentNode | null>();

function parsedOnce(body: string): DocumentNode | null {
  if (!parsed.has(body)) {
    parsed.clear();
    try {
      parsed.set(body, parse(body, { maxTokens: QUERY_BUDGET.maxTokens }));
    } catch {
      parsed.set(body, null);
    }
  }
  return parsed.get(body) ?? null;
}

/** Walks the request's AST to name the argument (and input fields) enclosing the offending value. */
function argumentPathAt(body: string, offset: number): string | undefined {
  const document = parsedOnce(body);
  if (!document) return undefined;
  let found: string | undefined;
  try {
    visit(document, {
      enter(node: ASTNode, _key, parent, _path, ancestors) {
        if (found || !node.loc || node.loc.start !== offset) return;
        // graphql-js leaves the direct parent out of `ancestors`.
        const names = [...ancestors, parent]
          .filter((a): a is ASTNode => !Array.isArray(a) && typeof a === 'object' && a !== null && 'kind' in a)
          .filter((a) => a.kind === Kind.ARGUMENT || a.kind === Kind.OBJECT_FIELD)
          .map((a) => (a.kind === Kind.ARGUMENT || a.kind === Kind.OBJECT_FIELD ? a.name.value : ''));
        if (names.length > 0) found = names.join('.');
      },
    });
  } catch {
    return undefined;
  }
  return found;
}
