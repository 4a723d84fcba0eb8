import { schema } from '@concord/db';
import { and, eq, inArray } from 'drizzle-orm';
import { conflict } from '../../../errors.ts';
import { requiredText } from '../../../lib/validate.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { lapsePledgesOfOrganisation } from '../../pledge/use-cases/lapse-pledges.ts';
import { authorize } from '../../policy/policy.ts';
import { signatureStatusNow } from '../signature-state.ts';
import { type Deps, signatureFor } from '../signature-transitions.ts';
import { notifySigner } from '../signing-notifications.ts';

const { signature } = schema;

/** A representative withdraws the organisation's signature; the history stays in the audit log. */
export async function withdrawSignature({
  db,
  jobs,
  actor,
  signatureId,
  reason,
  now = new Date(),
}: Deps & { signatureId: string; reason?: string | null | undefined }) {
  const why = reason?.trim() ? requiredText(reason, 'reason', { max: 2000, isMultiline: true }) : null;
  const current = await signatureFor(db, actor, signatureId);
  authorize(actor, { action: 'signature.withdraw', organisationId: current.organisationId });
  return db.transaction(async (tx) => {
    const [withdrawn] = await tx
      .update(signature)
      .set({ status: 'withdrawn', withdrawnAt: now, withdrawalReason: why, updatedAt: now })
      .where(
        and(
          eq(signature.id, current.id),
          inArray(signature.status, ['pending_confirmation', 'pending_review', 'active']),
        ),
      )
      .returning();
    if (!withdrawn) throw conflict(`This signature is already ${await signatureStatusNow(tx, current.id)}.`);
    // No longer a signatory: its pledges lapse in the same transaction (docs/adr/0010-lapsed-pledges.md),
    // their rows locked before the audit chain's lock, in the order every pledge transition takes them.
    await lapsePledgesOfOrganisation({
      tx,
      allianceId: withdrawn.allianceId,
      organisationId: withdrawn.organisationId,
      actorPersonId: actor.personId,
      signatureId: withdrawn.id,
      now,
    });
    await recordAudit(tx, {
      allianceId: withdrawn.allianceId,
      actorPersonId: actor.personId,
      actorOrganisationId: withdrawn.organisationId,
      action: 'signature.withdrawn',
      objectType: 'signature',
      objectId: withdrawn.id,
      before: { status: current.status },
      after: { status: 'withdrawn', reason: why },
    });
    await notifySigner(tx, jobs, withdrawn, 'signature-withdrawn', { reason: why });
    return withdrawn;
  });
}
