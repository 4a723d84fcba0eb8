import { type Database, schema } from '@concord/db';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { conflict, notFound } from '../../errors.ts';
import { isUuid } from '../../lib/validate.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type DocumentEntry, registerUploadedPdf } from '../document/document.service.ts';
import { type Actor, authorize } from '../policy/policy.ts';
import { findReportContext } from './reporting.reads.ts';

const { document, progressReport } = schema;

/**
 * A representative attaches the evidence file (an audit certificate, a scheme's statement: a PDF, checked by the
 * route) to a report that is waiting for validation or for an answer. A validated report is the record the
 * figures rest on: its evidence changes only after the secretariat reopens it, as its tonnes do. The file
 * replaces any earlier one; the audit log keeps the hash of both. The report's status does not change: the
 * secretariat sees the file beside the figures it is about to validate.
 */
export async function attachReportEvidence({
  db,
  actor,
  reportId,
  pdf,
  now = new Date(),
}: {
  db: Database;
  actor: Actor | null;
  reportId: string;
  pdf: Buffer;
  now?: Date;
}): Promise<DocumentEntry> {
  const context = isUuid(reportId) ? await findReportContext(db, reportId) : null;
  if (!context) throw notFound('No such progress report.');
  authorize(actor, { action: 'report.submit', organisationId: context.pledge.organisationId });
  const { report } = context;
  if (report.status === 'validated') {
    throw conflict(
      `The report for ${report.year} is validated; ask the secretariat to reopen it before changing its evidence.`,
    );
  }
  return db.transaction(async (tx) => {
    const { entry, isNew } = await registerUploadedPdf(tx, {
      allianceId: context.pledge.allianceId,
      kind: 'report_evidence',
      title: `Progress report evidence: ${context.organisationName} (${report.year})`,
      filename: `report-evidence-${report.id}-r${report.revision}.pdf`,
      pdf,
      now,
    });
    // Conditional on the state read above: a validation (or another upload) in between wins, this one is CONFLICT.
    const [attached] = await tx
      .update(progressReport)
      .set({ evidenceDocumentId: entry.id, updatedAt: now })
      .where(
        and(
          eq(progressReport.id, report.id),
          eq(progressReport.revision, report.revision),
          inArray(progressReport.status, ['submitted', 'queried']),
          report.evidenceDocumentId === null
            ? isNull(progressReport.evidenceDocumentId)
            : eq(progressReport.evidenceDocumentId, report.evidenceDocumentId),
        ),
      )
      .returning({ id: progressReport.id });
    if (!attached) throw conflict('The report changed meanwhile; reload it and try again.');
    const [previous] = report.evidenceDocumentId
      ? await tx.select({ sha256: document.sha256 }).from(document).where(eq(document.id, report.evidenceDocumentId))
      : [];
    await recordAudit(tx, {
      allianceId: context.pledge.allianceId,
      actorPersonId: actor.personId,
      actorOrganisationId: context.pledge.organisationId,
      action: 'progress_report.evidence_attached',
      objectType: 'progress_report',
      objectId: report.id,
      before: { status: report.status, revision: report.revision, evidenceSha256: previous?.sha256 ?? null },
      after: { status: report.status, revision: report.revision, evidenceSha256: entry.sha256, isNew },
    });
    return entry;
  });
}
