import { type Database, schema } from '@concord/db';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { ImportWrites } from './register-import-plan.ts';

/** Rows per INSERT: a pledge has about 20 columns, and PostgreSQL takes at most 65,535 parameters a statement. */
const BATCH = 1000;

async function insertAll<T extends PgTable>(tx: Database, table: T, rows: readonly T['$inferInsert'][]): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH) {
    await tx.insert(table).values(rows.slice(start, start + BATCH) as T['$inferInsert'][]);
  }
}

/**
 * Writes a confirmed import, set-based: one INSERT per thousand rows of each table, in the order the foreign keys
 * ask for. The rollups' statement triggers (ADR 0005) then count the new pledges and reports once per statement.
 */
export async function writeImport(
  tx: Database,
  { allianceId, importId }: { allianceId: string; importId: string },
  writes: ImportWrites,
): Promise<void> {
  await insertAll(tx, schema.organisation, writes.organisations);
  await insertAll(
    tx,
    schema.registerImportKey,
    writes.keys.map((k) => ({ allianceId, importId, ...k })),
  );
  await insertAll(tx, schema.person, writes.people);
  await insertAll(tx, schema.organisationMember, writes.representatives);
  await insertAll(tx, schema.signature, writes.signatures);
  await insertAll(tx, schema.workingGroupMember, writes.memberships);
  await insertAll(tx, schema.pledge, writes.pledges);
  await insertAll(tx, schema.pledgeVersion, writes.pledgeVersions);
  await insertAll(tx, schema.progressReport, writes.reports);
}
