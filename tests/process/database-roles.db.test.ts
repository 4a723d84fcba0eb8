import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createDatabase, type DatabaseHandle, databaseErrorOf, inspectDatabaseRole, schema } from '@concord/db';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  editEventAndRecompute,
  editEventInPlace,
  removeNewestEvents,
  replaceVerifyFunction,
} from '../../db/src/audit-tampering.ts';
import { buildApp } from '../../services/api/src/app.ts';
import { openDatabase } from '../../services/api/src/bootstrap.ts';
import { loadConfig } from '../../services/api/src/config.ts';
import { AuditLogChecker } from '../../services/api/src/modules/audit/audit-log-check.ts';

const templates = inject('databaseTemplates');
const root = new URL('../../', import.meta.url).pathname;
const suffix = randomBytes(4).toString('hex');
const OWNER = `concord_owner_${suffix}`;
const RUNTIME = `concord_app_${suffix}`;

/** The server's URL as `role` on `database` (the test server trusts local connections). */
function urlAs(role: string | null, database: string): string {
  const url = new URL(templates.url ?? '');
  if (role) url.username = role;
  url.pathname = `/${database}`;
  return url.toString();
}

/** README, "Deploying": what an administrator runs once on a managed PostgreSQL, here for one database. */
async function createDatabaseForRoles(admin: postgres.Sql, name: string): Promise<void> {
  await admin.unsafe(`CREATE DATABASE ${name} OWNER ${OWNER}`);
  await admin.unsafe(`REVOKE ALL ON DATABASE ${name} FROM PUBLIC`);
  await admin.unsafe(`GRANT CONNECT, TEMPORARY ON DATABASE ${name} TO ${RUNTIME}`);
}

const production = (env: Record<string, string>) =>
  loadConfig({ NODE_ENV: 'production', SMTP_URL: 'smtp://127.0.0.1:1', RUN_WORKER: 'false', ...env });

async function expectRefused(statement: Promise<unknown>, pattern: RegExp): Promise<void> {
  const error = await statement.then(
    () => null,
    (err: unknown) => err,
  );
  expect(error, 'the statement was allowed').not.toBeNull();
  const info = databaseErrorOf(error);
  expect(info?.code).toBe('42501'); // insufficient_privilege
  expect(info?.message).toMatch(pattern);
}

function runApi(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'services/api/src/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

// Roles belong to a PostgreSQL server; PGlite has one user, who owns everything (docs/adr/0013).
describe.skipIf(templates.kind !== 'postgres')(
  '[AUDIT] an owner that migrates, a runtime role that cannot rewrite',
  () => {
    const database = `concord_roles_${suffix}`;
    let admin: postgres.Sql;
    let runtime: DatabaseHandle;
    let owner: DatabaseHandle;
    let app: FastifyInstance;
    const said: string[] = [];
    const log = { info: (m: string) => said.push(m), warn: (m: string) => said.push(`warn: ${m}`) };

    beforeAll(async () => {
      admin = postgres(templates.url ?? '', { max: 1, onnotice: () => {} });
      await admin.unsafe(`CREATE ROLE ${OWNER} LOGIN`);
      await admin.unsafe(`CREATE ROLE ${RUNTIME} LOGIN`);
      // Lets the owner give the job queue's schema to the runtime role; membership never runs the other way.
      await admin.unsafe(`GRANT ${RUNTIME} TO ${OWNER}`);
      await createDatabaseForRoles(admin, database);
    });

    afterAll(async () => {
      await app?.close();
      await runtime?.close();
      await owner?.close();
      for (const name of [database, `${database}_single`])
        await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.unsafe(`DROP ROLE IF EXISTS ${OWNER}`);
      await admin.unsafe(`DROP ROLE IF EXISTS ${RUNTIME}`);
      await admin.end();
    });

    it('migrates as the owner and runs in production as the runtime role, job queue included', async () => {
      const config = production({
        DATABASE_URL: urlAs(RUNTIME, database),
        MIGRATION_DATABASE_URL: urlAs(OWNER, database),
      });
      runtime = await openDatabase(config, log);
      expect(said).toContain(
        `Applying migrations as ${OWNER}; ${RUNTIME} may read and write the register, and only append to the audit log`,
      );
      expect(said.filter((m) => m.startsWith('warn'))).toEqual([]);
      expect(await inspectDatabaseRole(runtime)).toEqual({ name: RUNTIME, isSuperuser: false, ownsAuditLog: false });
      // pg-boss creates its tables as the runtime role, in the schema the owner made for it.
      app = await buildApp({ config, database: runtime, logger: false });
      await app.ready();
      const [queue] = await runtime.rows<{ owner: string }>(
        sql`select pg_get_userbyid(nspowner) as owner from pg_namespace where nspname = 'pgboss'`,
      );
      expect(queue?.owner).toBe(RUNTIME);

      for (let i = 0; i < 6; i++) {
        await runtime.db.insert(schema.auditEvent).values({
          action: 'signature.approved',
          objectType: 'signature',
          objectId: crypto.randomUUID(),
          after: { status: 'active', i },
        });
      }
      expect((await app.inject('/audit/head')).json()).toMatchObject({ seq: 6 });
    });

    it('refuses the runtime role every way of rewriting the audit log', async () => {
      const run = (statement: string) => runtime.rows(sql.raw(statement));
      await expectRefused(run('ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only'), /must be owner/);
      await expectRefused(run('ALTER TABLE audit_event DISABLE TRIGGER ALL'), /must be owner/);
      await expectRefused(run("UPDATE audit_event SET action = 'forged' WHERE seq = 2"), /permission denied/);
      await expectRefused(run('DELETE FROM audit_event WHERE seq > 4'), /permission denied/);
      await expectRefused(run('TRUNCATE audit_event'), /permission denied/);
      await expectRefused(
        run(`CREATE OR REPLACE FUNCTION audit_verify_chain() RETURNS TABLE (seq bigint, problem text)
        LANGUAGE sql AS $$ SELECT NULL::bigint, NULL::text WHERE false $$`),
        /permission denied for schema public|must be owner/,
      );
      await expectRefused(
        run(`CREATE OR REPLACE FUNCTION audit_event_hash(text, bigint, timestamptz, uuid, uuid, uuid, text, text, uuid,
        jsonb, jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'forged' $$`),
        /permission denied for schema public|must be owner/,
      );
      await expectRefused(
        run(
          `CREATE TRIGGER audit_event_zz BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_chain()`,
        ),
        /permission denied/,
      );
      await expectRefused(run('DROP FUNCTION audit_verify_chain()'), /must be owner of function audit_verify_chain/);
      await expectRefused(run('DROP TRIGGER audit_event_append_only ON audit_event'), /must be owner/);
      await expectRefused(run('ALTER TABLE audit_event RENAME TO audit_event_old'), /must be owner/);
      // What it needs still works: reading, appending, and writing the register's other tables.
      expect(await runtime.rows(sql`select seq from audit_verify_chain()`)).toEqual([]);
      const [rights] = await runtime.rows<Record<string, boolean>>(sql`select
        has_table_privilege('signature', 'UPDATE') as signature_update,
        has_table_privilege('session', 'DELETE') as session_delete,
        has_table_privilege('audit_personal', 'UPDATE') as personal_part_erasure,
        has_table_privilege('pgboss.job', 'DELETE') as job_delete,
        has_table_privilege('audit_event', 'INSERT') as audit_insert`);
      expect(rights).toEqual({
        signature_update: true,
        session_delete: true,
        personal_part_erasure: true,
        job_delete: true,
        audit_insert: true,
      });
    });

    it('shows the owner’s recomputed chain and removed newest events to anyone holding an earlier head', async () => {
      owner = await createDatabase({ url: urlAs(OWNER, database), maxConnections: 2 });
      const check = async (head: { seq: number; hash: string }) => {
        const response = await app.inject({
          method: 'POST',
          url: '/graphql',
          payload: {
            query:
              'query($seq: Int!, $hash: String!) { auditLogCheck(seq: $seq, hash: $hash) { isContained problem } }',
            variables: head,
          },
        });
        return response.json().data.auditLogCheck;
      };
      const published = (await app.inject('/audit/head')).json();

      await editEventAndRecompute(owner, 2, { status: 'rejected' });
      expect(await runtime.rows(sql`select seq from audit_verify_chain()`)).toEqual([]);
      expect(await check(published)).toEqual({ isContained: false, problem: 'DIFFERENT_HASH' });

      const afterRecompute = (await app.inject('/audit/head')).json();
      await removeNewestEvents(owner, 4);
      expect(await runtime.rows(sql`select seq from audit_verify_chain()`)).toEqual([]);
      expect(await check(afterRecompute)).toEqual({ isContained: false, problem: 'NOT_IN_LOG' });

      const head = (await app.inject('/audit/head')).json();
      await editEventInPlace(owner, 3, { status: 'withdrawn' });
      await replaceVerifyFunction(owner);
      expect(await runtime.rows(sql`select seq from audit_verify_chain()`)).toEqual([]);
      expect(await new AuditLogChecker(runtime.db).check(head)).toMatchObject({
        problem: 'broken_chain',
        problemSeq: 3,
      });
    });

    it('refuses to start in production as the owner or a superuser unless ALLOW_DATABASE_OWNER_ROLE=true, and warns elsewhere', async () => {
      await expect(openDatabase(production({ DATABASE_URL: urlAs(OWNER, database) }), log)).rejects.toThrow(
        new RegExp(`role ${OWNER} owns the audit log.*ALLOW_DATABASE_OWNER_ROLE=true`),
      );
      await expect(openDatabase(production({ DATABASE_URL: urlAs(null, database) }), log)).rejects.toThrow(
        /is a superuser.*ALLOW_DATABASE_OWNER_ROLE=true/,
      );
      const allowed = await openDatabase(
        production({ DATABASE_URL: urlAs(null, database), ALLOW_DATABASE_OWNER_ROLE: 'true' }),
        log,
      );
      await allowed.close();
      said.length = 0;
      const development = await openDatabase(loadConfig({ DATABASE_URL: urlAs(OWNER, database) }), log);
      await development.close();
      expect(said.filter((m) => m.startsWith('warn: '))).toHaveLength(1);
      expect(said.find((m) => m.startsWith('warn: '))).toMatch(/owns the audit log/);
    });

    it('stops the process in production as a superuser, in one line', async () => {
      const result = await runApi({
        NODE_ENV: 'production',
        SMTP_URL: 'smtp://127.0.0.1:1',
        DATABASE_URL: urlAs(null, database),
        PORT: '0',
      });
      expect(result.code).not.toBe(0);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^The database role \S+ is a superuser: .*ALLOW_DATABASE_OWNER_ROLE=true\.$/);
    }, 60_000);

    it('gives the job queue to the runtime role on a database where one role did everything until now', async () => {
      const single = `${database}_single`;
      await createDatabaseForRoles(admin, single);
      const alone = await openDatabase(loadConfig({ DATABASE_URL: urlAs(OWNER, single) }), log);
      const before = await buildApp({ config: loadConfig({ RUN_WORKER: 'false' }), database: alone, logger: false });
      await before.ready();
      await before.close();
      await alone.close();

      const config = production({ DATABASE_URL: urlAs(RUNTIME, single), MIGRATION_DATABASE_URL: urlAs(OWNER, single) });
      const apart = await openDatabase(config, log);
      try {
        const after = await buildApp({ config, database: apart, logger: false });
        await after.ready();
        await after.close();
        const owners = await apart.rows<{ owner: string }>(sql`
        select distinct pg_get_userbyid(c.relowner) as owner from pg_class c
        where c.relnamespace = 'pgboss'::regnamespace and c.relkind in ('r', 'p')`);
        expect(owners).toEqual([{ owner: RUNTIME }]);
      } finally {
        await apart.close();
      }
    });

    it('starts as the runtime role alone when nothing is pending, and says what to do when a migration is', async () => {
      const config = production({ DATABASE_URL: urlAs(RUNTIME, database) });
      const started = await openDatabase(config, log);
      await started.close();
      await owner.rows(
        sql`delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`,
      );
      await expect(openDatabase(config, log)).rejects.toThrow(/1 migration\(s\) are pending .*pnpm db:migrate/);
    });
  },
);
