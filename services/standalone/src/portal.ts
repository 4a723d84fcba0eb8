import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
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

/**
 * The portal's own way to the API in this process: a listener on a loopback port of its own, apart from the public
 * one. A stop closes the public listener first and waits for the requests it took; the pages among them still call
 * the API here, where the public listener would refuse them (no new connections, and the idle ones the portal's
 * connection pool keeps are closed). Once the public requests are done it closes too, before the job worker and the
 * database. `onListening` receives the GraphQL address.
 */
export function listenForPortal(app: FastifyInstance, onListening: (graphqlUrl: string) => void): void {
  let server: Server | undefined;
  app.addHook('onReady', async () => {
    const listener = createServer((req, res) => app.routing(req, res));
    server = listener;
    await new Promise<void>((resolve, reject) => {
      listener.once('error', reject);
      listener.listen(0, '127.0.0.1', () => resolve());
    });
    onListening(`http://127.0.0.1:${(listener.address() as AddressInfo).port}/graphql`);
  });
  // Fastify runs onClose once the public listener has closed and its requests are answered: nothing the portal
  // still waits for is left.
  app.addHook('onClose', async () => {
    const listener = server;
    if (!listener) return;
    const closed = new Promise((resolve) => listener.close(resolve));
    listener.closeAllConnections();
    await closed;
  });
}
