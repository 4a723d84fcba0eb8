import websocket from '@fastify/websocket';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type ASTVisitor, GraphQLError, type ValidationContext } from 'graphql';
import mercurius, { type IResolvers } from 'mercurius';
import type { GraphQLContext } from '../graphql/context.ts';
import { formatGraphQLErrors } from '../graphql/error-formatter.ts';
import {
  dropAbsentParameters,
  GRAPHQL_RESPONSE_JSON,
  isAllowedWebSocketOrigin,
  isGraphQLRoute,
  isWebSocketUpgrade,
  labelGraphQLResponse,
  negotiateGraphQLResponse,
} from '../graphql/http-protocol.ts';
import { listenForLiveEvents } from '../graphql/live-events.ts';
import { loaderResolvers, uncachedLoaders } from '../graphql/loaders.ts';
import { operationLabel } from '../graphql/operation-label.ts';
import { checkDocumentShape, checkQueryText, QUERY_BUDGET } from '../graphql/query-budget.ts';
import {
  refuseMalformedEnvelope,
  refuseUnparsedDocument,
  refuseUnstorableText,
  validateSubscription,
} from '../graphql/request-guard.ts';
import { executableSchema, loadersOf, resolversOf } from '../graphql/schema.ts';
import { traceGraphQLOperations } from '../graphql/tracing.ts';
import type { ConcordModule } from '../modules/module.ts';

declare module 'mercurius' {
  interface MercuriusContext extends GraphQLContext {}
}

/** Deeper queries than this have no use in the portal and are a cheap way to make the server work hard. */
export const MAX_QUERY_DEPTH = 10;
/** Aliases let one request repeat an expensive field many times; a real client needs a handful. */
export const MAX_ALIASES = 30;

function aliasLimit(context: ValidationContext): ASTVisitor {
  let aliases = 0;
  return {
    Field(node) {
      if (node.alias && ++aliases === MAX_ALIASES + 1) {
        context.reportError(new GraphQLError(`A request may use at most ${MAX_ALIASES} aliases.`, { nodes: [node] }));
      }
    },
  };
}

/**
 * CSRF protection for cookie sessions: a POST must be JSON (a cross-site page can only send JSON after a
 * CORS preflight, which this server never grants). With SameSite=Lax cookies that closes the door. GET
 * cannot run mutations (Mercurius refuses them) and the WebSocket carries only subscriptions (they change nothing),
 * opened from our own origin (verifyClient below), so a page elsewhere cannot use a reader's session through it.
 * Mercurius's own csrfPrevention would also refuse the WebSocket upgrade, hence this hook.
 */
async function refuseSimplePosts(request: FastifyRequest, reply: FastifyReply) {
  if (request.method !== 'POST') return;
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json' || type === 'application/graphql') return;
  return reply.code(400).send({
    errors: [
      {
        message: 'GraphQL requests must be sent as application/json (cross-site form posts are refused).',
        extensions: { code: 'BAD_REQUEST' },
      },
    ],
  });
}

/** The GraphQL API of the modules it is given: their resolvers and loaders over the one SDL. */
export const graphqlPlugin = fp(
  async (app: FastifyInstance, { modules }: { modules: readonly ConcordModule[] }) => {
    // GraphQL over HTTP (http-protocol.ts): the answer's media type, absent parameters, a well-formed envelope.
    app.decorateRequest('graphqlResponseType', null);
    app.addHook('onRequest', negotiateGraphQLResponse);
    app.addHook('onRequest', async (request, reply) => {
      // The route Fastify matched, not the raw URL: `POST /%67raphql` reaches GraphQL as well.
      if (isGraphQLRoute(request)) return refuseSimplePosts(request, reply);
    });
    app.addHook('preValidation', dropAbsentParameters);
    app.addHook('preValidation', async (request, reply) => {
      if (isGraphQLRoute(request) && !isWebSocketUpgrade(request)) return refuseMalformedEnvelope(request, reply);
    });
    app.addHook('onSend', labelGraphQLResponse);
    // Suggestions ("Did you mean …?") would reveal the schema that introspection keeps closed.
    const hideSuggestions = !app.config.isGraphiqlEnabled;
    const validationRules = app.config.isGraphiqlEnabled ? [aliasLimit] : [aliasLimit, noIntrospection];
    // Registered here rather than by Mercurius, for two options of ours: a browser's WebSocket may come only
    // from our own origin, and a message is at most what the query budget admits (Mercurius parses a
    // subscription before any hook can see it, and would accept 1 MiB).
    await app.register(websocket, {
      options: {
        maxPayload: QUERY_BUDGET.maxLength + 16_384,
        verifyClient: (info: { origin?: string }, next: (ok: boolean, status?: number, message?: string) => void) =>
          isAllowedWebSocketOrigin(info.origin, app.config)
            ? next(true)
            : next(false, 403, 'WebSocket connections are accepted from this site only.'),
      },
    });
    const liveEvents = await listenForLiveEvents(app.database, app.log, (notice) =>
      modules.flatMap((module) => module.liveRelay?.(notice) ?? []),
    );
    // Before the database closes (onClose).
    app.addHook('preClose', () => liveEvents.close());
    await app.register(mercurius, {
      schema: executableSchema(),
      // Resolver types come from codegen; Mercurius takes a looser shape. The loaders are batched by our own
      // resolvers rather than Mercurius's `loaders` option, which serialises every parent to key its cache.
      resolvers: mergeByType(resolversOf(modules) as IResolvers, loaderResolvers(loadersOf(modules)) as IResolvers),
      context: (request, reply) => buildContext(app, request, reply),
      subscription: {
        // Events reach the subscriptions of every API process through the database (live-events.ts).
        emitter: liveEvents.emitter,
        // The session is the WebSocket's (its upgrade request carried the cookie): a subscription checks the rights it
        // needs when it starts, as a query would. The context lasts as long as the connection, so loader answers
        // are not kept from one event to the next.
        context: (_socket, request) => ({
          db: app.database.db,
          log: app.log,
          config: app.config,
          actor: () => request.actor(),
          [uncachedLoaders]: true,
        }),
      },

      graphiql: app.config.isGraphiqlEnabled,
      // Compile a query to JavaScript after its first use, and keep parsed queries: the hot path of the register.
      jit: 1,
      cache: 1024,
      queryDepth: MAX_QUERY_DEPTH,
      // checkQueryText has counted the tokens already; the parser's own limit is the second line.
      graphql: {
        parseOptions: { maxTokens: QUERY_BUDGET.maxTokens },
        // hideSuggestions is graphql-js 16.11's; Mercurius passes the options to validate() as they are.
        validateOptions: { maxErrors: 20, hideSuggestions } as { maxErrors: number },
      },
      allowBatchedQueries: false,
      validationRules,
      errorFormatter: (execution, context) => {
        const formatted = formatGraphQLErrors(execution, context.reply?.log ?? app.log, {
          responseType: context.reply?.request.graphqlResponseType ?? GRAPHQL_RESPONSE_JSON,
          hideSuggestions,
        });
        if (context.reply) {
          // For the metrics: which errors this answer carried.
          context.reply.request.graphqlErrorCodes = (formatted.response.errors ?? []).map((e) =>
            String(e.extensions?.code ?? 'UNKNOWN'),
          );
        }
        return formatted;
      },
    });
    // The query budget (query-budget.ts): the text before it is parsed, the tree before it is validated.
    app.graphql.addHook('preParsing', async (_schema, source) => checkQueryText(source));
    app.graphql.addHook('preSubscriptionParsing', async (_schema, source) => checkQueryText(source));
    app.graphql.addHook('preSubscriptionExecution', async (schema, document) => {
      checkDocumentShape(document);
      validateSubscription(schema, document, validationRules, { hideSuggestions });
    });
    app.graphql.addHook('preValidation', refuseUnparsedDocument);
    app.graphql.addHook('preValidation', async (_schema, document) => checkDocumentShape(document));
    app.graphql.addHook('preExecution', refuseUnstorableText);
    // For the metrics: the operation that runs, under a name from a bounded set (operation-label.ts). Mercurius skips
    // preValidation for the documents it has cached; preExecution comes for every operation that runs.
    app.graphql.addHook('preExecution', async (_schema, document, context) => {
      const request = context.reply?.request;
      if (!request) return;
      const envelope = (request.method === 'GET' ? request.query : request.body) as { operationName?: unknown } | null;
      request.graphqlOperation = operationLabel(document, envelope?.operationName);
    });
    traceGraphQLOperations(app);
  },
  { name: 'graphql', dependencies: ['database', 'config', 'jobs', 'auth', 'metrics'] },
);

/** Loaded fields join the resolvers of their type (and win, as Mercurius's own loaders would). */
function mergeByType(resolvers: IResolvers, loaded: IResolvers): IResolvers {
  const merged: IResolvers = { ...resolvers };
  for (const [type, fields] of Object.entries(loaded)) {
    merged[type] = { ...(resolvers[type] as object | undefined), ...(fields as object) } as IResolvers[string];
  }
  return merged;
}

function noIntrospection(context: ValidationContext): ASTVisitor {
  return {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        context.reportError(new GraphQLError('Introspection is disabled in production.', { nodes: [node] }));
      }
    },
  };
}

async function buildContext(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<GraphQLContext> {
  return {
    db: app.database.db,
    log: request.log,
    config: app.config,
    jobs: app.jobs,
    session: await request.session(),
    clientAddress: request.ip,
    userAgent: request.headers['user-agent'],
    actor: () => request.actor(),
    setSessionCookie: (token, expiresAt) => reply.setSessionCookie(token, expiresAt),
    clearSessionCookie: () => reply.clearSessionCookie(),
    publish: async (topic, payload) => {
      await app.graphql.pubsub.publish({ topic, payload });
    },
  };
}
