import { schema } from '@concord/db';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { conflict, DomainError } from '../../../errors.ts';
import { requiredText } from '../../../lib/validate.ts';
import type { Deps } from '../signature-transitions.ts';
import { closedWindowMessage, signingWindowOf } from '../signing-window.ts';

const { alliance, declarationTranslation, declarationVersion } = schema;

/** What a signer sends for the version they read: the signing and the re-signing form alike. */
export interface SignerInput {
  allianceSlug: string;
  organisationId: string;
  /** The version the signer read: the one in force, or CONFLICT (NOT_FOUND when it never was published). */
  declarationVersion: number;
  signerName: string;
  signerJobTitle: string;
  /** The language of the text the signer read; absent: the authentic text. */
  textLanguage?: string | null;
  /** The SHA-256 of that text as the signer read it; required with `textLanguage`. */
  textSha256?: string | null;
}

/** The declaration a signer may sign now, and what they sign it as. */
export interface DeclarationToSign {
  alliance: schema.Alliance;
  inForce: schema.DeclarationVersion;
  read: { language: string; textSha256: string; isTranslation: boolean };
  signerName: string;
  signerJobTitle: string;
}

/**
 * What signing and re-signing check before they write, once the actor's right to sign for the organisation is
 * checked, in this order and with one wording: the signer's name and job title, the alliance, the version read (the
 * one in force), the text read (docs/adr/0029), and the signing window.
 */
export async function declarationToSign(db: Deps['db'], input: SignerInput, now: Date): Promise<DeclarationToSign> {
  const signerName = requiredText(input.signerName, 'input.signerName', { max: 200, isName: true });
  const signerJobTitle = requiredText(input.signerJobTitle, 'input.signerJobTitle', { max: 200 });
  const [target] = await db.select().from(alliance).where(eq(alliance.slug, input.allianceSlug)).limit(1);
  if (!target) {
    throw new DomainError('NOT_FOUND', `No alliance has the slug "${input.allianceSlug}".`, 'input.allianceSlug');
  }
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
  const inForce = versions.find((v) => v.status === 'published');
  if (!inForce) throw conflict('This alliance has no published declaration to sign.');
  // Drafts are not shown to signers: a version that was never published does not exist for them.
  if (!versions.some((v) => v.version === input.declarationVersion)) {
    throw new DomainError(
      'NOT_FOUND',
      `This declaration has no version ${input.declarationVersion}; version ${inForce.version} is the one to sign.`,
      'input.declarationVersion',
    );
  }
  if (inForce.version !== input.declarationVersion) {
    throw new DomainError(
      'CONFLICT',
      `Version ${inForce.version} of the declaration is now current; read it before signing.`,
      'input.declarationVersion',
    );
  }
  const read = await textReadOf(db, inForce, input);
  const window = signingWindowOf(target, now);
  if (window.state !== 'open') throw conflict(closedWindowMessage(window));
  return { alliance: target, inForce, read, signerName, signerJobTitle };
}

/**
 * Which text of the version the signer read (docs/adr/0029): the authentic one when the input names none, else the
 * authentic text or the translation in the language named, whose hash must be the one the signer's page showed
 * (a translation is final once its version is published, so another hash is a page from before, or a forgery).
 */
async function textReadOf(
  db: Deps['db'],
  current: schema.DeclarationVersion,
  input: Pick<SignerInput, 'textLanguage' | 'textSha256'>,
): Promise<{ language: string; textSha256: string; isTranslation: boolean }> {
  const sha256 = input.textSha256?.trim().toLowerCase() ?? '';
  if (!input.textLanguage?.trim() && !sha256) {
    return { language: current.language, textSha256: current.textSha256, isTranslation: false };
  }
  // A hash without a language is of the authentic text.
  const language = input.textLanguage?.trim() || current.language;
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
