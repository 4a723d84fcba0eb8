import { type Database, schema } from '@concord/db';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';

const { declarationTranslation, declarationVersion } = schema;

/** The published versions of each alliance (in force and superseded), newest first: one statement. */
export async function loadPublishedVersions(
  db: Database,
  allianceIds: readonly string[],
): Promise<schema.DeclarationVersion[][]> {
  const rows = await db
    .select()
    .from(declarationVersion)
    .where(
      and(
        inArray(declarationVersion.allianceId, [...allianceIds]),
        inArray(declarationVersion.status, ['published', 'superseded']),
      ),
    )
    .orderBy(desc(declarationVersion.version));
  return allianceIds.map((id) => rows.filter((r) => r.allianceId === id));
}

/** The draft of each alliance, or null: one statement. Callers decide who may see it (policy: declaration.edit). */
export async function loadDrafts(
  db: Database,
  allianceIds: readonly string[],
): Promise<(schema.DeclarationVersion | null)[]> {
  const rows = await db
    .select()
    .from(declarationVersion)
    .where(and(inArray(declarationVersion.allianceId, [...allianceIds]), eq(declarationVersion.status, 'draft')));
  return allianceIds.map((id) => rows.find((r) => r.allianceId === id) ?? null);
}

/** The translations of each version, by language: one statement. */
export async function loadTranslations(
  db: Database,
  versionIds: readonly string[],
): Promise<schema.DeclarationTranslation[][]> {
  const rows = await db
    .select()
    .from(declarationTranslation)
    .where(inArray(declarationTranslation.declarationVersionId, [...versionIds]))
    .orderBy(asc(declarationTranslation.language));
  return versionIds.map((id) => rows.filter((r) => r.declarationVersionId === id));
}
