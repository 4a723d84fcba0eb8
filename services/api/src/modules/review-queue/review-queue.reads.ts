import type { Database } from '@concord/db';
import type { ReviewQueueKind } from '../../graphql/enums.generated.ts';
import { countPendingComments } from '../meeting-comment/meeting-comment.reads.ts';
import { listPledgeReviewQueue } from '../pledge/pledge.reads.ts';
import { type Actor, can } from '../policy/policy.ts';
import { summariseProgressReports } from '../reporting/reporting.reads.ts';
import { countReviewQueue } from '../signing/signing.reads.ts';
import { groupsChairedBy } from '../working-group/chairs.ts';

/** Who follows an alliance's queues, and which: what the queries behind them let this person see. */
export interface Reviewer {
  actor: Actor;
  allianceId: string;
  queues: ReadonlySet<ReviewQueueKind>;
  isSecretariat: boolean;
  /** The groups a chair chairs (empty for the secretariat, who sees every group's). */
  groupIds: readonly string[];
}

/**
 * The queues the actor works on in the alliance, by the rules of the queries behind them: the secretariat every one
 * (Alliance.reviewQueue, reportValidationQueue, pledgeReviewQueue, pendingMeetingComments); a chair the pledges and
 * the comments of their groups; anyone else none.
 */
export async function reviewerOf(db: Database, actor: Actor, allianceId: string): Promise<Reviewer> {
  const isSecretariat = can(actor, { action: 'pledge.reviewAny', allianceId });
  const groupIds = isSecretariat ? [] : await groupsChairedBy(db, actor, allianceId);
  const queues = new Set<ReviewQueueKind>();
  if (can(actor, { action: 'alliance.viewReviewQueue', allianceId })) queues.add('signatures');
  if (can(actor, { action: 'report.validate', allianceId })) queues.add('progress_reports');
  if (isSecretariat || groupIds.length > 0) {
    queues.add('pledges');
    queues.add('comments');
  }
  return { actor, allianceId, queues, isSecretariat, groupIds };
}

/** How many items the queue holds for the reviewer: what the page behind it counts. */
export async function countQueue(db: Database, reviewer: Reviewer, queue: ReviewQueueKind): Promise<number> {
  const { allianceId, actor } = reviewer;
  switch (queue) {
    case 'signatures':
      return countReviewQueue(db, allianceId);
    case 'progress_reports':
      return (await summariseProgressReports(db, allianceId, { statuses: ['submitted'] })).totalCount;
    case 'pledges':
      return (
        await listPledgeReviewQueue(db, {
          allianceId,
          isSecretariat: reviewer.isSecretariat,
          groupIds: reviewer.groupIds,
          excludedOrganisationIds: [...actor.organisationIds],
          filter: {},
        })
      ).totalCount;
    case 'comments':
      return countPendingComments(db, actor, allianceId);
  }
}
