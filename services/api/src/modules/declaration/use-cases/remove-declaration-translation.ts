import { schema } from '@concord/db';
import { and, eq } from 'drizzle-orm';
import { DomainError } from '../../../errors.ts';
import { allianceForChange, type Deps } from '../../alliance/alliance-changes.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { authenticate } from '../../policy/policy.ts';

const { declarationTranslation, declarationVersion } = schema;

/** The secretariat removes a translation of the draft. A published version's translations are final: CONFLICT. */
export async function removeDeclarationTranslation({
  db,
  actor,
  slug,
  version,
  language,
}: Deps & { slug: string; version: number; language: string }): Promise<boolean> {
  authenticate(actor);
  return db.transaction(async (tx) => {
    const alliance = await allianceForChange(tx, actor, slug, 'declaration.translate');
    const [target] = await tx
      .select()
      .from(declarationVersion)
      .where(and(eq(declarationVersion.allianceId, alliance.id), eq(declarationVersion.version, version)));
    if (!target) throw new DomainError('NOT_FOUND', `The declaration has no version ${version}.`, 'version');
    if (target.status !== 'draft') {
      throw new DomainError('CONFLICT', `Version ${version} is published: its translations are final.`, 'version');
    }
    const [removed] = await tx
      .delete(declarationTranslation)
      .where(
        and(
          eq(declarationTranslation.declarationVersionId, target.id),
          eq(declarationTranslation.language, language.trim()),
        ),
      )
      .returning();
    if (!removed) return false;
    await recordAudit(tx, {
      allianceId: alliance.id,
      actorPersonId: actor.personId,
      action: 'declaration.translation_removed',
      objectType: 'declaration_version',
      objectId: target.id,
      before: { version: target.version, language: removed.language, textSha256: removed.textSha256 },
    });
    return true;
  });
}
