import { schema } from '@concord/db';
import type { PledgeDecision } from '@concord/notifications';
import { and, eq, ne } from 'drizzle-orm';
import { recordAudit } from '../../audit/audit.service.ts';
import { authorize, can, heldChair } from '../../policy/policy.ts';
import { chairHoldersOf } from '../../working-group/chairs.ts';
import { isOpen, loadVersions } from '../pledge.reads.ts';
import { requiredText, text } from '../pledge-input.ts';
import { notifyDecision } from '../pledge-notifications.ts';
import { pledgeConflict } from '../pledge-state.ts';
import {
  type Deps,
  figuresOf,
  isInForce,
  lock,
  MAX_COMMENT_LENGTH,
  pledgeFor,
  updatePledgeRow,
} from '../pledge-transitions.ts';

const { pledgeVersion } = schema;

export type ReviewDecision = 'accept' | 'request_changes' | 'reject';

const DECIDED: Record<ReviewDecision, PledgeDecision> = {
  accept: 'accepted',
  request_changes: 'changes_requested',
  reject: 'rejected',
};

/**
 * A chair of the pledge's working group (never for their own organisation) or the secretariat decides on the
 * submitted version. Accepting puts its figures in force: they replace those of the pledge row, and the version
 * accepted before is superseded. Changes requested or a rejection of an amendment leave the pledge in force as
 * it was. The conditional update on `submitted` makes two reviewers deciding at once end in one decision.
 */
export async function reviewPledge({
  db,
  jobs,
  config,
  actor,
  pledgeId,
  decision,
  comment,
  now = new Date(),
}: Deps & { pledgeId: string; decision: ReviewDecision; comment?: string | null | undefined }) {
  const current = await pledgeFor(db, actor, pledgeId);
  const [versions = []] = await loadVersions(db, [current.id]);
  const open = versions.find(isOpen);
  // The chairs of the group named by the version under review decide on it.
  const groupId = open ? open.workingGroupId : current.workingGroupId;
  const chairs = await chairHoldersOf(db, groupId);
  authorize(actor, {
    action: 'pledge.review',
    allianceId: current.allianceId,
    organisationId: current.organisationId,
    chairs,
  });
  if (open?.status !== 'submitted') throw pledgeConflict('There is no version to decide on', current, open ?? null);
  const why =
    decision === 'accept'
      ? text(comment, 'comment', MAX_COMMENT_LENGTH)
      : requiredText(comment, 'comment', MAX_COMMENT_LENGTH);
  const status = DECIDED[decision];
  const bySecretariat = can(actor, {
    action: 'pledge.review',
    allianceId: current.allianceId,
    organisationId: current.organisationId,
    chairs: [],
  });
  return db.transaction(async (tx) => {
    const { row, open: openNow } = await lock(tx, current.id);
    // Someone decided, withdrew or the pledge lapsed since it was read: say what it is now.
    if (openNow?.id !== open.id || openNow.status !== 'submitted') {
      throw pledgeConflict('There is no version to decide on', row, openNow);
    }
    const [decided] = await tx
      .update(pledgeVersion)
      .set({ status, decidedAt: now, decidedByPersonId: actor.personId, reviewComment: why, updatedAt: now })
      .where(and(eq(pledgeVersion.id, open.id), eq(pledgeVersion.status, 'submitted')))
      .returning();
    if (!decided) throw pledgeConflict('There is no version to decide on', row, openNow);
    const isAmendment = isInForce(row);
    let next = row;
    if (status === 'accepted') {
      await tx
        .update(pledgeVersion)
        .set({ status: 'superseded', updatedAt: now })
        .where(
          and(
            eq(pledgeVersion.pledgeId, row.id),
            eq(pledgeVersion.status, 'accepted'),
            ne(pledgeVersion.id, decided.id),
          ),
        );
      next = await updatePledgeRow(tx, row.id, {
        ...figuresOf(decided),
        status: 'accepted',
        currentVersion: decided.version,
        submittedAt: decided.submittedAt,
        decidedAt: now,
        updatedAt: now,
      });
    } else if (!isAmendment) {
      next = await updatePledgeRow(tx, row.id, { status, decidedAt: now, updatedAt: now });
    }
    await recordAudit(tx, {
      allianceId: row.allianceId,
      actorPersonId: actor.personId,
      // A chair acts for their organisation; the secretariat for nobody's.
      actorOrganisationId: bySecretariat ? null : (heldChair(actor, chairs)?.organisationId ?? null),
      action: `pledge.${status}`,
      objectType: 'pledge',
      objectId: row.id,
      before: { status: row.status, version: decided.version, versionStatus: 'submitted' },
      after: { status: next.status, version: decided.version, versionStatus: status, comment: why },
    });
    await notifyDecision(tx, jobs, config, { row, version: decided, comment: why, isAmendment, now });
    return next;
  });
}
