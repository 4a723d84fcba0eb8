import { schema } from '@concord/db';
import { eq } from 'drizzle-orm';
import { badInput } from '../../../errors.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { authenticate } from '../../policy/policy.ts';
import { allianceForChange, type Deps, targetOf } from '../alliance-changes.ts';
import { parseTarget, type TargetInput } from '../alliance-input.ts';

/**
 * The secretariat replaces the alliance's target. The target in force goes to `alliance_target_history` with
 * the days it applied, the new one takes its place on the alliance from `appliesFrom` (today by default): one
 * transaction, one audit event with both. `appliesFrom` may not be in the future (progress is measured against
 * the target in force, which would then not apply yet) nor before the day the target in force began to apply.
 */
export async function changeAllianceTarget({
  db,
  actor,
  slug,
  target,
  appliesFrom: given,
  now = new Date(),
}: Deps & { slug: string; target: TargetInput; appliesFrom?: string | null | undefined }): Promise<schema.Alliance> {
  authenticate(actor);
  const figures = parseTarget(target, 'target');
  const today = now.toISOString().slice(0, 10);
  const appliesFrom = given ?? today;
  if (appliesFrom > today)
    throw badInput('appliesFrom', `A target cannot apply from a future day (today is ${today}).`);
  return db.transaction(async (tx) => {
    const before = await allianceForChange(tx, actor, slug, 'alliance.edit');
    if (appliesFrom < before.targetAppliesFrom) {
      throw badInput(
        'appliesFrom',
        `The target in force applies from ${before.targetAppliesFrom}; the new one cannot apply before that.`,
      );
    }
    await tx.insert(schema.allianceTargetHistory).values({
      allianceId: before.id,
      targetTonnes: before.targetTonnes,
      targetFlow: before.targetFlow,
      targetYear: before.targetYear,
      baselineYear: before.baselineYear,
      baselineTonnes: before.baselineTonnes,
      appliedFrom: before.targetAppliesFrom,
      replacedOn: appliesFrom,
      createdAt: now,
    });
    const [after] = await tx
      .update(schema.alliance)
      .set({ ...figures, targetAppliesFrom: appliesFrom, updatedAt: now })
      .where(eq(schema.alliance.id, before.id))
      .returning();
    if (!after) throw new Error('alliance not updated');
    await recordAudit(tx, {
      allianceId: after.id,
      actorPersonId: actor.personId,
      action: 'alliance.target_changed',
      objectType: 'alliance',
      objectId: after.id,
      before: { target: targetOf(before) },
      after: { target: targetOf(after) },
    });
    return after;
  });
}
