import { createHash } from 'node:crypto';
import { type Database, readAuditLogHead, schema } from '@concord/db';
import { documentLocaleFor, renderCertificate } from '@concord/documents';
import { and, eq } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { certificateVerificationUrl, documentUrl, verificationUrl } from './document.service.ts';

const { alliance, declarationVersion, document, organisation, person, signature } = schema;

/**
 * Renders the certificate of an active signature, registers it and e-mails it to the signer, in one
 * transaction. Runs as a job; running it twice, one run after the other or at once, issues one certificate and one
 * e-mail (services/api/test/certificate-once.db.test.ts).
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
    // Runs of the job at once (one that a stalled worker still runs while another has taken it over) take turns
    // here: the first registers its certificate, the others find it and answer it. Their renderings are dropped.
    const [locked] = await tx
      .select({ status: signature.status })
      .from(signature)
      .where(eq(signature.id, signatureId))
      .for('update');
    // Withdrawn while the certificate was being rendered: nothing to certify any more.
    if (locked?.status !== 'active') return null;
    const [registered] = existing
      ? [existing]
      : await tx
          .select()
          .from(document)
          .where(and(eq(document.signatureId, signatureId), eq(document.kind, 'signature_certificate')))
          .limit(1);
    let issued = registered;
    // Registered by an earlier run, the certificate had its e-mail queued with it, in the same transaction.
    let isNew = false;
    if (!issued && pdf) {
      isNew = true;
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
    if (isNew && row.signerEmail) {
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
