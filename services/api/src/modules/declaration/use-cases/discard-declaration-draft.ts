import { schema } from '@concord/db';
import { and, eq } from 'drizzle-orm';
import { allianceForChange, type Deps } from '../../alliance/alliance-changes.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { authenticate } from '../../policy/policy.ts';

const { declarationVersion } = schema;

/** The secretariat throws the draft away (its number is free again). False when there was none. */
export async function discardDeclarationDraft({ db, actor, slug }: Deps & { slug: string }): Promise<boolean> {
  authenticate(actor);
  return db.transaction(async (tx) => {
    const alliance = await allianceForChange(tx, actor, slug, 'declaration.edit');
    const [discarded] = await tx
      .delete(declarationVersion)
      .where(and(eq(declarationVersion.allianceId, alliance.id), eq(declarationVersion.status, 'draft')))
      .returning();
    if (!discarded) return false;
    await recordAudit(tx, {
      allianceId: alliance.id,
      actorPersonId: actor.personId,
      action: 'declaration.draft_discarded',
      objectType: 'declaration_version',
      objectId: discarded.id,
      before: { version: discarded.version, textSha256: discarded.textSha256 },
    });
    return true;
  });
}
