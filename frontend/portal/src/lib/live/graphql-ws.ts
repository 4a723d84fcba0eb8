/**
 * A small client for one GraphQL subscription over WebSocket, in the `graphql-transport-ws` protocol
 * (the graphql-ws library's, which Mercurius speaks): connection_init → connection_ack, subscribe → next…,
 * ping ↔ pong. It reconnects with a growing delay when the connection drops, and stops when told.
 * Enough for a live counter; it needs no dependency.
 */

export interface SubscriptionOptions<TData> {
  url: string;
  query: string;
  /** Asked again at each (re)connection when a function: a feed subscribes after the newest entry it shows. */
  variables: Record<string, unknown> | (() => Record<string, unknown>);
  onData: (data: TData) => void;
  /** Called when the connection is up (again): a page can refetch what it missed meanwhile. */
  onConnected?: () => void;
  /** Something to build the socket with; tests pass a fake. */
  createSocket?: (url: string, protocol: string) => WebSocket;
}

const PROTOCOL = 'graphql-transport-ws';
const MAX_DELAY_MS = 30_000;

type Message =
  | { type: 'connection_ack' }
  | { type: 'ping' }
  | { type: 'pong' }
  | { type: 'next'; id: string; payload: { data?: unknown; errors?: unknown } }
  | { type: 'error'; id: string; payload: unknown }
  | { type: 'complete'; id: string };

/** Subscribes and returns a function that unsubscribes and closes the connection. */
export function subscribe<TData>(options: SubscriptionOptions<TData>): () => void {
  const create = options.createSocket ?? ((url, protocol) => new WebSocket(url, protocol));
  let socket: WebSocket | null = null;
  let isStopped = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const connect = () => {
    if (isStopped) return;
    socket = create(options.url, PROTOCOL);
    socket.onopen = () => socket?.send(JSON.stringify({ type: 'connection_init', payload: {} }));
    socket.onmessage = (event) => {
      let message: Message;
      try {
        message = JSON.parse(String(event.data)) as Message;
      } catch {
        return;
      }
      switch (message.type) {
        case 'connection_ack':
          attempt = 0;
          socket?.send(
            JSON.stringify({
              id: '1',
              type: 'subscribe',
              payload: {
                query: options.query,
                variables: typeof options.variables === 'function' ? options.variables() : options.variables,
              },
            }),
          );
          options.onConnected?.();
          break;
        case 'ping':
          socket?.send(JSON.stringify({ type: 'pong' }));
          break;
        case 'next':
          if (message.payload.data) options.onData(message.payload.data as TData);
          break;
        case 'error':
        case 'complete':
          // The server ended the subscription: try again later rather than hammer it.
          socket?.close();
          break;
      }
    };
    socket.onclose = () => {
      socket = null;
      if (isStopped) return;
      const delay = Math.min(MAX_DELAY_MS, 1000 * 2 ** attempt) * (0.5 + Math.random() / 2);
      attempt += 1;
      timer = setTimeout(connect, delay);
    };
  };

  connect();
  return () => {
    isStopped = true;
    clearTimeout(timer);
    if (socket?.readyState === 1) socket.send(JSON.stringify({ id: '1', type: 'complete' }));
    socket?.close();
    socket = null;
  };
}

/** The API's WebSocket address on the same host as the page: ws(s)://<host>/graphql. */
export function sameHostUrl(location: Location, path = '/graphql'): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${path}`;
}
