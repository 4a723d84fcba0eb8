import { createRequire } from 'node:module';
import { isStorableText, text } from '@concord/schema/values';
import type { FastifyReply, FastifyRequest } from 'fastify';
import * as graphql from 'graphql';
import { type DocumentNode, type GraphQLSchema, Kind, type ValueNode, visit } from 'graphql';
import { badInput } from '../errors.ts';
import { LEGACY_JSON } from './http-protocol.ts';
import { checkQueryText, QUERY_BUDGET } from './query-budget.ts';

/**
 * Guards in front of the resolvers, for what no field can accept: a request body whose `query` is not a
 * string, and text that cannot be stored at all (NUL, lone UTF-16 surrogates) in any argument, whether sent
 * in a variable or written in the query. Each field's own rule (`text()` of @concord/schema/values, through
 * lib/validate.ts) still decides what that field accepts; this only makes sure nothing unstorable reaches a
 * resolver, a cursor or a database query, where it would fail as an internal error.
 */

/**
 * graphql-js may be loaded twice: Mercurius requires its CommonJS build, while a test runner or bundler may
 * give `import 'graphql'` the ES module build. Their `instanceof` checks refuse each other's objects, so the
 * functions used on Mercurius's schema and documents come from the copy that made them.
 */
const commonJs = createRequire(import.meta.url)('graphql') as typeof graphql;
const graphqlOf = (schema: GraphQLSchema): typeof graphql =>
  schema instanceof commonJs.GraphQLSchema ? commonJs : graphql;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function refuse(reply: FastifyReply, field: string, message: string) {
  return reply.code(400).send({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT', field } }] });
}

/** Levels of lists and objects a variables or extensions value may have; an input of the schema needs five. */
export const MAX_JSON_NESTING = 32;

/**
 * Whether a JSON value nests lists and objects deeper than `max` (the value itself is level 1). Walked with a
 * stack of its own: graphql-js coerces variables recursively, and 100,000 levels overflowed its stack.
 */
export function isNestedTooDeep(value: unknown, max = MAX_JSON_NESTING): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, level] = next;
    if (typeof item !== 'object' || item === null) continue;
    if (level > max) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) pending.push([child, level + 1]);
  }
  return false;
}

/**
 * `variables` or `extensions` as the request gives them (over GET as JSON text): absent, the object, or
 * refused when it is not an object or nests too deep.
 */
function objectParameter(value: unknown, isJsonText: boolean): 'absent' | 'object' | 'refused' | 'too deep' {
  let parsed = value;
  if (isJsonText && typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return 'refused';
    }
  }
  if (parsed === undefined || parsed === null) return 'absent';
  if (!isPlainObject(parsed)) return 'refused';
  return isNestedTooDeep(parsed) ? 'too deep' : 'object';
}

/**
 * A fastify preValidation hook for /graphql: the request is a well-formed GraphQL-over-HTTP request (a JSON
 * object with a string `query`, object `variables` and `extensions`, a string `operationName`), else 400
 * whatever the media type. What passes here is well-formed, so that a GraphQL error after it is a request
 * error. It runs before Fastify's schema validation, which would turn `"query": 5` into `"5"`.
 */
export async function refuseMalformedEnvelope(request: FastifyRequest, reply: FastifyReply) {
  const isGet = request.method === 'GET';
  const envelope = isGet ? request.query : request.body;
  if (!isPlainObject(envelope)) {
    return refuse(
      reply,
      'query',
      'The request body must be a JSON object such as {"query": "{ alliances { totalCount } }"}.',
    );
  }
  const { query, variables, operationName, extensions } = envelope;
  if (query === undefined || query === null || query === '') {
    return refuse(reply, 'query', 'The request has no query: send a GraphQL document as "query".');
  }
  if (typeof query !== 'string') {
    return refuse(reply, 'query', 'The query must be a GraphQL document written as a string.');
  }
  if (operationName !== undefined && typeof operationName !== 'string') {
    return refuse(reply, 'operationName', 'The operation name must be a string.');
  }
  for (const [name, value] of [
    ['variables', variables],
    ['extensions', extensions],
  ] as const) {
    const is = objectParameter(value, isGet);
    if (is === 'refused') {
      const example = name === 'variables' ? ', such as {"slug": "circular-plastics"}' : '';
      return refuse(reply, name, `The ${name} must be a JSON object${example}.`);
    }
    if (is === 'too deep') {
      return refuse(reply, name, `The ${name} are nested more than ${MAX_JSON_NESTING} levels deep.`);
    }
  }
  if (isGet) return refuseUnknownGetOperation(request, reply, query, operationName);
}

/**
 * Over GET, Mercurius looks up the operation to refuse a mutation (405) and fails when there is none to
 * find (an operationName that is not in the document, or several operations and no name). This finds it
 * first, within the query budget, and answers as graphql-js would: a request error.
 */
function refuseUnknownGetOperation(
  request: FastifyRequest,
  reply: FastifyReply,
  query: string,
  operationName: string | undefined,
) {
  let document: DocumentNode;
  try {
    checkQueryText(query);
    document = graphql.parse(query, { maxTokens: QUERY_BUDGET.maxTokens });
  } catch {
    return; // Mercurius refuses it with the same error, and its position.
  }
  if (graphql.getOperationAST(document, operationName)) return;
  const message = operationName
    ? `Unknown operation named "${operationName}".`
    : 'Must provide operation name if query contains multiple operations.';
  return reply
    .code(request.graphqlResponseType === LEGACY_JSON ? 200 : 400)
    .send({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT', field: 'operationName' } }] });
}

/**
 * A Mercurius preValidation hook. When a query string is not GraphQL, Mercurius tries it as a JSON-encoded
 * document, so `"12345"` or `"{}"` would reach validation as a number or an empty object and fail there as an
 * internal error. Only what the GraphQL parser produced (its nodes carry a parser `Location`) goes on.
 */
export async function refuseUnparsedDocument(_schema: unknown, document: unknown): Promise<void> {
  const loc = typeof document === 'object' && document !== null ? (document as { loc?: unknown }).loc : undefined;
  if (!(loc instanceof commonJs.Location || loc instanceof graphql.Location)) {
    throw badInput('query', 'The query must be a GraphQL document, such as "{ alliances { nodes { name } } }".');
  }
}

/** The first unstorable string under a JSON value, with its path below `path`. */
function findInJson(value: unknown, path: string): { path: string; value: string } | null {
  if (typeof value === 'string') return isStorableText(value) ? null : { path, value };
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findInJson(item, `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      const found = findInJson(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

function findInLiteral(
  node: ValueNode,
  path: string,
  variables: Record<string, unknown>,
): { path: string; value: string } | null {
  switch (node.kind) {
    case Kind.STRING:
      return isStorableText(node.value) ? null : { path, value: node.value };
    case Kind.VARIABLE:
      return findInJson(variables[node.name.value], path);
    case Kind.LIST:
      for (const [i, item] of node.values.entries()) {
        const found = findInLiteral(item, `${path}[${i}]`, variables);
        if (found) return found;
      }
      return null;
    case Kind.OBJECT:
      for (const field of node.fields) {
        const found = findInLiteral(field.value, `${path}.${field.name.value}`, variables);
        if (found) return found;
      }
      return null;
    default:
      return null;
  }
}

/**
 * A Mercurius preExecution hook: refuses the request when any argument holds a NUL or a lone surrogate,
 * naming the argument as a client wrote it (`input.legalName`, `filter.search`), not the variable. Then it
 * coerces the variables as graphql-js does: Mercurius skips that on the request that compiles a query with
 * graphql-jit, whose own messages name an input field without its path ("$reviewEmails" for
 * `input.reviewEmails`). Coercing here gives every request the same answer, whichever run it is.
 */
export async function refuseUnstorableText(
  schema: GraphQLSchema,
  document: DocumentNode,
  context: { reply?: FastifyReply },
  variables: Record<string, unknown> | undefined,
): Promise<void> {
  const hits: { path: string; value: string }[] = [];
  visit(document, {
    Argument(node) {
      const hit = hits.length === 0 ? findInLiteral(node.value, node.name.value, variables ?? {}) : null;
      if (hit) hits.push(hit);
    },
  });
  // A variable the document never uses is not an argument; it still must not be stored anywhere.
  const found = hits[0] ?? findInJson(variables ?? {}, '$');
  if (found) {
    const { path, value } = found;
    const checked = text(value, { max: Number.MAX_SAFE_INTEGER, isMultiline: true });
    throw badInput(path.replace(/^\$\./, ''), checked.ok ? 'The text cannot be stored.' : checked.message);
  }
  const { getOperationAST, getVariableValues } = graphqlOf(schema);
  const operation = getOperationAST(document, operationNameOf(context.reply?.request));
  if (!operation) return;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, { maxErrors: 1 });
  // Thrown as graphql-js raised it, so that the error formatter names the field as for every other request.
  if (coerced.errors?.[0]) throw coerced.errors[0];
}

function operationNameOf(request: FastifyRequest | undefined): string | undefined {
  const envelope = request?.method === 'GET' ? request.query : request?.body;
  const name = isPlainObject(envelope) ? envelope.operationName : undefined;
  return typeof name === 'string' ? name : undefined;
}

/**
 * Mercurius parses a subscription sent over the WebSocket but does not validate it against the schema: an unknown
 * field, a missing argument or an introspection field would go to graphql-js's subscribe(), which assumes a valid
 * document. This runs the same rules as a request over HTTP (graphql-js's own, then ours) before it starts.
 */
export function validateSubscription(
  schema: GraphQLSchema,
  document: DocumentNode,
  rules: readonly graphql.ValidationRule[],
  options: { hideSuggestions: boolean },
): void {
  const g = graphqlOf(schema);
  const errors = g.validate(schema, document, [...g.specifiedRules, ...rules], {
    maxErrors: 20,
    hideSuggestions: options.hideSuggestions,
  } as { maxErrors: number });
  if (errors.length > 0) {
    throw new g.GraphQLError(errors.map((e) => e.message).join(' '), {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
}
