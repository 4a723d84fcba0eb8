import { type Database, databaseErrorOf, SQLSTATE, schema } from '@concord/db';
import { eq } from 'drizzle-orm';
import { DomainError, notFound } from '../../../errors.ts';
import { isUuid } from '../../../lib/validate.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { authenticate, authorize } from '../../policy/policy.ts';
import { allianceForChange, type Deps } from '../alliance-changes.ts';
import { parseSubTarget, type SubTargetFigures, type SubTargetInput } from '../alliance-input.ts';

/**
 * The secretariat adds, changes and removes the alliance's sub-targets (a target by polymer and/or sector). Each
 * change is one transaction with its audit event, which keeps the sub-target as it was and as it is: the history
 * of a changed or removed sub-target (docs/adr/0034-a-target-of-both-flows.md). The alliance is locked first, so
 * changes at once apply one after the other; a label the alliance already has is CONFLICT (a unique index).
 */

const { alliance, allianceSubTarget } = schema;

/** A sub-target as audit events record it. */
const recorded = (row: SubTargetFigures) => ({
  label: row.label,
  polymer: row.polymer,
  sector: row.sector,
  tonnes: row.targetTonnes,
  year: row.targetYear,
});

export async function addSubTarget({
  db,
  actor,
  slug,
  input,
  now = new Date(),
}: Deps & { slug: string; input: SubTargetInput }): Promise<schema.AllianceSubTarget> {
  authenticate(actor);
  const figures = parseSubTarget(input, 'input');
  return labelTaken(figures.label, () =>
    db.transaction(async (tx) => {
      const row = await allianceForChange(tx, actor, slug, 'alliance.edit');
      const [added] = await tx
        .insert(allianceSubTarget)
        .values({ ...figures, allianceId: row.id, createdAt: now, updatedAt: now })
        .returning();
      if (!added) throw new Error('sub-target not added');
      await recordAudit(tx, {
        allianceId: row.id,
        actorPersonId: actor.personId,
        action: 'alliance.sub_target_added',
        objectType: 'alliance_sub_target',
        objectId: added.id,
        after: recorded(added),
      });
      return added;
    }),
  );
}

export async function changeSubTarget({
  db,
  actor,
  id,
  input,
  now = new Date(),
}: Deps & { id: string; input: SubTargetInput }): Promise<schema.AllianceSubTarget> {
  authenticate(actor);
  const figures = parseSubTarget(input, 'input');
  return labelTaken(figures.label, () =>
    db.transaction(async (tx) => {
      const before = await subTargetForChange(tx, actor, id);
      const [after] = await tx
        .update(allianceSubTarget)
        .set({ ...figures, updatedAt: now })
        .where(eq(allianceSubTarget.id, before.id))
        .returning();
      if (!after) throw new Error('sub-target not changed');
      await recordAudit(tx, {
        allianceId: after.allianceId,
        actorPersonId: actor.personId,
        action: 'alliance.sub_target_changed',
        objectType: 'alliance_sub_target',
        objectId: after.id,
        before: recorded(before),
        after: recorded(after),
      });
      return after;
    }),
  );
}

export async function removeSubTarget({ db, actor, id }: Deps & { id: string }): Promise<schema.Alliance> {
  authenticate(actor);
  return db.transaction(async (tx) => {
    const before = await subTargetForChange(tx, actor, id);
    await tx.delete(allianceSubTarget).where(eq(allianceSubTarget.id, before.id));
    await recordAudit(tx, {
      allianceId: before.allianceId,
      actorPersonId: actor.personId,
      action: 'alliance.sub_target_removed',
      objectType: 'alliance_sub_target',
      objectId: before.id,
      before: recorded(before),
    });
    const [row] = await tx.select().from(alliance).where(eq(alliance.id, before.allianceId));
    if (!row) throw new Error('alliance of the sub-target not found');
    return row;
  });
}

/**
 * The sub-target with this id, once the actor may change its alliance's: the alliance locked first (as every
 * change to an alliance), then the sub-target. A sub-target removed meanwhile, or never there: NOT_FOUND.
 */
async function subTargetForChange(
  tx: Database,
  actor: NonNullable<Deps['actor']>,
  id: string,
): Promise<schema.AllianceSubTarget> {
  const missing = () => new DomainError('NOT_FOUND', 'No sub-target has this id.', 'id');
  if (!isUuid(id)) throw missing();
  const [found] = await tx
    .select({ allianceId: allianceSubTarget.allianceId })
    .from(allianceSubTarget)
    .where(eq(allianceSubTarget.id, id));
  if (!found) throw missing();
  const [locked] = await tx.select().from(alliance).where(eq(alliance.id, found.allianceId)).for('update');
  if (!locked) throw notFound('No sub-target has this id.');
  authorize(actor, { action: 'alliance.edit', allianceId: locked.id });
  const [row] = await tx.select().from(allianceSubTarget).where(eq(allianceSubTarget.id, id));
  if (!row) throw missing();
  return row;
}

/** A label the alliance already has, by another sub-target: CONFLICT on the label, nothing written. */
async function labelTaken<T>(label: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const info = databaseErrorOf(error);
    if (info?.code === SQLSTATE.uniqueViolation && info.constraint === 'alliance_sub_target_label_idx') {
      throw new DomainError('CONFLICT', `The alliance already has a sub-target labelled "${label}".`, 'input.label');
    }
    throw error;
  }
}
