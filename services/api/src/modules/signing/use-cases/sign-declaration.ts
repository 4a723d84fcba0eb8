import { databaseErrorOf, SQLSTATE, schema, takeTurns } from '@concord/db';
import { and, eq, gt, sql } from 'drizzle-orm';
import { conflict, DomainError, notFound } from '../../../errors.ts';
import { hashToken, newToken } from '../../../lib/tokens.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { localeOf } from '../../language/locale-of.ts';
import { authorize } from '../../policy/policy.ts';
import type { Deps } from '../signature-transitions.ts';
import { declarationToSign, type SignerInput } from './declaration-to-sign.ts';

const { emailToken, organisation, person, signature } = schema;

export const CONFIRMATION_HOURS = 48;
/** Signing is rate-limited per person: a person signing for more organisations than this in a day is odd. */
export const SIGNATURES_PER_PERSON_PER_DAY = 10;

/** A signature of the declaration in force (the version and text read, the signer). */
export type SignInput = SignerInput;

/**
 * Signs the current declaration for an organisation the actor represents. The signature waits for the
 * signer to confirm by e-mail. A second live signature is refused by the database's partial unique index,
 * so simultaneous requests end in one row and CONFLICT for the rest.
 */
export async function signDeclaration({
  db,
  jobs,
  config,
  actor,
  input,
  now = new Date(),
}: Deps & { input: SignInput }) {
  authorize(actor, { action: 'signature.sign', organisationId: input.organisationId });
  const {
    alliance: target,
    inForce: current,
    read,
    signerName,
    signerJobTitle,
  } = await declarationToSign(db, input, now);
  const [org] = await db.select().from(organisation).where(eq(organisation.id, input.organisationId)).limit(1);
  if (!org) throw notFound('No such organisation.');

  const token = newToken();
  try {
    return await db.transaction(async (tx) => {
      // A person's signatures of the last day, counted while their other signing requests wait.
      await takeTurns(tx, `signatures-of:${actor.personId}`);
      const [recent] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(signature)
        .where(
          and(
            eq(signature.signerPersonId, actor.personId),
            gt(signature.createdAt, new Date(now.getTime() - 24 * 3600_000)),
          ),
        );
      if ((recent?.n ?? 0) >= SIGNATURES_PER_PERSON_PER_DAY) {
        throw new DomainError('RATE_LIMITED', 'Too many signatures today; try again tomorrow.');
      }
      const [created] = await tx
        .insert(signature)
        .values({
          allianceId: target.id,
          declarationVersionId: current.id,
          organisationId: org.id,
          signerPersonId: actor.personId,
          signerName,
          signerJobTitle,
          readLanguage: read.language,
          readTextSha256: read.textSha256,
          status: 'pending_confirmation',
          signedAt: now,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      if (!created) throw new Error('signature not created');
      // A person who signed in by link is known only by their address until now: the name they sign with is theirs.
      await tx
        .update(person)
        .set({ name: signerName })
        .where(and(eq(person.id, actor.personId), eq(person.name, actor.email.split('@')[0] ?? '')));
      const [confirmation] = await tx
        .insert(emailToken)
        .values({
          purpose: 'confirm_signature',
          email: actor.email.toLowerCase(),
          tokenHash: hashToken(token),
          subjectId: created.id,
          requestedBy: actor.personId,
          createdAt: now,
          expiresAt: new Date(now.getTime() + CONFIRMATION_HOURS * 3600_000),
        })
        .returning({ id: emailToken.id });
      await recordAudit(tx, {
        allianceId: target.id,
        actorPersonId: actor.personId,
        actorOrganisationId: org.id,
        action: 'signature.signed',
        objectType: 'signature',
        objectId: created.id,
        after: {
          status: created.status,
          declarationVersion: current.version,
          textRead: { language: read.language, textSha256: read.textSha256, isTranslation: read.isTranslation },
        },
        // Who signed, as what: evidence of the signature, and the signer's to have erased.
        personal: { personId: actor.personId, data: { signerName, signerJobTitle } },
      });
      const confirmUrl = new URL('/signatures/confirm', config.publicUrl);
      confirmUrl.searchParams.set('token', token);
      await jobs.enqueue(tx, 'send-email', {
        idempotencyKey: `signature-confirmation:${confirmation?.id}`,
        template: 'signature-confirmation',
        to: actor.email,
        locale: await localeOf(tx, actor.personId),
        data: {
          organisationName: org.legalName,
          allianceName: target.name,
          confirmUrl: confirmUrl.toString(),
          expiresInHours: CONFIRMATION_HOURS,
        },
      });
      return created;
    });
  } catch (error) {
    const info = databaseErrorOf(error);
    if (info?.code === SQLSTATE.uniqueViolation && info.constraint === 'signature_one_live_per_organisation') {
      throw conflict(
        `${org.legalName} has already signed this declaration (or its signature awaits confirmation or review).`,
      );
    }
    throw error;
  }
}
