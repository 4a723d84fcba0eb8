import { DomainError } from '../../errors.ts';
import type { ReviewQueueKind } from '../../graphql/enums.generated.ts';
import { followTopic, refusal } from '../../graphql/live-subscription.ts';
import type { Resolvers } from '../../graphql/resolvers.generated.ts';
import { getAllianceBySlug } from '../alliance/alliance.service.ts';
import { authenticate } from '../policy/policy.ts';
import { countQueue, reviewerOf } from './review-queue.reads.ts';
import { reviewQueueChangedTopic } from './review-queue.relay.ts';

/** The review queues, live: who may follow them is decided when subscribing, what they hold at each change. */
export const reviewQueueResolvers: Resolvers = {
  Subscription: {
    reviewQueueChanged: {
      subscribe: async (_root, { allianceSlug }, context) => {
        const { db } = context;
        try {
          const actor = await context.actor();
          authenticate(actor);
          const alliance = await getAllianceBySlug(db, allianceSlug);
          const reviewer = await reviewerOf(db, actor, alliance.id);
          if (reviewer.queues.size === 0) {
            throw new DomainError('FORBIDDEN', 'Only the secretariat and the chairs of working groups review queues.');
          }
          // Sent when the count the subscriber sees changes: a change in a queue they do not see (another group's
          // pledge) tells them nothing.
          const counts = new Map<ReviewQueueKind, number>();
          return await followTopic(
            context,
            reviewQueueChangedTopic(alliance.id),
            async (notice: { queue: ReviewQueueKind }) => {
              if (!reviewer.queues.has(notice.queue)) return [];
              const count = await countQueue(db, reviewer, notice.queue);
              if (counts.get(notice.queue) === count) return [];
              counts.set(notice.queue, count);
              return [{ reviewQueueChanged: { queue: notice.queue, count } }];
            },
            async () => {
              for (const queue of reviewer.queues) counts.set(queue, await countQueue(db, reviewer, queue));
              return [];
            },
          );
        } catch (error) {
          throw refusal(error, context.log);
        }
      },
    },
  },
};
