import { type Database, schema } from '@concord/db';
import { eq, sql } from 'drizzle-orm';
import { conflict } from '../../../errors.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { type Actor, authenticate, authorize } from '../../policy/policy.ts';
import { utcDate } from '../../reporting/reporting-dates.ts';
import { findRegisterImport } from '../register-import.reads.ts';
import { readImportFile } from '../register-import-file.ts';
import type { ImportSheet } from '../register-import-format.ts';
import { planImport } from '../register-import-plan.ts';
import { writeImport } from '../register-import-writes.ts';

/** The lock two confirmations of one alliance take in turn (pg_advisory_xact_lock's first key). */
const IMPORT_LOCK = 0x7265_6769; // 'regi'

/**
 * The secretariat confirms a dry run: the file is planned again against the register as it is now, under a lock
 * that one alliance's confirmations take in turn, and everything it brings is written in this one transaction,
 * or nothing. A second confirmation of the same import is a CONFLICT; another upload of the same file, confirmed
 * after it, finds every key imported and writes no row of the register. Nobody is e-mailed.
 */
export async function confirmRegisterImport({
  db,
  actor,
  importId,
  now = new Date(),
}: {
  db: Database;
  actor: Actor | null;
  importId: string;
  now?: Date;
}): Promise<schema.RegisterImport> {
  authenticate(actor);
  return db.transaction(async (tx) => {
    const found = await findRegisterImport(tx, importId, 'importId');
    authorize(actor, { action: 'register.import', allianceId: found.allianceId });
    await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK}, hashtext(${found.allianceId}))`);
    const [current] = await tx
      .select()
      .from(schema.registerImport)
      .where(eq(schema.registerImport.id, found.id))
      .for('update');
    if (!current || current.status === 'confirmed' || !current.content) {
      throw conflict('This import is confirmed already: its rows are in the register.');
    }
    const [alliance] = await tx.select().from(schema.alliance).where(eq(schema.alliance.id, current.allianceId));
    const sheets = readImportFile({
      bytes: current.content,
      format: current.format === 'xlsx' ? 'xlsx' : 'csv',
      csvSheet: (current.csvSheet as ImportSheet | null) ?? null,
    });
    const plan = await planImport(
      {
        tx,
        allianceId: current.allianceId,
        actorPersonId: actor.personId,
        locale: alliance?.languages[0] ?? 'en',
        today: utcDate(now),
        now,
      },
      sheets,
    );
    await writeImport(tx, { allianceId: current.allianceId, importId: current.id }, plan.writes);
    const [confirmed] = await tx
      .update(schema.registerImport)
      .set({
        status: 'confirmed',
        confirmedAt: now,
        confirmedByPersonId: actor.personId,
        totals: plan.totals,
        rows: plan.rows,
        // The file's names and addresses live on in the register alone.
        content: null,
      })
      .where(eq(schema.registerImport.id, current.id))
      .returning();
    if (!confirmed) throw new Error('register import not confirmed');
    await recordAudit(tx, {
      allianceId: current.allianceId,
      actorPersonId: actor.personId,
      action: 'register_import.confirmed',
      objectType: 'register_import',
      objectId: current.id,
      after: {
        fileSha256: current.fileSha256,
        written: Object.fromEntries(Object.entries(plan.writes).map(([table, rows]) => [table, rows.length])),
        totals: plan.totals,
      },
    });
    return confirmed;
  });
}
