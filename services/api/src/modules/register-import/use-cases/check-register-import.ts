import { type Database, schema } from '@concord/db';
import { requiredText } from '../../../lib/validate.ts';
import { getAllianceBySlug } from '../../alliance/alliance.service.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { type Actor, authenticate, authorize } from '../../policy/policy.ts';
import { utcDate } from '../../reporting/reporting-dates.ts';
import { formatOf, type ImportFile, readImportFile, sha256Of } from '../register-import-file.ts';
import { planImport } from '../register-import-plan.ts';

/**
 * The dry run: the secretariat uploads a file; every row's fate is worked out against the register as it is and
 * kept with the file, and nothing of the register is written. What it would write is written only on confirmation.
 */
export async function checkRegisterImport({
  db,
  actor,
  allianceSlug,
  file,
  now = new Date(),
}: {
  db: Database;
  actor: Actor | null;
  allianceSlug: string;
  file: ImportFile;
  now?: Date;
}): Promise<schema.RegisterImport> {
  authenticate(actor);
  const alliance = await getAllianceBySlug(db, allianceSlug);
  authorize(actor, { action: 'register.import', allianceId: alliance.id });
  const fileName = requiredText(file.fileName, 'fileName', { max: 200 });
  const { format, csvSheet } = formatOf(file);
  const sheets = readImportFile({ bytes: file.bytes, format, csvSheet });
  const plan = await planImport(
    {
      tx: db,
      allianceId: alliance.id,
      actorPersonId: actor.personId,
      locale: alliance.languages[0] ?? 'en',
      today: utcDate(now),
      now,
    },
    sheets,
  );
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(schema.registerImport)
      .values({
        allianceId: alliance.id,
        fileName,
        format,
        csvSheet,
        fileSha256: sha256Of(file.bytes),
        byteSize: file.bytes.length,
        content: file.bytes,
        totals: plan.totals,
        rows: plan.rows,
        uploadedByPersonId: actor.personId,
        createdAt: now,
      })
      .returning();
    if (!row) throw new Error('register import not recorded');
    await recordAudit(tx, {
      allianceId: alliance.id,
      actorPersonId: actor.personId,
      action: 'register_import.checked',
      objectType: 'register_import',
      objectId: row.id,
      after: { fileSha256: row.fileSha256, format, totals: plan.totals },
    });
    return row;
  });
}
