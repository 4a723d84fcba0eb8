import type { schema } from '@concord/db';
import { diffWords, type TextChange } from '@concord/schema/values';
import { loader } from '../../graphql/loaders.ts';
import type { DeclarationTranslationParent } from '../../graphql/mappers.ts';
import { loadCurrentDeclarations } from '../alliance/alliance.service.ts';
import { can } from '../policy/policy.ts';
import { loadDrafts, loadPublishedVersions, loadTranslations } from './declaration.reads.ts';

export const declarationLoaders = {
  Alliance: {
    declarationVersions: loader<schema.Alliance, schema.DeclarationVersion[]>((queries, { db }) =>
      loadPublishedVersions(
        db,
        queries.map((q) => q.obj.id),
      ),
    ),
    /** The secretariat's; for anyone else null, the same as when there is no draft: a draft reveals nothing. */
    declarationDraft: loader<schema.Alliance, schema.DeclarationVersion | null>(async (queries, context) => {
      const actor = await context.actor();
      const ids = queries.map((q) => q.obj.id);
      const allowed = ids.filter((id) => can(actor, { action: 'declaration.edit', allianceId: id }));
      if (allowed.length === 0) return ids.map(() => null);
      const drafts = await loadDrafts(context.db, allowed);
      return ids.map((id) => (allowed.includes(id) ? (drafts[allowed.indexOf(id)] ?? null) : null));
    }),
  },
  DeclarationVersion: {
    // Whoever reaches the version reaches its translations: the public a published one's, the secretariat a draft's.
    translations: loader<schema.DeclarationVersion, DeclarationTranslationParent[]>(async (queries, { db }) => {
      const rows = await loadTranslations(
        db,
        queries.map((q) => q.obj.id),
      );
      return queries.map(({ obj }, i) => (rows[i] ?? []).map((row) => ({ ...row, versionTextSha256: obj.textSha256 })));
    }),
    changesFromCurrent: loader<schema.DeclarationVersion, TextChange[] | null>(async (queries, { db }) => {
      const current = await loadCurrentDeclarations(
        db,
        queries.map((q) => q.obj.allianceId),
      );
      return queries.map(({ obj }, i) => {
        const inForce = current[i];
        return !inForce || inForce.id === obj.id ? null : diffWords(inForce.text, obj.text);
      });
    }),
  },
};
