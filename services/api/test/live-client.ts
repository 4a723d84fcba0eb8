import WebSocket from 'ws';

export interface LiveMessage {
  type: string;
  id?: string;
  payload?: unknown;
}

/** One subscription over a real WebSocket (graphql-transport-ws), as a browser with the session's cookie opens it. */
export interface LiveSubscription {
  /** Resolves once the server acknowledged the connection and was sent the subscription. */
  sent: Promise<void>;
  /** The next `next` or `error` message not yet taken, oldest first; fails after `timeoutMs`. */
  take(timeoutMs?: number): Promise<LiveMessage>;
  close(): void;
}

export function subscribeLive(
  url: string,
  query: string,
  { variables = {}, cookie }: { variables?: Record<string, unknown>; cookie?: string } = {},
): LiveSubscription {
  const socket = new WebSocket(url, 'graphql-transport-ws', cookie ? { headers: { cookie } } : {});
  const received: LiveMessage[] = [];
  let wake: () => void = () => {};
  let resolveSent: () => void = () => {};
  const sent = new Promise<void>((resolve) => {
    resolveSent = resolve;
  });
  socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: {} })));
  socket.on('message', (raw) => {
    const message = JSON.parse(String(raw)) as LiveMessage;
    if (message.type === 'connection_ack') {
      socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables } }));
      resolveSent();
    } else if (message.type === 'next' || message.type === 'error') {
      received.push(message);
      wake();
    }
  });
  return {
    sent,
    async take(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length === 0) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no live message within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      return received.shift() as LiveMessage;
    },
    close: () => socket.close(),
  };
}

/** The WebSocket address of an app listening on a port of 127.0.0.1. */
export function liveUrlOf(address: ReturnType<import('node:net').Server['address']>): string {
  return `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/graphql`;
}

/** Gives the server a moment to register a subscription it was sent (there is no acknowledgement of it). */
export const registered = (subscription: LiveSubscription) =>
  subscription.sent.then(() => new Promise((resolve) => setTimeout(resolve, 300)));
