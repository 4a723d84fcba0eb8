import { databaseErrorOf, SQLSTATE, schema, takeTurns } from '@concord/db';
import { and, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import { conflict, DomainError, notFound } from '../../../errors.ts';
import { hashToken, newToken } from '../../../lib/tokens.ts';
import { requiredText } from '../../../lib/validate.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { localeOf } from '../../language/locale-of.ts';
import { authorize } from '../../policy/policy.ts';
import type { Deps } from '../signature-transitions.ts';
import { closedWindowMessage, signingWindowOf } from '../signing-window.ts';

const { alliance, declarationTranslation, declarationVersion, emailToken, organisation, person, signature } = schema;

export const CONFIRMATION_HOURS = 48;
/** Signing is rate-limited per person: a person signing for more organisations than this in a day is odd. */
export const SIGNATURES_PER_PERSON_PER_DAY = 10;

export interface SignInput {
  allianceSlug: string;
  organisationId: string;
  declarationVersion: number;
  signerName: string;
  signerJobTitle: string;
  /** The language of the text the signer read; absent: the authentic text. */
  textLanguage?: string | null;
  /** The SHA-256 of that text as the signer read it; required with `textLanguage`. */
  textSha256?: string | null;
}

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
  const signerName = requiredText(input.signerName, 'input.signerName', { max: 200, isName: true });
  const signerJobTitle = requiredText(input.signerJobTitle, 'input.signerJobTitle', { max: 200 });
  const [target] = await db.select().from(alliance).where(eq(alliance.slug, input.allianceSlug)).limit(1);
  if (!target) throw notFound(`No alliance has the slug "${input.allianceSlug}".`);
  const versions = await db
    .select()
    .from(declarationVersion)
    // Superseded versions too: signing one is "read the current one", not "no such version".
    .where(
      and(
        eq(declarationVersion.allianceId, target.id),
        inArray(declarationVersion.status, ['published', 'superseded']),
      ),
    )
    .orderBy(desc(declarationVersion.version));
  const current = versions.find((v) => v.status === 'published');
  if (!current) throw conflict('This alliance has no published declaration to sign.');
  // Drafts are not shown to signers: a version that was never published does not exist for them.
  if (!versions.some((v) => v.version === input.declarationVersion)) {
    throw new DomainError(
      'NOT_FOUND',
      `This declaration has no version ${input.declarationVersion}; version ${current.version} is the one to sign.`,
      'input.declarationVersion',
    );
  }
  if (current.version !== input.declarationVersion) {
    throw new DomainError(
      'CONFLICT',
      `Version ${current.version} of the declaration is now current; read it before signing.`,
      'input.declarationVersion',
    );
  }
  const read = await textReadOf(db, current, input);
  const window = signingWindowOf(target, now);
  if (window.state !== 'open') throw conflict(closedWindowMessage(window));
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

/**
 * Which text of the version the signer read (docs/adr/0029): the authentic one when the input names none, else the
 * authentic text or the translation in the language named, whose hash must be the one the signer's page showed
 * (a translation is final once its version is published, so another hash is a page from before, or a forgery).
 */
export async function textReadOf(
  db: Deps['db'],
  current: schema.DeclarationVersion,
  input: Pick<SignInput, 'textLanguage' | 'textSha256'>,
): Promise<{ language: string; textSha256: string; isTranslation: boolean }> {
  const language = input.textLanguage?.trim() ?? '';
  const sha256 = input.textSha256?.trim().toLowerCase() ?? '';
  if (!language && !sha256) return { language: current.language, textSha256: current.textSha256, isTranslation: false };
  if (!language) throw new DomainError('BAD_USER_INPUT', 'Name the language of the text read.', 'input.textLanguage');
  if (!/^[0-9a-f]{64}$/.test(sha256)) {
    throw new DomainError('BAD_USER_INPUT', 'The SHA-256 of the text read: 64 hexadecimal digits.', 'input.textSha256');
  }
  let text: { textSha256: string } | undefined = current.language === language ? current : undefined;
  if (!text) {
    [text] = await db
      .select({ textSha256: declarationTranslation.textSha256 })
      .from(declarationTranslation)
      .where(
        and(eq(declarationTranslation.declarationVersionId, current.id), eq(declarationTranslation.language, language)),
      );
  }
  if (!text) {
    throw new DomainError(
      'NOT_FOUND',
      `Version ${current.version} of the declaration has no text in "${language}".`,
      'input.textLanguage',
    );
  }
  if (text.textSha256 !== sha256) {
    throw new DomainError(
      'CONFLICT',
      'The text you read is not the one published in that language; read it again before signing.',
      'input.textSha256',
    );
  }
  return { language, textSha256: text.textSha256, isTranslation: language !== current.language };
}
