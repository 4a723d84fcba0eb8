import { schema } from '@concord/db';
import { and, eq } from 'drizzle-orm';
import { DomainError } from '../../../errors.ts';
import { allianceForChange, type Deps, type MailDeps } from '../../alliance/alliance-changes.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { authenticate } from '../../policy/policy.ts';
import { inviteToResign } from '../../signing/resign-invitations.ts';

const { declarationTranslation, declarationVersion } = schema;

/**
 * The secretariat publishes the draft: it becomes the version in force, final (the database refuses any later
 * change to it) and known by the SHA-256 of its text; the version it replaces is superseded, and every signature
 * keeps pointing at the version it accepted. The hash the secretariat read must still be the draft's: a draft
 * edited meanwhile (by a colleague) is CONFLICT, so that what is published is what was read. A draft the same as
 * the version in force is CONFLICT too: there would be nothing new to sign. The representatives of signatories of an
 * earlier version are invited, by e-mail enqueued in this transaction, to re-sign (docs/adr/0032).
 */
export async function publishDeclarationVersion({
  db,
  jobs,
  config,
  actor,
  slug,
  version,
  textSha256,
  now = new Date(),
}: Deps & MailDeps & { slug: string; version: number; textSha256: string }): Promise<schema.DeclarationVersion> {
  authenticate(actor);
  return db.transaction(async (tx) => {
    const alliance = await allianceForChange(tx, actor, slug, 'declaration.edit');
    const versions = await tx.select().from(declarationVersion).where(eq(declarationVersion.allianceId, alliance.id));
    const draft = versions.find((v) => v.status === 'draft');
    const named = versions.find((v) => v.version === version);
    if (named && named.status !== 'draft') {
      throw new DomainError('CONFLICT', `Version ${version} is already published.`, 'version');
    }
    if (!draft || draft.version !== version) {
      throw new DomainError('NOT_FOUND', `There is no draft of version ${version}.`, 'version');
    }
    if (draft.textSha256 !== textSha256.trim().toLowerCase()) {
      throw new DomainError(
        'CONFLICT',
        'The draft has changed since you read it; read it again before publishing.',
        'textSha256',
      );
    }
    // A translation made before the authentic text last changed would be published as a translation of a text it
    // never saw (the database refuses it too: declaration_translations_of_published_text).
    const translations = await tx
      .select()
      .from(declarationTranslation)
      .where(eq(declarationTranslation.declarationVersionId, draft.id));
    const stale = translations.filter((tr) => tr.sourceSha256 !== draft.textSha256 || tr.language === draft.language);
    if (stale.length > 0) {
      throw new DomainError(
        'CONFLICT',
        `The translation into ${stale.map((tr) => tr.language).join(', ')} was made from an earlier text of the draft: save it again from the current text, or remove it.`,
        'version',
      );
    }
    const inForce = versions.find((v) => v.status === 'published');
    if (inForce && inForce.textSha256 === draft.textSha256 && inForce.title === draft.title) {
      throw new DomainError(
        'CONFLICT',
        `The draft is the same as version ${inForce.version}, which is in force.`,
        'version',
      );
    }
    if (inForce) {
      await tx
        .update(declarationVersion)
        .set({ status: 'superseded', updatedAt: now })
        .where(eq(declarationVersion.id, inForce.id));
    }
    const [published] = await tx
      .update(declarationVersion)
      .set({ status: 'published', publishedAt: now, updatedAt: now })
      .where(and(eq(declarationVersion.id, draft.id), eq(declarationVersion.status, 'draft')))
      .returning();
    if (!published) throw new Error('draft not published');
    const invitedToResign = await inviteToResign(tx, jobs, config, { alliance, published });
    await recordAudit(tx, {
      allianceId: alliance.id,
      actorPersonId: actor.personId,
      action: 'declaration.published',
      objectType: 'declaration_version',
      objectId: published.id,
      before: inForce ? { inForce: inForce.version } : null,
      after: {
        version: published.version,
        textSha256: published.textSha256,
        publishedAt: now.toISOString(),
        translations: translations.map((tr) => ({ language: tr.language, textSha256: tr.textSha256 })),
        invitedToResign,
      },
    });
    return published;
  });
}
