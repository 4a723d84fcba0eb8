import { createHash } from 'node:crypto';
import { schema } from '@concord/db';
import { eq } from 'drizzle-orm';
import { conflict } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { authorize } from '../policy/policy.ts';
import { documentEntryColumns, namesFor } from './pledge-lifecycle.reads.ts';
import { type Deps, EDITABLE, lock, notEditable, pledgeFor } from './pledge-lifecycle.service.ts';

const { document, pledgeVersion } = schema;

export type StatementEntry = Omit<schema.Document, 'content'>;

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
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  return db.transaction(async (tx) => {
    const { row, open } = await lock(tx, current.id);
    if (!open || !EDITABLE.includes(open.status)) throw notEditable(open);
    const names = await namesFor(tx, row);
    const [inserted] = await tx
      .insert(document)
      .values({
        allianceId: row.allianceId,
        kind: 'pledge_statement',
        title: `Pledge statement: ${names.organisationName} (version ${open.version})`,
        sha256,
        byteSize: pdf.byteLength,
        content: pdf,
        filename: `pledge-statement-${row.id}-v${open.version}.pdf`,
        createdAt: now,
      })
      .onConflictDoNothing({ target: document.sha256 })
      .returning({ id: document.id });
    const [entry] = await tx.select(documentEntryColumns).from(document).where(eq(document.sha256, sha256));
    if (entry?.kind !== 'pledge_statement' || entry.allianceId !== row.allianceId) {
      throw conflict('This file is already registered as another kind of document.');
    }
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
        sha256,
        isNew: Boolean(inserted),
      },
    });
    return entry;
  });
}
