import type { DatabaseHandle } from '@concord/db';
import type { FastifyBaseLogger } from 'fastify';
import mqemitter, { type Message, type MQEmitter } from 'mqemitter';

/** The PostgreSQL channel that carries every live event (LISTEN/NOTIFY; docs/adr/0018-live-events.md). */
export const LIVE_EVENTS_CHANNEL = 'concord_live_events';
/** NOTIFY refuses payloads of 8,000 bytes and more; an event is a few hundred. */
const MAX_PAYLOAD_BYTES = 7_900;

export interface LiveEvents {
  /** What Mercurius subscribes through: events reach it from every process on the database, this one included. */
  emitter: MQEmitter;
  /** Stops listening (before the database closes). */
  close(): Promise<void>;
}

/**
 * Live events (subscriptions) across processes, on the database every process already shares: a publish is a
 * NOTIFY; each process LISTENs and hands what arrives to its own in-process emitter, which delivers to the
 * subscriptions connected to it. The publishing process hears its own NOTIFY too, so there is one path for all.
 * A NOTIFY sent outside a transaction is delivered at once; PostgreSQL keeps the order of one sender's events.
 */
export async function listenForLiveEvents(database: DatabaseHandle, log: FastifyBaseLogger): Promise<LiveEvents> {
  const local = mqemitter();
  const unlisten = await database.listen(LIVE_EVENTS_CHANNEL, (payload) => {
    let message: unknown;
    try {
      message = JSON.parse(payload);
    } catch {
      log.warn({ channel: LIVE_EVENTS_CHANNEL }, 'a live event that is not JSON was ignored');
      return;
    }
    if (typeof (message as { topic?: unknown } | null)?.topic !== 'string') return;
    local.emit(message as Message);
  });
  const publish = (message: Message, callback?: (error?: Error) => void) => {
    const payload = JSON.stringify(message);
    if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) {
      callback?.(new Error(`A live event of ${Buffer.byteLength(payload)} bytes is over PostgreSQL's NOTIFY limit.`));
      return;
    }
    database.notify(LIVE_EVENTS_CHANNEL, payload).then(
      () => callback?.(),
      (error: unknown) => callback?.(error instanceof Error ? error : new Error(String(error))),
    );
  };
  // Subscribing stays with the in-process emitter; publishing goes through the database.
  const emitter: MQEmitter = {
    get current() {
      return local.current;
    },
    get concurrent() {
      return local.concurrent;
    },
    on(topic, listener, callback) {
      local.on(topic, listener, callback);
      return this;
    },
    removeListener: (topic, listener, callback) => local.removeListener(topic, listener, callback),
    emit: publish,
    close: (callback) => local.close(callback),
  };
  return {
    emitter,
    async close() {
      await unlisten();
      await new Promise<void>((resolve) => local.close(() => resolve()));
    },
  };
}
