import { describe, expect, test, vi } from 'vitest';
import { sameHostUrl, subscribe } from './graphql-ws';

class FakeSocket {
  static last: FakeSocket | undefined;
  sent: unknown[] = [];
  readyState = 1;
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(
    readonly url: string,
    readonly protocol: string,
  ) {
    FakeSocket.last = this;
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = 3;
    this.onclose?.();
  }
  receive(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

const create = (url: string, protocol: string) => new FakeSocket(url, protocol) as unknown as WebSocket;

describe('subscribe', () => {
  test('speaks graphql-transport-ws: init, ack, subscribe, next, pong, complete', () => {
    const onData = vi.fn();
    const stop = subscribe({
      url: 'ws://h/graphql',
      query: 'subscription { x }',
      variables: { a: 1 },
      onData,
      createSocket: create,
    });
    const socket = FakeSocket.last as FakeSocket;
    expect(socket.protocol).toBe('graphql-transport-ws');
    socket.onopen?.();
    expect(socket.sent).toEqual([{ type: 'connection_init', payload: {} }]);
    socket.receive({ type: 'connection_ack' });
    expect(socket.sent[1]).toEqual({
      id: '1',
      type: 'subscribe',
      payload: { query: 'subscription { x }', variables: { a: 1 } },
    });
    socket.receive({ type: 'next', id: '1', payload: { data: { x: 2 } } });
    expect(onData).toHaveBeenCalledWith({ x: 2 });
    socket.receive({ type: 'ping' });
    expect(socket.sent[2]).toEqual({ type: 'pong' });
    stop();
    expect(socket.sent[3]).toEqual({ id: '1', type: 'complete' });
  });

  test('reconnects after the connection drops, and not after stop', () => {
    vi.useFakeTimers();
    try {
      const stop = subscribe({
        url: 'ws://h/graphql',
        query: 'q',
        variables: {},
        onData: () => {},
        createSocket: create,
      });
      const first = FakeSocket.last;
      first?.close();
      vi.advanceTimersByTime(1_000);
      expect(FakeSocket.last).not.toBe(first);
      const second = FakeSocket.last;
      stop();
      vi.advanceTimersByTime(60_000);
      expect(FakeSocket.last).toBe(second);
    } finally {
      vi.useRealTimers();
    }
  });

  test('asks for the variables again at each connection: a feed resubscribes after what it shows', () => {
    vi.useFakeTimers();
    try {
      let since = 10;
      const stop = subscribe({
        url: 'ws://h/graphql',
        query: 'q',
        variables: () => ({ since }),
        onData: () => {},
        createSocket: create,
      });
      const subscribed = () => {
        const socket = FakeSocket.last as FakeSocket;
        socket.onopen?.();
        socket.receive({ type: 'connection_ack' });
        return socket.sent[1];
      };
      expect(subscribed()).toEqual({ id: '1', type: 'subscribe', payload: { query: 'q', variables: { since: 10 } } });
      since = 12;
      FakeSocket.last?.close();
      vi.advanceTimersByTime(1_000);
      expect(subscribed()).toEqual({ id: '1', type: 'subscribe', payload: { query: 'q', variables: { since: 12 } } });
      stop();
    } finally {
      vi.useRealTimers();
    }
  });
});

test('sameHostUrl follows the page: ws on http, wss on https', () => {
  expect(sameHostUrl({ protocol: 'http:', host: 'localhost:3000' } as Location)).toBe('ws://localhost:3000/graphql');
  expect(sameHostUrl({ protocol: 'https:', host: 'concord.example' } as Location)).toBe(
    'wss://concord.example/graphql',
  );
});
