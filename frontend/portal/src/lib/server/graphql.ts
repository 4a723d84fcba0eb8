import { error } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import type { TypedDocumentString } from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import { deadlineFor, isMutation } from './api-deadline';
import { log } from './log';

/**
 * The portal's only way to the data: typed GraphQL operations POSTed to the API. `handleFetch` in
 * hooks.server.ts adds the browser's cookies and address to every one of them.
 *
 * - `request` answers with the data, or with the API's errors for a form action to show beside its fields;
 * - `execute` answers with the data or throws the error page that fits: NOT_FOUND → 404, BAD_USER_INPUT → 400
 *   with the API's message and field, UNAUTHENTICATED → 401, FORBIDDEN → 403, CONFLICT → 409,
 *   RATE_LIMITED → 429; anything else (or no API at all) → 503 with a calm message and the details in the log.
 */

const DEFAULT_API_URL = 'http://127.0.0.1:3000/graphql';

export interface ApiError {
  message: string;
  /** `extensions.code`: BAD_USER_INPUT, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT, RATE_LIMITED, … */
  code: string;
  /** For input errors: the argument at fault as a dotted path (`input.country`). */
  field?: string;
}

export type ApiResult<TResult> =
  | { data: TResult; errors?: undefined; headers: Headers }
  | { data?: undefined; errors: ApiError[]; headers: Headers };

interface GraphQLErrorBody {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: string; field?: string };
}

interface GraphQLResponseBody<TResult> {
  data?: TResult | null;
  errors?: readonly GraphQLErrorBody[];
}

export function apiUrl(): string {
  // The all-in-one process sets CONCORD_API_URL once it listens (it may learn its port only then), after
  // SvelteKit copied the environment into `env` at load time: so the live environment is read as well.
  return env.CONCORD_API_URL || process.env.CONCORD_API_URL || DEFAULT_API_URL;
}

/**
 * Runs one operation and answers with its data or its errors. Pass the `fetch` of the load or action, so
 * that the session cookie and the client's address go with it. An API that cannot be reached is a 503.
 */
export async function request<TResult, TVariables>(
  fetch: typeof globalThis.fetch,
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
): Promise<ApiResult<TResult>> {
  const query = document.toString();
  let response: Response;
  try {
    response = await fetch(apiUrl(), {
      method: 'POST',
      // GraphQL over HTTP's recommended Accept. Either answer is read the same way: by its body, whose errors
      // come with a 400 under the first type and a 200 under the second.
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json;q=0.9',
      },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(deadlineFor(query)),
    });
  } catch (cause) {
    // A change the API took but did not confirm in time may have been saved: the reader is told so, not that it
    // failed.
    const isUnconfirmed = cause instanceof Error && cause.name === 'TimeoutError' && isMutation(query);
    return unavailable('the API could not be reached', { url: apiUrl(), err: cause }, isUnconfirmed);
  }

  // The API refuses a body over its limit before reading it: the reader sent too much, the API is fine.
  if (response.status === 413) {
    return { errors: [{ message: m.error_too_large(), code: 'BAD_USER_INPUT' }], headers: response.headers };
  }
  let body: GraphQLResponseBody<TResult>;
  try {
    body = (await response.json()) as GraphQLResponseBody<TResult>;
  } catch (cause) {
    return unavailable('the API did not answer with JSON', { status: response.status, err: cause });
  }

  if (body.errors && body.errors.length > 0) {
    const errors = body.errors.map(
      (e): ApiError => ({
        message: readableMessage(e.message),
        code: e.extensions?.code ?? 'INTERNAL_SERVER_ERROR',
        ...(e.extensions?.field ? { field: e.extensions.field } : {}),
      }),
    );
    return { errors, headers: response.headers };
  }
  if (!response.ok || !body.data) {
    return unavailable('the API answered without data', { status: response.status });
  }
  return { data: body.data, headers: response.headers };
}

/** Runs one operation and answers with its data; any error becomes the error page that fits it. */
export async function execute<TResult, TVariables>(
  fetch: typeof globalThis.fetch,
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
): Promise<TResult> {
  const result = await request(fetch, document, variables);
  if (result.errors) return throwApiError(result.errors);
  return result.data;
}

const statusByCode: Record<string, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CONFLICT: 409,
  RATE_LIMITED: 429,
};

/** The error page for the first of the API's errors. */
export function throwApiError(errors: readonly ApiError[]): never {
  const [first] = errors;
  const code = first?.code;
  if (code === 'NOT_FOUND') error(404, { message: m.error_not_found(), code });
  const status = code ? statusByCode[code] : undefined;
  if (first && status) {
    const message =
      code === 'FORBIDDEN'
        ? m.error_forbidden()
        : code === 'UNAUTHENTICATED'
          ? m.error_unauthenticated()
          : first.message;
    error(status, { message, code: first.code, ...(first.field ? { field: first.field } : {}) });
  }
  return unavailable('the API answered with errors', { errors });
}

/**
 * GraphQL's own wording for a variable it refused names the variable or the type before the reason
 * ('Variable "$filter" got invalid value "XX" at "filter.country"; Value is not a valid country code: XX');
 * the reader filled in a form, not a variable, so they see the reason.
 */
export function readableMessage(message: string): string {
  const match = /^Variable "\$[^"]+" got invalid value .*?; (.+)$/s.exec(message);
  // Mercurius words a refused scalar 'Expected type "CountryCode". Value is not a valid country code: XX'.
  return (match?.[1] ?? message).replace(/^Expected type "[^"]+"\.\s*/, '');
}

function unavailable(reason: string, details: Record<string, unknown>, isUnconfirmed = false): never {
  log.error(details, `GraphQL request failed: ${reason}`);
  error(503, { message: isUnconfirmed ? m.error_unconfirmed() : m.error_unavailable() });
}
