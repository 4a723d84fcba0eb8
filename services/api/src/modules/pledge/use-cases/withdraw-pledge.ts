import { schema } from '@concord/db';
import { and, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../../audit/audit.service.ts';
import { authorize } from '../../policy/policy.ts';
import { OPEN_VERSION_STATUSES } from '../pledge.reads.ts';
import { requiredText } from '../pledge-input.ts';
import { notifyWithdrawal } from '../pledge-notifications.ts';
import { pledgeConflict } from '../pledge-state.ts';
import { type Deps, lock, MAX_REASON_LENGTH, pledgeFor } from '../pledge-transitions.ts';

const { pledge, pledgeVersion } = schema;

/**
 * The organisation withdraws its pledge: it leaves every total (they count accepted pledges only) and its open
 * version, if any, is withdrawn with it. The accepted versions stay as they were decided: the history is kept.
 */
export async function withdrawPledge({
  db,
  jobs,
  config,
  actor,
  pledgeId,
  reason,
  now = new Date(),
}: Deps & { pledgeId: string; reason: string }) {
  const why = requiredText(reason, 'reason', MAX_REASON_LENGTH);
  const current = await pledgeFor(db, actor, pledgeId);
  authorize(actor, { action: 'pledge.edit', organisationId: current.organisationId });
  return db.transaction(async (tx) => {
    const { row, open } = await lock(tx, current.id);
    const [withdrawn] = await tx
      .update(pledge)
      .set({ status: 'withdrawn', withdrawnAt: now, withdrawalReason: why, updatedAt: now })
      .where(
        and(eq(pledge.id, row.id), inArray(pledge.status, ['draft', 'submitted', 'changes_requested', 'accepted'])),
      )
      .returning();
    if (!withdrawn) throw pledgeConflict('There is nothing to withdraw', row, open);
    if (open) {
      await tx
        .update(pledgeVersion)
        .set({ status: 'withdrawn', updatedAt: now })
        .where(and(eq(pledgeVersion.id, open.id), inArray(pledgeVersion.status, [...OPEN_VERSION_STATUSES])));
    }
    await recordAudit(tx, {
      allianceId: row.allianceId,
      actorPersonId: actor.personId,
      actorOrganisationId: row.organisationId,
      action: 'pledge.withdrawn',
      objectType: 'pledge',
      objectId: row.id,
      before: { status: row.status, version: row.currentVersion, ...(open ? { openVersion: open.version } : {}) },
      after: { status: 'withdrawn', version: row.currentVersion, reason: why },
    });
    await notifyWithdrawal(tx, jobs, config, { row, reason: why });
    return withdrawn;
  });
}
