import type { FastifyBaseLogger } from 'fastify';
import { GraphQLError } from 'graphql';
import type { PubSub } from 'mercurius';
import { DomainError } from '../errors.ts';

/**
 * A subscription whose events are read for each subscriber: every notice of `topic` (live-events.ts) is turned by
 * `read` into what this subscriber may see now, through the same reads as the queries (it may be nothing), and each
 * item read is sent as one event. `first` is read once the topic is followed, so that nothing committed in between is
 * missed, and its items go before any notice (a catch-up). Ending the subscription ends it at once, even while it
 * waits for the next notice. A read that fails is logged and skipped: the next notice reads again.
 */
export async function followTopic<TNotice, TItem>(
  {
    pubsub,
    log,
  }: {
    pubsub?: PubSub;
    log: FastifyBaseLogger;
  },
  topic: string,
  read: (notice: TNotice) => Promise<readonly TItem[]>,
  first: () => Promise<readonly TItem[]> = async () => [],
): Promise<AsyncIterableIterator<TItem>> {
  if (!pubsub) throw new Error('subscriptions need a WebSocket connection');
  const notices = ((await pubsub.subscribe(topic)) as AsyncIterable<TNotice>)[Symbol.asyncIterator]();
  let waiting: TItem[];
  try {
    waiting = [...(await first())];
  } catch (error) {
    await notices.return?.();
    throw error;
  }
  let isDone = false;
  const finish = async (): Promise<IteratorReturnResult<undefined>> => {
    isDone = true;
    await notices.return?.();
    return { value: undefined, done: true };
  };
  const iterator: AsyncIterableIterator<TItem> = {
    async next() {
      while (!isDone) {
        const item = waiting.shift();
        if (item !== undefined) return { value: item, done: false };
        const notice = await notices.next();
        if (notice.done || isDone) break;
        try {
          waiting.push(...(await read(notice.value)));
        } catch (err) {
          log.warn({ err, topic }, 'a live event could not be read for a subscriber');
        }
      }
      return finish();
    },
    return: finish,
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

/**
 * What a subscription refuses when it starts (no session, no right, nothing by that name) as the client sees it: the
 * domain error's code and field in `extensions`, as the HTTP answers have them (error-formatter.ts); anything else is
 * logged and hidden. Mercurius sends a subscription's start errors without our error formatter.
 */
export function refusal(error: unknown, log: FastifyBaseLogger): GraphQLError {
  if (error instanceof DomainError) {
    return new GraphQLError(error.message, {
      extensions: { code: error.code, ...(error.field ? { field: error.field } : {}) },
    });
  }
  log.error({ err: error }, 'a subscription failed to start');
  return new GraphQLError('Internal server error.', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}
