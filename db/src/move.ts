import { pgDump } from '@electric-sql/pglite-tools/pg_dump';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { type AuditLogHead, findAuditLogBreak, readAuditLogHead } from './audit-log.ts';
import { createDatabase, type DatabaseHandle, redactUrl } from './client.ts';

/** The schemas Concord's data lives in: its tables, Drizzle's migration journal and the job queue. */
export const MOVED_SCHEMAS = ['public', 'drizzle', 'pgboss'] as const;

/** One table's fingerprint: its row count and a digest of all its rows in a fixed order. */
export interface TableFingerprint {
  table: string;
  rows: number;
  digest: string;
}

export interface MoveReport {
  tables: TableFingerprint[];
  auditHead: AuditLogHead;
}

export class MoveRefused extends Error {}

/**
 * Copies an embedded (PGlite) installation into an empty PostgreSQL database, and proves the copy: every table of
 * Concord's schemas has the same rows on both sides (count and digest), and the audit chain, recomputed on the
 * server from its first event, reaches the same head. The copy is PGlite's own pg_dump (compiled to WebAssembly,
 * `@electric-sql/pglite-tools`), loaded in one transaction: the server holds all of it or nothing. Tables are
 * created, filled, and only then given their constraints and triggers, as pg_dump orders it, so the audit log's
 * append-only trigger does not stand in the way and is in place afterwards.
 *
 * The embedded database must not be open in a running Concord (PGlite is one process's); the server database must
 * be empty, and is best created by its owner role, which then owns what is copied (README, "Two database roles").
 */
export async function moveToPostgres(
  source: DatabaseHandle,
  targetUrl: string,
  progress: (line: string) => void = () => {},
): Promise<MoveReport> {
  if (source.kind !== 'pglite' || !source.pglite) throw new MoveRefused('The source must be the embedded database.');
  const target = postgres(targetUrl, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    const [occupied] = await target<{ tables: number }[]>`
      select count(*)::int as tables from information_schema.tables
      where table_schema = any(${MOVED_SCHEMAS as unknown as string[]})`;
    if ((occupied?.tables ?? 0) > 0) {
      throw new MoveRefused(
        `${redactUrl(targetUrl)} already has ${occupied?.tables} tables in Concord's schemas: the target must be an empty database.`,
      );
    }
    progress('Reading the embedded database (pg_dump)…');
    const dump = await pgDump({
      pg: source.pglite,
      args: ['--no-owner', '--no-privileges', '--rows-per-insert=500', ...MOVED_SCHEMAS.map((s) => `--schema=${s}`)],
    });
    const script = forOlderServers(await dump.text());
    progress(
      `Writing ${(script.length / 1024 / 1024).toFixed(1)} MB of SQL to ${redactUrl(targetUrl)} in one transaction…`,
    );
    await target.begin(async (tx) => {
      await tx.unsafe(script).simple();
    });
  } finally {
    await target.end({ timeout: 5 });
  }

  progress('Comparing every table…');
  const server = await createDatabase({ url: targetUrl, maxConnections: 2 });
  try {
    const before = await fingerprint(source);
    const after = await fingerprint(server);
    const differing = before.filter((t, i) => after[i]?.table !== t.table || after[i]?.digest !== t.digest);
    if (before.length !== after.length || differing.length > 0) {
      throw new Error(`The copy differs from the embedded database in ${differing.map((t) => t.table).join(', ')}.`);
    }
    for (const t of after) progress(`  ${t.table}: ${t.rows} rows, identical`);
    progress('Recomputing the audit chain on the server…');
    const head = await readAuditLogHead(server.db);
    const sourceHead = await readAuditLogHead(source.db);
    if (head.seq !== sourceHead.seq || head.hash !== sourceHead.hash) {
      throw new Error(
        `The audit log's head is ${head.seq} on the server but ${sourceHead.seq} in the embedded database.`,
      );
    }
    const broken = await findAuditLogBreak(server.db, { through: head.seq });
    if (broken) throw new Error(`The audit chain on the server breaks at event ${broken.seq}.`);
    progress(`Audit log: ${head.seq} events, head ${head.hash}, chain intact.`);
    return { tables: after, auditHead: head };
  } finally {
    await server.close();
  }
}

/**
 * pg_dump writes for its own server version (PGlite is PostgreSQL 18); the settings a PostgreSQL 15 to 17 server
 * does not know are left out. They only concern the restore session (no timeouts), not the data.
 */
function forOlderServers(script: string): string {
  return (
    script
      .replace(/^SET transaction_timeout = 0;$/m, '')
      // Every new database has `public` already (pg_dump names it because the schemas are listed).
      .replace(/^CREATE SCHEMA (\w+);$/gm, 'CREATE SCHEMA IF NOT EXISTS $1;')
  );
}

/**
 * Every table of Concord's schemas with its row count and an MD5 of its rows as text, sorted: the same on two
 * servers exactly when the rows are the same. Timestamps print in UTC on both sides.
 */
export async function fingerprint(database: DatabaseHandle): Promise<TableFingerprint[]> {
  const tables = await database.rows<{ name: string }>(sql`
    select format('%I.%I', schemaname, tablename) as name from pg_tables
    where schemaname in (${sql.raw(MOVED_SCHEMAS.map((s) => `'${s}'`).join(', '))}) order by schemaname, tablename`);
  const result: TableFingerprint[] = [];
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`set local timezone = 'UTC'`);
    for (const { name } of tables) {
      const rows = (await tx.execute(
        sql.raw(`select count(*)::int as rows,
          md5(coalesce(string_agg(r::text, E'\\n' order by r::text), '')) as digest from ${name} r`),
      )) as unknown as { rows: number; digest: string }[] | { rows: { rows: number; digest: string }[] };
      const [row] = Array.isArray(rows) ? rows : rows.rows;
      result.push({ table: name, rows: Number(row?.rows ?? 0), digest: row?.digest ?? '' });
    }
  });
  return result;
}
