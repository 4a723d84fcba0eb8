import { schema } from '@concord/db';
import { and, eq, sql } from 'drizzle-orm';
import { badInput, conflict } from '../../../errors.ts';
import { isWellFormedToken } from '../../../lib/tokens.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { spendEmailToken } from '../../auth/email-token.ts';
import { signatureStatusNow } from '../signature-state.ts';
import type { Deps } from '../signature-transitions.ts';
import { notifySecretariatToReview } from '../signing-notifications.ts';

const { person, signature } = schema;

/** The signer confirms from the e-mail: the signature then waits for the secretariat. */
export async function confirmSignature({
  db,
  jobs,
  config,
  token,
  now = new Date(),
}: Omit<Deps, 'actor'> & { token: string }) {
  const invalid = () => badInput('token', 'This confirmation link is invalid, used or expired.');
  if (!isWellFormedToken(token)) throw invalid();
  return db.transaction(async (tx) => {
    const spent = await spendEmailToken(tx, { token, purpose: 'confirm_signature', now });
    if (!spent?.subjectId) throw invalid();
    const [confirmed] = await tx
      .update(signature)
      .set({ status: 'pending_review', confirmedAt: now, updatedAt: now })
      .where(and(eq(signature.id, spent.subjectId), eq(signature.status, 'pending_confirmation')))
      .returning();
    if (!confirmed) {
      const now = await signatureStatusNow(tx, spent.subjectId);
      throw conflict(`This signature is ${now}: it no longer waits for confirmation.`);
    }
    if (confirmed.signerPersonId) {
      await tx
        .update(person)
        .set({ emailConfirmedAt: sql`coalesce(${person.emailConfirmedAt}, ${now.toISOString()}::timestamptz)` })
        .where(eq(person.id, confirmed.signerPersonId));
    }
    await recordAudit(tx, {
      allianceId: confirmed.allianceId,
      actorPersonId: confirmed.signerPersonId,
      actorOrganisationId: confirmed.organisationId,
      action: 'signature.confirmed',
      objectType: 'signature',
      objectId: confirmed.id,
      before: { status: 'pending_confirmation' },
      after: { status: 'pending_review' },
    });
    // Tell the secretariat there is something to review.
    await notifySecretariatToReview(tx, jobs, config, confirmed);
    return confirmed;
  });
}
