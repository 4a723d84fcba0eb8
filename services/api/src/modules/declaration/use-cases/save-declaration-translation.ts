import { databaseErrorOf, SQLSTATE, schema } from '@concord/db';
import { and, eq } from 'drizzle-orm';
import { DomainError } from '../../../errors.ts';
import type { DeclarationTranslationParent } from '../../../graphql/mappers.ts';
import { allianceForChange, type Deps } from '../../alliance/alliance-changes.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { authenticate } from '../../policy/policy.ts';
import {
  type DeclarationTranslationInput,
  declarationTextSha256,
  parseDeclarationTranslation,
} from '../declaration-input.ts';

const { declarationTranslation, declarationVersion } = schema;

/**
 * The secretariat adds a translation to a version of the declaration (docs/adr/0029). On the draft it may be
 * replaced until the draft is published; on the version in force it is added once and is then final, as the
 * version is (the database refuses any change to it). The authentic text is never touched: the translation is
 * hashed as the authentic text is, and records the authentic text's hash it was made from. A superseded version
 * takes none: nobody signs it any more. The alliance is locked, so two saves at once apply one after the other.
 */
export async function saveDeclarationTranslation({
  db,
  actor,
  slug,
  version,
  input,
  now = new Date(),
}: Deps & {
  slug: string;
  version: number;
  input: DeclarationTranslationInput;
}): Promise<DeclarationTranslationParent> {
  authenticate(actor);
  try {
    return await db.transaction(async (tx) => {
      const alliance = await allianceForChange(tx, actor, slug, 'declaration.translate');
      const [target] = await tx
        .select()
        .from(declarationVersion)
        .where(and(eq(declarationVersion.allianceId, alliance.id), eq(declarationVersion.version, version)));
      if (!target) throw new DomainError('NOT_FOUND', `The declaration has no version ${version}.`, 'version');
      if (target.status === 'superseded') {
        throw new DomainError(
          'CONFLICT',
          `Version ${version} is superseded: translate the version in force or the draft.`,
          'version',
        );
      }
      const { language, title, text } = parseDeclarationTranslation(input, alliance.languages, target.language);
      const textSha256 = declarationTextSha256(text);
      const [existing] = await tx
        .select()
        .from(declarationTranslation)
        .where(
          and(
            eq(declarationTranslation.declarationVersionId, target.id),
            eq(declarationTranslation.language, language),
          ),
        );
      if (existing && target.status !== 'draft') {
        throw new DomainError(
          'CONFLICT',
          `Version ${version} is published and already has its translation into ${language}, which is final.`,
          'input.language',
        );
      }
      const values = { title, text, textSha256, sourceSha256: target.textSha256, updatedAt: now };
      const [saved] = existing
        ? await tx
            .update(declarationTranslation)
            .set(values)
            .where(eq(declarationTranslation.id, existing.id))
            .returning()
        : await tx
            .insert(declarationTranslation)
            .values({ ...values, declarationVersionId: target.id, language, createdAt: now })
            .returning();
      if (!saved) throw new Error('translation not saved');
      await recordAudit(tx, {
        allianceId: alliance.id,
        actorPersonId: actor.personId,
        action: 'declaration.translation_saved',
        objectType: 'declaration_version',
        objectId: target.id,
        before: existing ? { language, textSha256: existing.textSha256 } : null,
        after: {
          version: target.version,
          status: target.status,
          language,
          textSha256,
          authenticTextSha256: target.textSha256,
        },
      });
      return { ...saved, versionTextSha256: target.textSha256 };
    });
  } catch (error) {
    const info = databaseErrorOf(error);
    if (info?.code === SQLSTATE.uniqueViolation && info.constraint === 'declaration_translation_one_per_language') {
      throw new DomainError(
        'CONFLICT',
        `Version ${version} already has a translation into that language.`,
        'input.language',
      );
    }
    throw error;
  }
}
