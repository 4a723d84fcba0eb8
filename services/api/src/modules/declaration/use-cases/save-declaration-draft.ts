import { schema } from '@concord/db';
import { and, eq, sql } from 'drizzle-orm';
import { allianceForChange, type Deps } from '../../alliance/alliance-changes.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { authenticate } from '../../policy/policy.ts';
import { type DeclarationDraftInput, declarationTextSha256, parseDeclarationDraft } from '../declaration-input.ts';

const { declarationVersion } = schema;

/**
 * The secretariat writes the declaration's next version: the draft is created with the next number, or replaced
 * in place while it is one. The alliance is locked, so two saves at once apply one after the other (and the
 * database holds one draft per alliance). Private until published: the audit event records its number and hash,
 * not its text.
 */
export async function saveDeclarationDraft({
  db,
  actor,
  slug,
  input,
  now = new Date(),
}: Deps & { slug: string; input: DeclarationDraftInput }): Promise<schema.DeclarationVersion> {
  authenticate(actor);
  return db.transaction(async (tx) => {
    const alliance = await allianceForChange(tx, actor, slug, 'declaration.edit');
    const { title, text, language } = parseDeclarationDraft(input, alliance.languages);
    const textSha256 = declarationTextSha256(text);
    const [existing] = await tx
      .select()
      .from(declarationVersion)
      .where(and(eq(declarationVersion.allianceId, alliance.id), eq(declarationVersion.status, 'draft')));
    let draft: schema.DeclarationVersion | undefined;
    if (existing) {
      [draft] = await tx
        .update(declarationVersion)
        .set({ title, text, textSha256, language, updatedAt: now })
        .where(eq(declarationVersion.id, existing.id))
        .returning();
    } else {
      const [next] = await tx
        .select({ version: sql<number>`coalesce(max(${declarationVersion.version}), 0)::int + 1` })
        .from(declarationVersion)
        .where(eq(declarationVersion.allianceId, alliance.id));
      [draft] = await tx
        .insert(declarationVersion)
        .values({
          allianceId: alliance.id,
          version: next?.version ?? 1,
          title,
          text,
          textSha256,
          language,
          status: 'draft',
          createdAt: now,
          updatedAt: now,
        })
        .returning();
    }
    if (!draft) throw new Error('draft not saved');
    await recordAudit(tx, {
      allianceId: alliance.id,
      actorPersonId: actor.personId,
      action: 'declaration.draft_saved',
      objectType: 'declaration_version',
      objectId: draft.id,
      before: existing ? { textSha256: existing.textSha256 } : null,
      after: { version: draft.version, textSha256, language },
    });
    return draft;
  });
}
