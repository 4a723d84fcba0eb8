import { error } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import type { TypedDocumentString } from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';

/**
 * The portal's only way to the data: typed GraphQL operations POSTed to the API. The API's refusals become
 * SvelteKit errors the pages know how to show: NOT_FOUND → 404, BAD_USER_INPUT → 400 with the API's message
 * and field, anything else (or no API at all) → 503 with a calm message and the details in the log.
 */

const DEFAULT_API_URL = 'http://127.0.0.1:3000/graphql';
// A page that waits longer than this for the API is better off saying so.
const TIMEOUT_MS = 10_000;

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
  return env.CONCORD_API_URL || DEFAULT_API_URL;
}

/**
 * Runs one operation. Pass the `fetch` a load function receives, so SvelteKit can track and reuse it.
 * Never returns partial data: any error in the response throws.
 */
export async function execute<TResult, TVariables>(
  fetch: typeof globalThis.fetch,
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
): Promise<TResult> {
  const query = document.toString();
  let response: Response;
  try {
    response = await fetch(apiUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (cause) {
    return unavailable('the API could not be reached', { url: apiUrl(), cause });
  }

  let body: GraphQLResponseBody<TResult>;
  try {
    body = (await response.json()) as GraphQLResponseBody<TResult>;
  } catch (cause) {
    return unavailable('the API did not answer with JSON', { status: response.status, cause });
  }

  const [first] = body.errors ?? [];
  if (first) {
    const code = first.extensions?.code;
    if (code === 'NOT_FOUND') error(404, { message: m.error_not_found(), code });
    if (code === 'BAD_USER_INPUT') {
      const field = first.extensions?.field;
      error(400, { message: readableMessage(first.message), code, ...(field ? { field } : {}) });
    }
    return unavailable('the API answered with errors', { status: response.status, errors: body.errors });
  }
  if (!response.ok || !body.data) {
    return unavailable('the API answered without data', { status: response.status });
  }
  return body.data;
}

/**
 * GraphQL's own wording for a variable it refused names the variable before the reason
 * ('Variable "$filter" got invalid value "XX" at "filter.country"; Value is not a valid country code: XX');
 * the reader filled in a form, not a variable, so they see the reason.
 */
export function readableMessage(message: string): string {
  const match = /^Variable "\$[^"]+" got invalid value .*?; (.+)$/s.exec(message);
  return match?.[1] ?? message;
}

function unavailable(reason: string, details: Record<string, unknown>): never {
  console.error({ msg: `GraphQL request failed: ${reason}`, ...details });
  error(503, { message: m.error_unavailable() });
}
