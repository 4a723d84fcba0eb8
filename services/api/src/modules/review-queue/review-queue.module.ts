import type { ConcordModule } from '../module.ts';
import { reviewQueueRelay } from './review-queue.relay.ts';
import { reviewQueueResolvers } from './review-queue.resolvers.ts';

/** The secretariat's and the chairs' review queues, live (the queues themselves belong to their domains). */
export const reviewQueueModule: ConcordModule = {
  name: 'review-queue',
  resolvers: reviewQueueResolvers,
  liveRelay: reviewQueueRelay,
};
