import { isDatabaseUnavailable } from '@concord/db';
import type { FastifyBaseLogger } from 'fastify';
import { type ASTNode, type DocumentNode, type ExecutionResult, GraphQLError, Kind, parse, visit } from 'graphql';
import { DomainError } from '../errors.ts';
import { type GraphQLResponseType, LEGACY_JSON } from './http-protocol.ts';
import { QUERY_BUDGET } from './query-budget.ts';

export interface FormatOptions {
  /** The media type the answer goes out in (http-protocol.ts): it decides the status of a request error. */
  responseType: GraphQLResponseType;
  /** Leave graphql-js's "Did you mean …?" out of messages: they reveal the schema when introspection is off. */
  hideSuggestions: boolean;
}

/**
 * The one error path of the GraphQL API. Domain errors keep their code and field. Errors GraphQL raises
 * itself for input that does not fit the schema (a bad enum value, an invalid country code, a wrong type)
 * become BAD_USER_INPUT with the argument's path where it can be found. Everything else is an internal
 * error: logged in full, shown to the client without its message.
 *
 * The status follows GraphQL over HTTP. An executed request (its answer has `data`, even null) is 200. A
 * request error (nothing was executed: a syntax or validation error, variables that do not fit, a refusal
 * before execution) has no `data`, and is 400 as application/graphql-response+json, 200 as application/json;
 * a refusal of the HTTP request itself keeps its own status (405 for a mutation over GET), a fault on our
 * side before execution is 500, and the database out of reach before execution 503 (200 as application/json).
 */
export function formatGraphQLErrors(
  execution: ExecutionResult & { errors: readonly GraphQLError[] },
  log: FastifyBaseLogger,
  { responseType, hideSuggestions }: FormatOptions,
): { statusCode: number; response: ExecutionResult } {
  // Mercurius wraps what it refuses before execution in one error whose `errors` are the real ones.
  const flattened = execution.errors.flatMap((error) => {
    const httpStatus = httpStatusOf(error.originalError);
    const nested = (error.originalError as { errors?: unknown } | undefined)?.errors;
    const errors = Array.isArray(nested) ? nested.map(toGraphQLError) : [error];
    return errors.map((e) => ({ error: e, httpStatus }));
  });
  const errors = flattened.map(({ error, httpStatus }) => classify(error, log, { httpStatus, hideSuggestions }));
  if (execution.data !== undefined) return { statusCode: 200, response: { data: execution.data, errors } };
  const httpStatus = flattened.find((e) => e.httpStatus !== undefined)?.httpStatus;
  const codes = new Set(errors.map((e) => e.extensions?.code));
  const isGraphQLResponse = responseType !== LEGACY_JSON;
  return {
    statusCode: codes.has('INTERNAL_SERVER_ERROR')
      ? 500
      : // The database out of reach before execution: not the client's fault, and worth sending again.
        codes.has('SERVICE_UNAVAILABLE') && isGraphQLResponse
        ? 503
        : (httpStatus ?? (isGraphQLResponse ? 400 : 200)),
    // The GraphQL specification: a request error's answer has no `data` entry.
    response: { errors },
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

function classify(
  error: GraphQLError,
  log: FastifyBaseLogger,
  { httpStatus, hideSuggestions }: { httpStatus: number | undefined; hideSuggestions: boolean },
): GraphQLError {
  const original = error.originalError;
  if (original instanceof DomainError) {
    return withExtensions(error, error.message, {
      code: original.code,
      ...(original.field ? { field: original.field } : {}),
    });
  }
  if (httpStatus !== undefined) {
    // Refused by Mercurius or Fastify before execution (a mutation over GET, a body that is not JSON).
    return withExtensions(error, error.message, { code: 'BAD_REQUEST' });
  }
  if (!original || original instanceof GraphQLError || isScalarError(error)) {
    // Raised by graphql-js while parsing, validating or coercing the request.
    const field = fieldOf(error);
    const message = hideSuggestions ? withoutSuggestions(error.message) : error.message;
    return withExtensions(error, message, { code: 'BAD_USER_INPUT', ...(field ? { field } : {}) });
  }
  if (isDatabaseUnavailable(original)) {
    // PostgreSQL restarting or out of reach: nothing was written (the transaction did not commit); try again.
    log.warn({ err: original, path: error.path }, 'database unavailable');
    return withExtensions(error, 'The register is unavailable for a moment; please try again shortly.', {
      code: 'SERVICE_UNAVAILABLE',
    });
  }
  log.error({ err: original, path: error.path }, 'GraphQL resolver failed');
  return withExtensions(error, 'Internal error: the request could not be completed.', {
    code: 'INTERNAL_SERVER_ERROR',
  });
}

/**
 * The status of an HTTP refusal before execution (Mercurius's 405 for a mutation over GET, Fastify's 400
 * for a body that is not JSON, 413, 415). Mercurius's MER_ERR_GQL_VALIDATION carries 400 as well, but wraps
 * GraphQL's own request errors, whose status the media type decides.
 */
function httpStatusOf(error: Error | undefined): number | undefined {
  const { statusCode, code } = (error ?? {}) as { statusCode?: unknown; code?: unknown };
  if (code === 'MER_ERR_GQL_VALIDATION') return undefined;
  return typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500 ? statusCode : undefined;
}

/** graphql-js's suggestions (didYouMean): ` Did you mean "x", "y", or "z"?`, ` Did you mean the enum value "X"?`. */
const SUGGESTION = / Did you mean (?:[a-z]+(?: [a-z]+)* )?"[^"]*"(?:(?:, |,? or )"[^"]*")*\?/g;

export function withoutSuggestions(message: string): string {
  return message.replace(SUGGESTION, '');
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
