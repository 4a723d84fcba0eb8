/**
 * Two database roles (docs/adr/0013): the owner, which migrates and owns every table and function, and the runtime
 * role Concord runs as, which reads and writes the register and may only read and append to the audit log. A
 * role that does not own the audit log's table cannot switch its triggers off, and one that does not own its
 * functions cannot replace them.
 */
import { type SQL, sql as statement } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { Sql } from 'postgres';

/** The part of a DatabaseHandle (client.ts, which imports this file) that the checks below use. */
interface RowReader {
  rows<T extends Record<string, unknown>>(query: SQL): Promise<T[]>;
}

/** Where pg-boss keeps its tables: the runtime role's own, since pg-boss creates and migrates them as it starts. */
export const JOB_QUEUE_SCHEMA = 'pgboss';

/**
 * Gives `role` what the service needs and nothing more, as the owner, after each migration (so that new tables
 * are covered): the register's tables to read and write, the audit log to read and append to, the functions to
 * call, the migration journal to read (to see that none is pending), and the job queue's schema to own.
 */
export async function grantRuntimeRole(sql: Sql, role: string): Promise<void> {
  const [self] = await sql<{ name: string }[]>`SELECT current_user AS name`;
  if (self?.name === role) return;
  const grantee = sql(role);
  await sql`GRANT USAGE ON SCHEMA public TO ${grantee}`;
  await sql`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${grantee}`;
  await sql`REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM ${grantee}`;
  await sql`REVOKE UPDATE, DELETE ON public.audit_event FROM ${grantee}`;
  await sql`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${grantee}`;
  await sql`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${grantee}`;
  await sql`GRANT USAGE ON SCHEMA drizzle TO ${grantee}`;
  await sql`GRANT SELECT ON drizzle.__drizzle_migrations TO ${grantee}`;
  await giveJobQueueSchema(sql, role);
}

/**
 * The job queue's schema belongs to the runtime role. Made for it on a first start; on a database where one role
 * did everything until now, handed over with everything in it, in one transaction. Either needs the owner to be
 * a member of the runtime role (README, "Deploying").
 */
async function giveJobQueueSchema(sql: Sql, role: string): Promise<void> {
  const [schema] = await sql<{ owner: string }[]>`
    SELECT pg_get_userbyid(nspowner) AS owner FROM pg_namespace WHERE nspname = ${JOB_QUEUE_SCHEMA}`;
  if (!schema) {
    await sql`CREATE SCHEMA ${sql(JOB_QUEUE_SCHEMA)} AUTHORIZATION ${sql(role)}`;
    return;
  }
  await sql.begin(async (tx) => {
    if (schema.owner !== role) await tx`ALTER SCHEMA ${sql(JOB_QUEUE_SCHEMA)} OWNER TO ${sql(role)}`;
    // Sequences that belong to a column follow their table.
    const objects = await tx<{ change: string }[]>`
      SELECT format('ALTER %s %s OWNER TO %I',
          CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END,
          c.oid::regclass, ${role}::text) AS change
        FROM pg_class c
        WHERE c.relnamespace = ${JOB_QUEUE_SCHEMA}::regnamespace AND c.relkind IN ('r', 'p', 'S', 'v', 'm')
          AND pg_get_userbyid(c.relowner) <> ${role}
          AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
            AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')))
      UNION ALL
      SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, ${role}::text)
        FROM pg_proc p WHERE p.pronamespace = ${JOB_QUEUE_SCHEMA}::regnamespace AND pg_get_userbyid(p.proowner) <> ${role}
      UNION ALL
      SELECT format('ALTER TYPE %s OWNER TO %I', t.oid::regtype, ${role}::text)
        FROM pg_type t WHERE t.typnamespace = ${JOB_QUEUE_SCHEMA}::regnamespace AND t.typtype IN ('e', 'd')
          AND pg_get_userbyid(t.typowner) <> ${role}`;
    for (const { change } of objects) await tx.unsafe(change);
  });
}

/** What the role a handle connects as could do to the audit log. */
export interface DatabaseRole {
  name: string;
  isSuperuser: boolean;
  /** Owns (or acts with the rights of the owner of) the audit log's table or one of its functions (`audit_*`). */
  ownsAuditLog: boolean;
}

export async function inspectDatabaseRole(handle: RowReader): Promise<DatabaseRole> {
  const [row] = await handle.rows<{ name: string; is_superuser: boolean; owns_audit_log: boolean }>(statement`
    SELECT current_user AS name, r.rolsuper AS is_superuser,
      coalesce(pg_has_role(current_user, c.relowner, 'USAGE'), false)
        OR coalesce(has_table_privilege(c.oid, 'TRIGGER'), false)
        OR EXISTS (SELECT 1 FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
          AND starts_with(p.proname, 'audit_') AND pg_has_role(current_user, p.proowner, 'USAGE')) AS owns_audit_log
    FROM pg_roles r LEFT JOIN pg_class c ON c.oid = to_regclass('public.audit_event')
    WHERE r.rolname = current_user`);
  if (!row) throw new Error('The database did not describe its current role');
  return { name: row.name, isSuperuser: row.is_superuser, ownsAuditLog: row.owns_audit_log };
}

/**
 * How many of the committed migrations the database has not applied, read without writing anything (Drizzle's
 * migrator creates its journal table first, which a role without CREATE cannot): what it would apply.
 */
export async function countPendingMigrations(handle: RowReader, migrationsFolder: string): Promise<number> {
  const migrations = readMigrationFiles({ migrationsFolder });
  const [journal] = await handle.rows<{ exists: boolean }>(
    statement`SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS exists`,
  );
  if (!journal?.exists) return migrations.length;
  const [last] = await handle.rows<{ created_at: string | null }>(
    statement`SELECT max(created_at)::text AS created_at FROM drizzle.__drizzle_migrations`,
  );
  const appliedUpTo = Number(last?.created_at ?? 0);
  return migrations.filter((m) => m.folderMillis > appliedUpTo).length;
}
