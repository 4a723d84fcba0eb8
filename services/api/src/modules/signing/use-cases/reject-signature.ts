import { schema } from '@concord/db';
import { and, eq } from 'drizzle-orm';
import { conflict } from '../../../errors.ts';
import { requiredText } from '../../../lib/validate.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { signatureStatusNow } from '../signature-state.ts';
import { type Deps, reviewable } from '../signature-transitions.ts';
import { notifySigner } from '../signing-notifications.ts';

const { signature } = schema;

/** The secretariat rejects, with a reason the signer is told; the signature leaves the review queue. */
export async function rejectSignature({
  db,
  jobs,
  actor,
  signatureId,
  reason,
  now = new Date(),
}: Deps & { signatureId: string; reason: string }) {
  const why = requiredText(reason, 'reason', { max: 2000, isMultiline: true });
  const current = await reviewable(db, actor, signatureId);
  return db.transaction(async (tx) => {
    const [rejected] = await tx
      .update(signature)
      .set({
        status: 'rejected',
        rejectionReason: why,
        reviewedAt: now,
        reviewedByPersonId: actor?.personId,
        updatedAt: now,
      })
      .where(and(eq(signature.id, current.id), eq(signature.status, 'pending_review')))
      .returning();
    if (!rejected)
      throw conflict(`This signature is ${await signatureStatusNow(tx, current.id)}, not waiting for review.`);
    await recordAudit(tx, {
      allianceId: rejected.allianceId,
      actorPersonId: actor?.personId,
      action: 'signature.rejected',
      objectType: 'signature',
      objectId: rejected.id,
      before: { status: 'pending_review' },
      after: { status: 'rejected', reason: why },
    });
    await notifySigner(tx, jobs, rejected, 'signature-rejected', { reason: why });
    return rejected;
  });
}
