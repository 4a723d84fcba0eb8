import { schema } from '@concord/db';
import { and, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../../audit/audit.service.ts';
import { authorize } from '../../policy/policy.ts';
import { notifyReviewers } from '../pledge-notifications.ts';
import { pledgeConflict } from '../pledge-state.ts';
import { type Deps, EDITABLE, isInForce, lock, pledgeFor, updatePledgeRow } from '../pledge-transitions.ts';

const { pledgeVersion } = schema;

/**
 * Sends the open version for review and tells the reviewers. The conditional update (and the lock on the pledge
 * row) make a second submission of the same version a CONFLICT, never a second version.
 */
export async function submitPledge({
  db,
  jobs,
  config,
  actor,
  pledgeId,
  now = new Date(),
}: Deps & { pledgeId: string }) {
  const current = await pledgeFor(db, actor, pledgeId);
  authorize(actor, { action: 'pledge.edit', organisationId: current.organisationId });
  return db.transaction(async (tx) => {
    const { row, open } = await lock(tx, current.id);
    if (!open || !EDITABLE.includes(open.status)) throw pledgeConflict('There is nothing to submit', row, open);
    const [submitted] = await tx
      .update(pledgeVersion)
      .set({ status: 'submitted', submittedAt: now, decidedAt: null, decidedByPersonId: null, updatedAt: now })
      .where(and(eq(pledgeVersion.id, open.id), inArray(pledgeVersion.status, EDITABLE)))
      .returning();
    if (!submitted) throw pledgeConflict('There is nothing to submit', row, open);
    const isAmendment = isInForce(row);
    const next = isAmendment
      ? row
      : await updatePledgeRow(tx, row.id, { status: 'submitted', submittedAt: now, decidedAt: null, updatedAt: now });
    await recordAudit(tx, {
      allianceId: row.allianceId,
      actorPersonId: actor.personId,
      actorOrganisationId: row.organisationId,
      action: 'pledge.submitted',
      objectType: 'pledge',
      objectId: row.id,
      before: { status: row.status, version: open.version, versionStatus: open.status },
      after: { status: next.status, version: submitted.version, versionStatus: 'submitted' },
    });
    await notifyReviewers(tx, jobs, config, { row, version: submitted, isAmendment, now });
    return next;
  });
}
