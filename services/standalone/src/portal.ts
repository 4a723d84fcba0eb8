import type { IncomingMessage, ServerResponse } from 'node:http';
import { failRequest } from '@concord/api';
import { REQUEST_ID_HEADER } from '@concord/schema/values';
import type { FastifyInstance } from 'fastify';

// adapter-node's handler returns a promise for the pages it renders (and nothing for the files it serves).
type NodeHandler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => unknown;

/**
 * The header that tells the portal its client's address (adapter-node's ADDRESS_HEADER). Fastify works the address
 * out from the connection and, only from proxies listed in TRUST_PROXY, their X-Forwarded-For; the portal then
 * forwards it to the API, whose rate limits count per client. A value a client sends itself is overwritten.
 */
export const CLIENT_ADDRESS_HEADER = 'x-concord-client-address';

/**
 * Serves the portal (SvelteKit's adapter-node handler) for every path the API does not own. The scope
 * drops Fastify's body parsers so that SvelteKit reads form posts from the untouched request stream.
 */
export async function mountPortal(app: FastifyInstance, handler: NodeHandler): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
    scope.route({
      method: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      url: '/*',
      handler: (request, reply) => {
        reply.hijack();
        request.raw.headers[CLIENT_ADDRESS_HEADER] = request.ip;
        // The id Fastify logs this request under (a well-formed incoming one, or its own): the portal's log lines
        // and its calls to the API carry the same.
        request.raw.headers[REQUEST_ID_HEADER] = request.id;
        try {
          const rendering = handler(request.raw, reply.raw, () => {
            reply.raw.statusCode = 404;
            reply.raw.end('Not found');
          });
          if (rendering instanceof Promise) rendering.catch((err: unknown) => failRequest({ request, reply }, err));
        } catch (err) {
          failRequest({ request, reply }, err);
        }
      },
    });
  });
}
