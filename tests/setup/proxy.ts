import { createServer, type IncomingMessage, request, type Server } from 'node:http';

/** A small proxy in front of several Concord processes, as infra/'s load balancer is. */
export interface FrontProxy {
  server: Server;
  /** Its address, http://127.0.0.1:<port>. */
  baseUrl: string;
  /** From now on, addresses outside the API's (`/graphql`) go to this port: the portal's, started after the proxy. */
  routeToPortal(port: number): void;
  close(): Promise<void>;
}

/** X-Forwarded-For with the client's address added, as a load balancer adds it. */
function forwardedFor(incoming: IncomingMessage): string {
  const before = incoming.headers['x-forwarded-for'];
  const client = incoming.socket.remoteAddress ?? '';
  return before ? `${before}, ${client}` : client;
}

/**
 * At most `maxInFlight` requests at a time to one upstream, the others waiting in the proxy in their order (as
 * HAProxy's `maxconn` per server does); unlimited without it.
 */
function upstreamSlots(maxInFlight: number | undefined) {
  const inFlight = new Map<number, number>();
  const waiting = new Map<number, (() => void)[]>();
  return (port: number): Promise<() => void> => {
    if (!maxInFlight) return Promise.resolve(() => {});
    let isReleased = false;
    const release = () => {
      if (isReleased) return;
      isReleased = true;
      const next = waiting.get(port)?.shift();
      if (next) next();
      else inFlight.set(port, (inFlight.get(port) ?? 1) - 1);
    };
    if ((inFlight.get(port) ?? 0) < maxInFlight) {
      inFlight.set(port, (inFlight.get(port) ?? 0) + 1);
      return Promise.resolve(release);
    }
    return new Promise((resolve) => {
      waiting.set(port, [...(waiting.get(port) ?? []), () => resolve(release)]);
    });
  };
}

/**
 * Sends each `/graphql` request to the next of `apiPorts` (every request there until `routeToPortal`), and to
 * another when one refuses the connection; anything else goes to the portal once its port is known.
 */
export async function startProxy(
  apiPorts: number[],
  { maxInFlight }: { maxInFlight?: number } = {},
): Promise<FrontProxy> {
  const slot = upstreamSlots(maxInFlight);
  let next = 0;
  let portalPort: number | undefined;
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      const isApi = portalPort === undefined || (incoming.url ?? '').startsWith('/graphql');
      const ports = isApi ? apiPorts : [portalPort as number];
      const first = isApi ? next++ : 0;
      const attempt = async (tries: number) => {
        const port = ports[(first + tries - 1) % ports.length] as number;
        const release = await slot(port);
        outgoing.on('close', release);
        const upstream = request(
          // A connection per request: a request written onto an idle kept-alive connection just as the upstream
          // closes it was never accepted, and telling that apart from a lost one is a proxy's business, not a test's.
          {
            host: '127.0.0.1',
            port,
            method: incoming.method,
            path: incoming.url,
            // The client's address added to X-Forwarded-For, as a load balancer does.
            headers: { ...incoming.headers, 'x-forwarded-for': forwardedFor(incoming) },
            agent: false,
          },
          (answer) => {
            outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.on('end', release);
            answer.pipe(outgoing);
          },
        );
        upstream.on('error', (err: NodeJS.ErrnoException) => {
          release();
          // Nothing was accepted on a refused connection, and a connection reset before any answer was closed idle by
          // a stopping upstream before it read the request: another upstream may take it, as proxies do for
          // read-only requests (a mutation, or any POST to the portal, is never sent twice).
          const isRead =
            incoming.method === 'GET' || (isApi && !body.toString().trimStart().startsWith('{"query":"mutation'));
          const isRetried = err.code === 'ECONNREFUSED' || (err.code === 'ECONNRESET' && isRead);
          if (isRetried && tries < ports.length) void attempt(tries + 1);
          else outgoing.writeHead(502).end(String(err.code));
        });
        upstream.end(body);
      };
      void attempt(1);
    });
  });
  // Idle client connections kept a minute, as load balancers do (60 s and more), not Node's 5 s: a client that
  // reuses a connection the server is closing at that moment gets `other side closed`, and a POST is not retried.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    server,
    baseUrl,
    routeToPortal: (port) => {
      portalPort = port;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
