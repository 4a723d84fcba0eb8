import { createHash } from 'node:crypto';
import { type Database, schema, type Transaction } from '@concord/db';
import { and, desc, eq, getTableColumns, inArray } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import { badInput, conflict } from '../../errors.ts';

const { document, signature } = schema;

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
