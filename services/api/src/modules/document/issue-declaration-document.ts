import { PassThrough } from 'node:stream';
import { type Database, readAuditLogHead, schema } from '@concord/db';
import {
  type DeclarationSignatory,
  declarationDocumentTitle,
  documentLocaleFor,
  renderDeclaration,
} from '@concord/documents';
import { and, asc, count, desc, eq, max, sql } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import { verificationUrl } from './document.service.ts';

const { declarationTranslation, declarationVersion, document, organisation, signature } = schema;

/**
 * The declaration with its active signatories. The same version and signatory list is served from the
 * stored copy; a change (a new signatory, a withdrawal) renders and registers a new one.
 */
export async function issueDeclarationDocument({
  db,
  config,
  allianceRow,
  readerLanguage,
  now = new Date(),
}: {
  db: Database;
  config: Config;
  allianceRow: schema.Alliance;
  /** The language of the document's own words (one of `documentLocales`); the text's language without it. */
  readerLanguage?: string | undefined;
  now?: Date;
}): Promise<schema.Document | null> {
  const [declaration] = await db
    .select()
    .from(declarationVersion)
    .where(and(eq(declarationVersion.allianceId, allianceRow.id), eq(declarationVersion.status, 'published')))
    .orderBy(desc(declarationVersion.version))
    .limit(1);
  if (!declaration) return null;
  const [state] = await db
    .select({ n: count(), latest: max(signature.updatedAt) })
    .from(signature)
    .where(and(eq(signature.allianceId, allianceRow.id), eq(signature.status, 'active')));
  // l2: the layout with the audit log's head at issue, so that a copy made before it is not served again.
  const language = documentLocaleFor(readerLanguage ?? declaration.language);
  // One copy per language read in; the text's own language keeps the key it always had.
  const inLanguage = language === declaration.language ? '' : `:${language}`;
  // In a language the version has a translation into, the copy shows the translation (docs/adr/0029); its hash is
  // in the key, so that a copy made before the translation was added is not served as one.
  const [translation] = inLanguage
    ? await db
        .select()
        .from(declarationTranslation)
        .where(
          and(
            eq(declarationTranslation.declarationVersionId, declaration.id),
            eq(declarationTranslation.language, language),
          ),
        )
        .limit(1)
    : [];
  const translated = translation ? `:t${translation.textSha256.slice(0, 16)}` : '';
  const sourceKey = `l2:v${declaration.version}:${state?.n ?? 0}:${state?.latest?.toISOString() ?? '-'}${inLanguage}${translated}`;
  const [existing] = await db
    .select()
    .from(document)
    .where(
      and(eq(document.allianceId, allianceRow.id), eq(document.kind, 'declaration'), eq(document.sourceKey, sourceKey)),
    )
    .limit(1);
  if (existing) return existing;

  const chunks: Buffer[] = [];
  const output = new PassThrough();
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const { sha256, byteSize } = await renderDeclaration(
    {
      alliance: { name: allianceRow.name },
      declaration: {
        title: declaration.title,
        version: declaration.version,
        text: declaration.text,
        textSha256: declaration.textSha256,
        publishedAt: declaration.publishedAt,
      },
      generatedAt: now,
      signatoryCount: state?.n ?? 0,
      signatories: activeSignatories(db, allianceRow.id),
      verificationUrl: verificationUrl(config),
      language: declaration.language,
      translation: translation
        ? {
            language: translation.language,
            title: translation.title,
            text: translation.text,
            textSha256: translation.textSha256,
          }
        : undefined,
      readerLanguage: language,
      auditLogHead: await readAuditLogHead(db),
    },
    output,
  );
  const content = Buffer.concat(chunks);
  const [issued] = await db
    .insert(document)
    .values({
      allianceId: allianceRow.id,
      kind: 'declaration',
      title: declarationDocumentTitle({
        declaration,
        language: declaration.language,
        translation,
        readerLanguage: language,
      }),
      sha256,
      byteSize,
      content,
      filename: `declaration-${allianceRow.slug}-v${declaration.version}${inLanguage.replace(':', '-')}.pdf`,
      language,
      sourceKey,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (issued) return issued;
  // Another request rendered the same state at the same moment: serve theirs.
  const [theirs] = await db
    .select()
    .from(document)
    .where(
      and(eq(document.allianceId, allianceRow.id), eq(document.kind, 'declaration'), eq(document.sourceKey, sourceKey)),
    )
    .limit(1);
  return theirs ?? null;
}

/** Active signatories by country then name, read in pages so 10,000 rows never sit in memory at once. */
async function* activeSignatories(db: Database, allianceId: string): AsyncIterable<DeclarationSignatory> {
  const pageSize = 500;
  let after: { country: string; legalName: string; id: string } | undefined;
  for (;;) {
    const rows = await db
      .select({
        id: signature.id,
        legalName: organisation.legalName,
        country: organisation.country,
        activeSince: sql<Date>`coalesce(${signature.activatedAt}, ${signature.signedAt})`.mapWith(
          (v: string | Date) => new Date(v),
        ),
      })
      .from(signature)
      .innerJoin(organisation, eq(organisation.id, signature.organisationId))
      .where(
        and(
          eq(signature.allianceId, allianceId),
          eq(signature.status, 'active'),
          after
            ? sql`(${organisation.country}, ${organisation.legalName}, ${signature.id}) > (${after.country}, ${after.legalName}, ${after.id}::uuid)`
            : undefined,
        ),
      )
      .orderBy(asc(organisation.country), asc(organisation.legalName), asc(signature.id))
      .limit(pageSize);
    for (const row of rows) yield { legalName: row.legalName, country: row.country, activeSince: row.activeSince };
    if (rows.length < pageSize) return;
    const last = rows.at(-1);
    if (!last) return;
    after = { country: last.country, legalName: last.legalName, id: last.id };
  }
}
