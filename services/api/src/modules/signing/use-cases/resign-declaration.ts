import { databaseErrorOf, SQLSTATE, schema } from '@concord/db';
import { and, eq, inArray } from 'drizzle-orm';
import { conflict, DomainError } from '../../../errors.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { authorize } from '../../policy/policy.ts';
import type { Deps } from '../signature-transitions.ts';
import { declarationToSign, type SignerInput } from './declaration-to-sign.ts';

const { declarationVersion, organisation, signature } = schema;

/** A re-signature: the text read is named by its hash, always (the authentic text's language when none is named). */
export type ResignInput = SignerInput & { textSha256: string };

/**
 * A signatory re-signs: a representative of an organisation whose active signature is of an earlier version signs
 * the version in force in one step (docs/adr/0032). The organisation was approved already, and the person signed
 * in with the e-mail address they sign with: the new signature is active at once, with no confirmation or review,
 * and gets its certificate. The earlier one is kept, `superseded`, no longer live: the organisation still counts
 * once. The organisation's row is locked first, so that two re-signings at once take turns and the second reads
 * what the first committed (CONFLICT: already signed); `signature_renews_once` would refuse a second row anyway.
 */
export async function resignDeclaration({
  db,
  jobs,
  actor,
  input,
  now = new Date(),
}: Deps & { input: ResignInput }): Promise<schema.Signature> {
  authorize(actor, { action: 'signature.sign', organisationId: input.organisationId });
  if (!input.textSha256?.trim()) {
    throw new DomainError('BAD_USER_INPUT', 'The SHA-256 of the text read is required.', 'input.textSha256');
  }
  const { alliance: target, inForce, read, signerName, signerJobTitle } = await declarationToSign(db, input, now);
  try {
    return await db.transaction(async (tx) => {
      // The organisation's turn: a second re-signing waits here, then sees the first one's signature.
      const [org] = await tx
        .select()
        .from(organisation)
        .where(eq(organisation.id, input.organisationId))
        .for('no key update');
      if (!org) throw new DomainError('NOT_FOUND', 'No such organisation.', 'input.organisationId');
      const [live] = await tx
        .select()
        .from(signature)
        .where(
          and(
            eq(signature.allianceId, target.id),
            eq(signature.organisationId, org.id),
            inArray(signature.status, ['pending_confirmation', 'pending_review', 'active']),
          ),
        )
        .for('update');
      if (!live) {
        throw new DomainError(
          'NOT_FOUND',
          `${org.legalName} has no active signature of this declaration to renew: sign it instead.`,
          'input.organisationId',
        );
      }
      if (live.status !== 'active') {
        throw conflict(`The signature of ${org.legalName} awaits confirmation or review: it cannot be renewed yet.`);
      }
      if (live.declarationVersionId === inForce.id) {
        throw conflict(`${org.legalName} has already signed version ${inForce.version}, the one in force.`);
      }
      const [previous] = await tx
        .select({ version: declarationVersion.version })
        .from(declarationVersion)
        .where(eq(declarationVersion.id, live.declarationVersionId));
      await tx
        .update(signature)
        .set({ status: 'superseded', supersededAt: now, updatedAt: now })
        .where(and(eq(signature.id, live.id), eq(signature.status, 'active')));
      const [created] = await tx
        .insert(signature)
        .values({
          allianceId: target.id,
          declarationVersionId: inForce.id,
          organisationId: org.id,
          signerPersonId: actor.personId,
          signerName,
          signerJobTitle,
          readLanguage: read.language,
          readTextSha256: read.textSha256,
          status: 'active',
          signedAt: now,
          // The signer's address is the one they signed in with: confirmed by that link.
          confirmedAt: now,
          activatedAt: now,
          renewsSignatureId: live.id,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      if (!created) throw new Error('signature not created');
      await recordAudit(tx, {
        allianceId: target.id,
        actorPersonId: actor.personId,
        actorOrganisationId: org.id,
        action: 'signature.superseded',
        objectType: 'signature',
        objectId: live.id,
        before: { status: 'active' },
        after: { status: 'superseded', renewedBy: created.id, declarationVersion: inForce.version },
      });
      await recordAudit(tx, {
        allianceId: target.id,
        actorPersonId: actor.personId,
        actorOrganisationId: org.id,
        action: 'signature.renewed',
        objectType: 'signature',
        objectId: created.id,
        after: {
          status: 'active',
          declarationVersion: inForce.version,
          renews: { signatureId: live.id, declarationVersion: previous?.version ?? null },
          textRead: { language: read.language, textSha256: read.textSha256, isTranslation: read.isTranslation },
        },
        // Who signed, as what: evidence of the signature, and the signer's to have erased.
        personal: { personId: actor.personId, data: { signerName, signerJobTitle } },
      });
      await jobs.enqueue(tx, 'issue-certificate', { signatureId: created.id });
      return created;
    });
  } catch (error) {
    const info = databaseErrorOf(error);
    if (
      info?.code === SQLSTATE.uniqueViolation &&
      (info.constraint === 'signature_renews_once' || info.constraint === 'signature_one_live_per_organisation')
    ) {
      throw conflict('This signature has just been renewed or replaced; reload to see it.');
    }
    throw error;
  }
}
