import { type Database, schema } from '@concord/db';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../../audit/audit.service.ts';
import { OPEN_VERSION_STATUSES } from '../pledge.reads.ts';

const { pledge, pledgeVersion, signature } = schema;

/** The statuses that lapse: a pledge in force, or on its way there (docs/adr/0010-lapsed-pledges.md). */
export const LAPSING_STATUSES = ['draft', 'submitted', 'changes_requested', 'accepted'] as const;

/**
 * The organisation has stopped being a signatory of the alliance (its signature was withdrawn, in `tx`): each of
 * its pledges to that alliance in force or on its way there lapses, and a version still open lapses with it.
 * Kept in history, shown as lapsed, out of every total and export of pledges in force (the rollup triggers move
 * accepted ones out of the pledged figures; their reports stay in their years), never amended, and not revived
 * by signing again. Nothing lapses while the organisation still has an active signature of the alliance.
 * Runs in the caller's transaction, so the withdrawal and the lapse are one change.
 */
export async function lapsePledgesOfOrganisation({
  tx,
  allianceId,
  organisationId,
  actorPersonId,
  signatureId,
  now = new Date(),
}: {
  tx: Database;
  allianceId: string;
  organisationId: string;
  actorPersonId: string | null;
  /** The signature whose withdrawal ends the organisation's membership: recorded in each audit event. */
  signatureId: string;
  now?: Date;
}): Promise<schema.Pledge[]> {
  const [stillSignatory] = await tx
    .select({ id: signature.id })
    .from(signature)
    .where(
      and(
        eq(signature.allianceId, allianceId),
        eq(signature.organisationId, organisationId),
        eq(signature.status, 'active'),
      ),
    )
    .limit(1);
  if (stillSignatory) return [];
  const scope = and(
    eq(pledge.allianceId, allianceId),
    eq(pledge.organisationId, organisationId),
    inArray(pledge.status, [...LAPSING_STATUSES]),
  );
  // Locked in id order, as every transition of one pledge locks its row: a review deciding at the same moment
  // either ends first (and its decision lapses here) or finds the pledge lapsed.
  const before = await tx.select().from(pledge).where(scope).orderBy(asc(pledge.id)).for('update');
  if (before.length === 0) return [];
  const ids = before.map((row) => row.id);
  const lapsed = await tx
    .update(pledge)
    .set({ status: 'lapsed', lapsedAt: now, updatedAt: now })
    .where(and(inArray(pledge.id, ids), inArray(pledge.status, [...LAPSING_STATUSES])))
    .returning();
  const closed = await tx
    .update(pledgeVersion)
    .set({ status: 'lapsed', updatedAt: now })
    .where(and(inArray(pledgeVersion.pledgeId, ids), inArray(pledgeVersion.status, [...OPEN_VERSION_STATUSES])))
    .returning({ pledgeId: pledgeVersion.pledgeId, version: pledgeVersion.version, status: pledgeVersion.status });
  for (const row of before) {
    const open = closed.find((v) => v.pledgeId === row.id);
    await recordAudit(tx, {
      allianceId,
      actorPersonId,
      actorOrganisationId: organisationId,
      action: 'pledge.lapsed',
      objectType: 'pledge',
      objectId: row.id,
      before: { status: row.status, version: row.currentVersion, ...(open ? { openVersion: open.version } : {}) },
      after: { status: 'lapsed', version: row.currentVersion, signatureId },
    });
  }
  return lapsed;
}
