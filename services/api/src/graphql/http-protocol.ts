import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * GraphQL over HTTP (the GraphQL Foundation's specification, current working draft): which media type an
 * answer is sent as, and the envelope's shape. The status codes that follow from the media type are decided
 * in error-formatter.ts; docs/errors.md lists them.
 */

/** The preferred type: its status codes say whether the request was executed (4xx when it was not). */
export const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';
/** The legacy type: 200 for every well-formed request, because a 4xx may come from any proxy on the way. */
export const LEGACY_JSON = 'application/json';
export type GraphQLResponseType = typeof GRAPHQL_RESPONSE_JSON | typeof LEGACY_JSON;

declare module 'fastify' {
  interface FastifyRequest {
    /** The media type negotiated from `Accept` for a GraphQL request over HTTP; null elsewhere. */
    graphqlResponseType: GraphQLResponseType | null;
  }
}

/** The route Mercurius serves GraphQL on: matched by Fastify's router, so `/%67raphql` is it too. */
export const isGraphQLRoute = (request: FastifyRequest) => request.routeOptions.url === '/graphql';

/** A WebSocket upgrade on /graphql carries subscriptions; the HTTP rules do not apply to it. */
export const isWebSocketUpgrade = (request: FastifyRequest) =>
  (request.headers.upgrade ?? '').toLowerCase() === 'websocket';

/**
 * Whether a WebSocket upgrade on /graphql may go on. A browser always says which page opened it (`Origin`):
 * only PUBLIC_URL's origin is accepted, and outside production a loopback origin too (the portal's `vite dev`
 * on another port). Without `Origin` the client is not a browser, and no cookie of a visitor comes with it.
 */
export function isAllowedWebSocketOrigin(
  origin: string | undefined,
  config: { origin: string; env: 'development' | 'production' | 'test' },
): boolean {
  if (origin === undefined) return true;
  if (origin === config.origin) return true;
  if (config.env === 'production') return false;
  try {
    const { hostname } = new URL(origin);
    return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
  } catch {
    return false;
  }
}

interface MediaRange {
  type: string;
  q: number;
  charset: string | undefined;
  position: number;
}

function parseAccept(header: string): MediaRange[] {
  return header.split(',').flatMap((part, position) => {
    const [type = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    if (!type.includes('/')) return [];
    let q = 1;
    let charset: string | undefined;
    for (const param of params) {
      const [name, value = ''] = param.split('=').map((p) => p.trim().replace(/^"|"$/g, ''));
      if (name === 'q') q = Number.isFinite(Number(value)) ? Math.min(1, Math.max(0, Number(value))) : 0;
      if (name === 'charset') charset = value;
    }
    return [{ type, q, charset, position }];
  });
}

/** How well `range` matches `type`: 3 exact, 2 `application/*`, 1 `*\/*`, 0 not at all. */
function specificity(range: MediaRange, type: string): number {
  if (range.charset !== undefined && range.charset !== 'utf-8') return 0;
  if (range.type === type) return 3;
  if (range.type === 'application/*') return 2;
  return range.type === '*/*' ? 1 : 0;
}

/**
 * The media type to answer in, from the request's `Accept`: the supported type with the highest quality,
 * each type judged by the most specific range that names it; between equals, the one listed first, and for
 * a wildcard the preferred type. No `Accept` at all is read as the preferred type (the specification's
 * default since 2025-01-01). Null when neither type is acceptable: the answer is then 406.
 */
export function negotiateResponseType(accept: string | undefined): GraphQLResponseType | null {
  if (accept === undefined || accept.trim() === '') return GRAPHQL_RESPONSE_JSON;
  const ranges = parseAccept(accept);
  const candidates = ([GRAPHQL_RESPONSE_JSON, LEGACY_JSON] as const).flatMap((type, preference) => {
    let best: { range: MediaRange; specificity: number } | undefined;
    for (const range of ranges) {
      const s = specificity(range, type);
      if (s > (best?.specificity ?? 0)) best = { range, specificity: s };
    }
    if (!best || best.range.q === 0) return [];
    // A wildcard names no type: the order in the header then says nothing, and our preference decides.
    const position = best.specificity === 3 ? best.range.position : Number.MAX_SAFE_INTEGER;
    return [{ type, q: best.range.q, position, preference }];
  });
  candidates.sort((a, b) => b.q - a.q || a.position - b.position || a.preference - b.preference);
  return candidates[0]?.type ?? null;
}

/** A Fastify onRequest hook for the GraphQL route: picks the answer's media type, or answers 406. */
export async function negotiateGraphQLResponse(request: FastifyRequest, reply: FastifyReply) {
  if (!isGraphQLRoute(request) || isWebSocketUpgrade(request)) return;
  const type = negotiateResponseType(request.headers.accept);
  if (type) {
    request.graphqlResponseType = type;
    return;
  }
  return reply
    .code(406)
    .type(`${LEGACY_JSON}; charset=utf-8`)
    .send({
      errors: [
        {
          message: `GraphQL answers are sent as ${GRAPHQL_RESPONSE_JSON} or ${LEGACY_JSON}; the request's Accept header allows neither.`,
          extensions: { code: 'BAD_REQUEST' },
        },
      ],
    });
}

/**
 * A Fastify onSend hook for the GraphQL route: labels a JSON answer with the negotiated media type, and a
 * 405 (a mutation over GET) with the methods the route takes.
 */
export async function labelGraphQLResponse(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  if (!request.graphqlResponseType) return payload;
  if (reply.statusCode === 405) reply.header('allow', 'GET, POST');
  const type = String(reply.getHeader('content-type') ?? '');
  if (type.startsWith(LEGACY_JSON)) reply.header('content-type', `${request.graphqlResponseType}; charset=utf-8`);
  return payload;
}

/**
 * A Fastify preValidation hook for the GraphQL route: `null` for an optional parameter means that it was
 * not given (the specification's note), and so does an empty `operationName` over GET. Mercurius's own body
 * schema would refuse `"extensions": null`.
 */
export async function dropAbsentParameters(request: FastifyRequest) {
  if (!isGraphQLRoute(request) || isWebSocketUpgrade(request)) return;
  const envelope = (request.method === 'GET' ? request.query : request.body) as Record<string, unknown> | null;
  if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) return;
  for (const name of ['operationName', 'variables', 'extensions']) {
    if (envelope[name] === null) delete envelope[name];
  }
  if (request.method === 'GET' && envelope.operationName === '') delete envelope.operationName;
}
