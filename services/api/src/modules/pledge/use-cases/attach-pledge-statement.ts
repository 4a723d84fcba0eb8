import { schema } from '@concord/db';
import { eq } from 'drizzle-orm';
import { recordAudit } from '../../audit/audit.service.ts';
import { type DocumentEntry, registerUploadedPdf } from '../../document/document.service.ts';
import { authorize } from '../../policy/policy.ts';
import { namesFor } from '../pledge.reads.ts';
import { type Deps, EDITABLE, lock, notEditable, pledgeFor } from '../pledge-transitions.ts';

const { pledgeVersion } = schema;

export type StatementEntry = DocumentEntry;

/**
 * Registers a signed pledge statement (a PDF, checked by the route) and links it to the version being drafted.
 * The register is content-addressed: the same PDF uploaded again is the same document.
 */
export async function attachPledgeStatement({
  db,
  actor,
  pledgeId,
  pdf,
  now = new Date(),
}: Omit<Deps, 'jobs' | 'config'> & { pledgeId: string; pdf: Buffer }): Promise<StatementEntry> {
  const current = await pledgeFor(db, actor, pledgeId);
  authorize(actor, { action: 'pledge.edit', organisationId: current.organisationId });
  return db.transaction(async (tx) => {
    const { row, open } = await lock(tx, current.id);
    if (!open || !EDITABLE.includes(open.status)) throw notEditable(row, open);
    const names = await namesFor(tx, row);
    const { entry, isNew } = await registerUploadedPdf(tx, {
      allianceId: row.allianceId,
      kind: 'pledge_statement',
      title: `Pledge statement: ${names.organisationName} (version ${open.version})`,
      filename: `pledge-statement-${row.id}-v${open.version}.pdf`,
      pdf,
      now,
    });
    await tx
      .update(pledgeVersion)
      .set({ statementDocumentId: entry.id, updatedAt: now })
      .where(eq(pledgeVersion.id, open.id));
    await recordAudit(tx, {
      allianceId: row.allianceId,
      actorPersonId: actor.personId,
      actorOrganisationId: row.organisationId,
      action: 'pledge.statement_attached',
      objectType: 'pledge',
      objectId: row.id,
      before: { status: row.status, version: open.version, versionStatus: open.status },
      after: {
        status: row.status,
        version: open.version,
        versionStatus: open.status,
        sha256: entry.sha256,
        isNew,
      },
    });
    return entry;
  });
}
