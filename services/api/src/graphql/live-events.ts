import type { DatabaseHandle } from '@concord/db';
import type { FastifyBaseLogger } from 'fastify';
import mqemitter, { type Message, type MQEmitter } from 'mqemitter';

/** The PostgreSQL channel that carries every live event (LISTEN/NOTIFY: docs/adr/0018). */
export const LIVE_EVENTS_CHANNEL = 'concord_live_events';
/** NOTIFY refuses payloads of 8,000 bytes and more; an event is a few hundred. */
const MAX_PAYLOAD_BYTES = 7_900;
/** The topic of the database's own announcement of each audit event (migration 0023). */
export const AUDIT_EVENT_TOPIC = 'audit-event';
/**
 * How long the notices one change gives rise to are gathered into one: a transaction that records many audit events
 * (an import, a merge) tells each live view once, not once an event.
 */
const GATHER_MS = 50;

/** What the database announces of an audit event once it committed: which event, never what it recorded. */
export interface AuditNotice {
  seq: number;
  allianceId: string | null;
  action: string;
  objectType: string;
  objectId: string;
}

/** A notice to the subscriptions of one topic: the live views it concerns read what each subscriber may see. */
export interface LiveNotice {
  topic: string;
  payload?: Record<string, unknown>;
}

/** Which live views an audit event concerns (each module says so for its own: modules/module.ts). */
export type LiveRelay = (notice: AuditNotice) => readonly LiveNotice[];

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
 *
 * Besides what a resolver publishes, the database announces every audit event as it commits (`audit-event`, from a
 * trigger: migration 0023): `relay` turns each into the notices of the live views it concerns (an activity feed, a
 * review queue, a meeting's script), gathered for a moment so that one change is one notice.
 */
export async function listenForLiveEvents(
  database: DatabaseHandle,
  log: FastifyBaseLogger,
  relay: LiveRelay = () => [],
): Promise<LiveEvents> {
  const local = mqemitter();
  const gathering = new Map<string, ReturnType<typeof setTimeout>>();
  const relayAuditEvent = (notice: AuditNotice) => {
    let derivedNotices: readonly LiveNotice[];
    try {
      derivedNotices = relay(notice);
    } catch (err) {
      log.warn({ err, action: notice.action }, 'an audit event could not be relayed to the live views');
      return;
    }
    for (const derived of derivedNotices) {
      const key = JSON.stringify([derived.topic, derived.payload ?? null]);
      if (gathering.has(key)) continue;
      gathering.set(
        key,
        setTimeout(() => {
          gathering.delete(key);
          local.emit({ topic: derived.topic, payload: derived.payload ?? {} });
        }, GATHER_MS),
      );
    }
  };
  const unlisten = await database.listen(LIVE_EVENTS_CHANNEL, (payload) => {
    let message: unknown;
    try {
      message = JSON.parse(payload);
    } catch {
      log.warn({ channel: LIVE_EVENTS_CHANNEL }, 'a live event that is not JSON was ignored');
      return;
    }
    if (typeof (message as { topic?: unknown } | null)?.topic !== 'string') return;
    if ((message as Message).topic === AUDIT_EVENT_TOPIC) {
      const notice = (message as Message).payload as AuditNotice | undefined;
      if (notice && typeof notice.action === 'string') relayAuditEvent(notice);
      return;
    }
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
      for (const timer of gathering.values()) clearTimeout(timer);
      gathering.clear();
      await new Promise<void>((resolve) => local.close(() => resolve()));
    },
  };
}
