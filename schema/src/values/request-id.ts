/**
 * The request id that ties the log lines of one request together across the portal and the API (`X-Request-Id`).
 * An incoming one is kept when it is well formed, so that a proxy's id, or the portal's, reaches the API's log;
 * anything else (too long, or with characters a log line or a header should not carry) is replaced by a new one.
 * UUIDs, hexadecimal trace ids and ULIDs are all well formed.
 */
export const REQUEST_ID_HEADER = 'x-request-id';

const WELL_FORMED = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export function isWellFormedRequestId(value: unknown): value is string {
  return typeof value === 'string' && WELL_FORMED.test(value);
}

/**
 * A request's address as it goes into a log line: the value of every `token` parameter (log-in links, signature
 * confirmations and e-mail opt-outs carry their one-time secret there) is replaced, so that reading the logs never
 * lets anyone sign in as someone else. `/login/verify?token=abc&next=/account` → `/login/verify?token=…&next=/account`.
 */
export function loggableUrl(url: string): string {
  return url.replace(/([?&]token=)[^&#]*/gi, '$1…');
}

const TRACEPARENT = /^00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$/;
// tracestate: at most 32 list members of key=value (W3C Trace Context); a generous bound on its length.
const TRACESTATE = /^[\x20-\x7e]{1,512}$/;

/**
 * The W3C trace context of a request (`traceparent`, and `tracestate` with it), to pass on to the API so that the
 * API's spans join the caller's trace (services/api/src/telemetry.ts). Malformed values are dropped, not passed on.
 */
export function traceContextHeaders(get: (name: string) => string | null | undefined): Record<string, string> {
  const parent = get('traceparent');
  if (!parent || !TRACEPARENT.test(parent)) return {};
  const state = get('tracestate');
  return state && TRACESTATE.test(state) ? { traceparent: parent, tracestate: state } : { traceparent: parent };
}
