import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { type Database, readAuditLogHead, schema, type Transaction } from '@concord/db';
import {
  type DeclarationSignatory,
  declarationDocumentTitle,
  documentLocaleFor,
  renderCertificate,
  renderDeclaration,
} from '@concord/documents';
import { and, asc, count, desc, eq, getTableColumns, inArray, max, sql } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import { badInput, conflict } from '../../errors.ts';
import type { JobQueue } from '../../jobs/queue.ts';

const { alliance, declarationTranslation, declarationVersion, document, organisation, person, signature } = schema;

export const documentUrl = (sha256: string) => `/documents/${sha256}.pdf`;
export const verificationUrl = (config: Config, sha256?: string) =>
  `${config.publicUrl}/verify${sha256 ? `?sha256=${sha256}` : ''}`;
/**
 * What a certificate's QR code and printed link open. A PDF cannot contain its own SHA-256, so the certificate
 * names the signature it certifies (its id is printed on it too); the register resolves that to the one
 * certificate issued for it, with its SHA-256, so that scanning a printed copy checks that very certificate.
 */
export const certificateVerificationUrl = (config: Config, signatureId: string) =>
  `${config.publicUrl}/verify?certificate=${signatureId}`;

/**
 * Renders the certificate of an active signature, registers it and e-mails it to the signer, in one
 * transaction. Runs as a job; running it twice issues one certificate and one e-mail.
 */
export async function issueCertificate({
  db,
  jobs,
  config,
  signatureId,
  now = new Date(),
}: {
  db: Database;
  jobs: JobQueue;
  config: Config;
  signatureId: string;
  now?: Date;
}): Promise<schema.Document | null> {
  const [row] = await db
    .select({
      signature,
      organisation,
      alliance,
      declaration: declarationVersion,
      signerEmail: person.email,
      signerLocale: person.locale,
    })
    .from(signature)
    .innerJoin(organisation, eq(organisation.id, signature.organisationId))
    .innerJoin(alliance, eq(alliance.id, signature.allianceId))
    .innerJoin(declarationVersion, eq(declarationVersion.id, signature.declarationVersionId))
    .leftJoin(person, eq(person.id, signature.signerPersonId))
    .where(eq(signature.id, signatureId))
    .limit(1);
  // Withdrawn or rejected since the job was queued: nothing to certify.
  if (row?.signature.status !== 'active' || !row.signature.activatedAt) return null;

  // A certificate is the signer's: written in the language they chose (the declaration's title stays as published).
  const certificateLanguage = documentLocaleFor(row.signerLocale ?? row.declaration.language);
  const [existing] = await db
    .select()
    .from(document)
    .where(and(eq(document.signatureId, signatureId), eq(document.kind, 'signature_certificate')))
    .limit(1);
  const pdf = existing
    ? null
    : await renderCertificate({
        auditLogHead: await readAuditLogHead(db),
        alliance: { name: row.alliance.name },
        organisation: { legalName: row.organisation.legalName, country: row.organisation.country },
        signer: { name: row.signature.signerName, jobTitle: row.signature.signerJobTitle },
        declaration: {
          title: row.declaration.title,
          version: row.declaration.version,
          textSha256: row.declaration.textSha256,
          language: row.declaration.language,
          publishedAt: row.declaration.publishedAt,
        },
        // What the signer read, as recorded when they signed (a row without it read the authentic text).
        textRead:
          row.signature.readLanguage && row.signature.readTextSha256
            ? { language: row.signature.readLanguage, textSha256: row.signature.readTextSha256 }
            : undefined,
        signatureId,
        signedAt: row.signature.signedAt,
        activatedAt: row.signature.activatedAt,
        issuedAt: now,
        verificationUrl: certificateVerificationUrl(config, signatureId),
        language: certificateLanguage,
      });

  return db.transaction(async (tx) => {
    let issued = existing;
    if (!issued && pdf) {
      const sha256 = createHash('sha256').update(pdf).digest('hex');
      [issued] = await tx
        .insert(document)
        .values({
          allianceId: row.alliance.id,
          kind: 'signature_certificate',
          signatureId,
          title: `Certificate of signature: ${row.organisation.legalName}`,
          sha256,
          byteSize: pdf.byteLength,
          content: pdf,
          filename: `certificate-${slugify(row.organisation.legalName)}.pdf`,
          language: certificateLanguage,
          createdAt: now,
        })
        .returning();
    }
    if (!issued) return null;
    if (row.signerEmail) {
      await jobs.enqueue(tx, 'send-email', {
        idempotencyKey: `signature-approved:${signatureId}`,
        template: 'signature-approved',
        to: row.signerEmail,
        locale: row.signerLocale ?? 'en',
        data: {
          organisationName: row.organisation.legalName,
          allianceName: row.alliance.name,
          certificateUrl: `${config.publicUrl}${documentUrl(issued.sha256)}`,
          verificationUrl: verificationUrl(config, issued.sha256),
          // A re-signature was not reviewed: its e-mail says what was signed instead (docs/adr/0032).
          renewedVersion: row.signature.renewsSignatureId ? row.declaration.version : null,
        },
        attachments: [{ filename: issued.filename, documentSha256: issued.sha256 }],
      });
    }
    return issued;
  });
}

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

export async function loadDocumentContent(
  db: Database,
  sha256: string,
): Promise<{ content: Buffer; contentType: string } | null> {
  const [row] = await db
    .select({ content: document.content, contentErasedAt: document.contentErasedAt })
    .from(document)
    .where(eq(document.sha256, sha256))
    .limit(1);
  // An erased file (it named a person whose data was erased) is no file: its entry alone stays.
  if (!row || row.contentErasedAt) return null;
  return { content: Buffer.from(row.content), contentType: 'application/pdf' };
}

/** A document's register entry: every column but the PDF itself. */
export type DocumentEntry = Omit<schema.Document, 'content'>;
const { content: _content, ...entryColumns } = getTableColumns(document);
export const documentEntryColumns = entryColumns;

/**
 * Registers a PDF a signatory uploaded (already checked to be one) inside the caller's transaction. The register
 * is content-addressed: the same file uploaded again is the same document (`isNew` false), provided it is of the
 * same kind and alliance; otherwise CONFLICT, since one entry cannot say two things about itself.
 */
export async function registerUploadedPdf(
  tx: Transaction,
  upload: {
    allianceId: string;
    kind: Extract<schema.DocumentKind, 'pledge_statement' | 'report_evidence'>;
    title: string;
    filename: string;
    pdf: Buffer;
    now: Date;
  },
): Promise<{ entry: DocumentEntry; isNew: boolean }> {
  const sha256 = createHash('sha256').update(upload.pdf).digest('hex');
  const inserted = await tx
    .insert(document)
    .values({
      allianceId: upload.allianceId,
      kind: upload.kind,
      title: upload.title,
      sha256,
      byteSize: upload.pdf.byteLength,
      content: upload.pdf,
      filename: upload.filename,
      createdAt: upload.now,
    })
    .onConflictDoNothing({ target: document.sha256 })
    .returning({ id: document.id });
  const [entry] = await tx.select(entryColumns).from(document).where(eq(document.sha256, sha256));
  if (!entry || entry.kind !== upload.kind || entry.allianceId !== upload.allianceId) {
    throw conflict('This file is already registered as another kind of document.');
  }
  return { entry, isNew: inserted.length > 0 };
}

/**
 * The certificate issued for a signature, if any. Only signatures that became active get one, and an active
 * signature is public, so an id without a certificate (pending, rejected) answers exactly as an unknown id.
 */
export async function findCertificate(db: Database, signatureId: string): Promise<DocumentEntry | null> {
  const [row] = await db
    .select(entryColumns)
    .from(document)
    .where(and(eq(document.signatureId, signatureId), eq(document.kind, 'signature_certificate')))
    .limit(1);
  return row ?? null;
}

/** What a check against the register answers: the entry, and for a certificate whether its signature is active. */
export async function verificationOf(db: Database, sha256: string, entry: DocumentEntry | null) {
  let signatureStatus: schema.SignatureStatus | null = null;
  if (entry?.signatureId) {
    const [row] = await db
      .select({ status: signature.status })
      .from(signature)
      .where(eq(signature.id, entry.signatureId));
    signatureStatus = row?.status ?? null;
  }
  return {
    sha256,
    document: entry,
    isSignatureActive: entry?.signatureId ? signatureStatus === 'active' : null,
    signatureStatus,
  };
}

export async function findDocument(db: Database, sha256: string): Promise<DocumentEntry | null> {
  const [row] = await db.select(entryColumns).from(document).where(eq(document.sha256, sha256)).limit(1);
  return row ?? null;
}

export async function loadCertificates(
  db: Database,
  signatureIds: readonly string[],
): Promise<(DocumentEntry | null)[]> {
  const rows = await db
    .select(entryColumns)
    .from(document)
    .where(and(inArray(document.signatureId, [...signatureIds]), eq(document.kind, 'signature_certificate')));
  const bySignature = new Map(rows.map((r) => [r.signatureId, r]));
  return signatureIds.map((id) => bySignature.get(id) ?? null);
}

/** The latest declaration document issued for an alliance, without rendering a new one. */
export async function latestDeclarationDocument(db: Database, allianceId: string): Promise<DocumentEntry | null> {
  const [row] = await db
    .select(entryColumns)
    .from(document)
    .where(and(eq(document.allianceId, allianceId), eq(document.kind, 'declaration')))
    .orderBy(desc(document.createdAt))
    .limit(1);
  return row ?? null;
}

export function normaliseSha256(value: string, field = 'sha256'): string {
  const hash = value.trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hash)) throw badInput(field, 'A SHA-256 is 64 hexadecimal digits.');
  return hash;
}

function slugify(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'organisation'
  );
}
