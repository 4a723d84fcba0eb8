import { schema } from '@concord/db';
import { and, eq } from 'drizzle-orm';
import { conflict } from '../../../errors.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { signatureStatusNow } from '../signature-state.ts';
import { type Deps, reviewable } from '../signature-transitions.ts';

const { signature } = schema;

/**
 * The secretariat approves: the signature becomes active, appears in the register and gets its certificate
 * (a job renders it and e-mails it). The conditional update makes two reviewers deciding at once end in
 * one decision and CONFLICT for the other.
 */
export async function approveSignature({
  db,
  jobs,
  actor,
  signatureId,
  now = new Date(),
}: Deps & { signatureId: string }) {
  const current = await reviewable(db, actor, signatureId);
  return db.transaction(async (tx) => {
    const [approved] = await tx
      .update(signature)
      .set({ status: 'active', activatedAt: now, reviewedAt: now, reviewedByPersonId: actor?.personId, updatedAt: now })
      .where(and(eq(signature.id, current.id), eq(signature.status, 'pending_review')))
      .returning();
    if (!approved)
      throw conflict(`This signature is ${await signatureStatusNow(tx, current.id)}, not waiting for review.`);
    await recordAudit(tx, {
      allianceId: approved.allianceId,
      actorPersonId: actor?.personId,
      action: 'signature.approved',
      objectType: 'signature',
      objectId: approved.id,
      before: { status: 'pending_review' },
      after: { status: 'active' },
    });
    await jobs.enqueue(tx, 'issue-certificate', { signatureId: approved.id });
    return approved;
  });
}
