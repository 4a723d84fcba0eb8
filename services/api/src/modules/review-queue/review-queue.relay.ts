import type { ReviewQueueKind } from '../../graphql/enums.generated.ts';
import type { LiveRelay } from '../../graphql/live-events.ts';

/** The queues of an alliance, as the server spells them (GraphQL: `ReviewQueueKind`). */
export const reviewQueues = ['signatures', 'pledges', 'progress_reports', 'comments'] as const;

export const reviewQueueChangedTopic = (allianceId: string) => `review-queue-changed:${allianceId}`;

/** Which queue an audit event's object may enter or leave: any change of a signature, a pledge, a report, a comment. */
const QUEUE_OF: Readonly<Record<string, ReviewQueueKind>> = {
  signature: 'signatures',
  pledge: 'pledges',
  progress_report: 'progress_reports',
  meeting_comment: 'comments',
};

/** The notice names the queue only; each subscriber counts what it holds for them (review-queue.resolvers.ts). */
export const reviewQueueRelay: LiveRelay = (notice) => {
  const queue = Object.hasOwn(QUEUE_OF, notice.objectType) ? QUEUE_OF[notice.objectType] : undefined;
  return notice.allianceId && queue ? [{ topic: reviewQueueChangedTopic(notice.allianceId), payload: { queue } }] : [];
};
