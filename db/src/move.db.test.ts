import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { describe, expect, inject, it } from 'vitest';
import { readAuditLogHead } from './audit-log.ts';
import { createDatabase } from './client.ts';
import { fingerprint, MoveRefused, moveToPostgres } from './move.ts';
import * as schema from './schema/index.ts';
import { seedDemo } from './seed/index.ts';
import { expectDatabaseError } from './testing.ts';

const templates = inject('databaseTemplates');

/**
 * From embedded to server: the demo installation, with audit events on top of the seed, moved into an empty
 * PostgreSQL database (the server the suite runs on, so only in the PostgreSQL run), then compared table by table
 * and by its audit chain.
 */
describe.skipIf(templates.kind !== 'postgres')('[MOVE] an embedded installation into PostgreSQL', () => {
  it('copies every table and the audit chain, verified, and refuses a target that is not empty', async () => {
    const source = await createDatabase();
    const server = templates.url as string;
    const name = `concord_move_${randomBytes(4).toString('hex')}`;
    const admin = postgres(server, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const targetUrl = Object.assign(new URL(server), { pathname: `/${name}` }).toString();
    try {
      await source.migrate();
      await seedDemo(source.db);
      const [organisation] = await source.db.select().from(schema.organisation).limit(1);
      for (const action of ['organisation.updated', 'organisation.noted']) {
        await source.db.insert(schema.auditEvent).values({
          action,
          objectType: 'organisation',
          objectId: organisation?.id ?? '',
          after: { legalName: 'Ünïcode & "quotes"\nand a new line' },
        });
      }
      const sourceHead = await readAuditLogHead(source.db);
      expect(sourceHead.seq).toBeGreaterThanOrEqual(2);

      const lines: string[] = [];
      const report = await moveToPostgres(source, targetUrl, (line) => lines.push(line));

      const target = await createDatabase({ url: targetUrl, maxConnections: 2 });
      try {
        // Compared here again, independently of the command's own check.
        expect(await fingerprint(target)).toEqual(await fingerprint(source));
        expect(report.tables.find((t) => t.table === 'public.organisation')?.rows).toBeGreaterThan(0);
        expect(report.tables.some((t) => t.table.startsWith('drizzle.'))).toBe(true);
        expect(report.auditHead).toMatchObject({ seq: sourceHead.seq, hash: sourceHead.hash });
        expect(lines.at(-1)).toContain('chain intact');

        // The server knows the migrations ran (nothing to apply) and the audit log is append-only there too.
        await target.migrate();
        expect(await fingerprint(target)).toEqual(await fingerprint(source));
        await expectDatabaseError(
          target.db.update(schema.auditEvent).set({ action: 'rewritten' }).where(eq(schema.auditEvent.seq, 1)),
          /append-only|audit/i,
        );
        // New events continue the chain from the moved head.
        await target.db.insert(schema.auditEvent).values({
          action: 'organisation.updated',
          objectType: 'organisation',
          objectId: organisation?.id ?? '',
        });
        const [next] = await target.rows<{ seq: number; prev: string }>(
          sql`select seq::int as seq, prev_hash::text as prev from audit_event order by seq desc limit 1`,
        );
        expect(next).toEqual({ seq: sourceHead.seq + 1, prev: sourceHead.hash });
      } finally {
        await target.close();
      }

      await expect(moveToPostgres(source, targetUrl)).rejects.toThrow(MoveRefused);
    } finally {
      await source.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }, 120_000);
});

describe('[BACKUP] with each engine’s own tools', () => {
  it.skipIf(templates.kind !== 'pglite')(
    'backs up and restores the embedded database, the audit chain verified after the restore',
    async () => {
      const { mkdtemp, rm } = await import('node:fs/promises');
      const { tmpdir } = await import('node:os');
      const { join } = await import('node:path');
      const { backupEmbedded, restoreEmbedded } = await import('./backup.ts');
      const dir = await mkdtemp(join(tmpdir(), 'concord-backup-'));
      const source = await createDatabase();
      try {
        await source.migrate();
        await seedDemo(source.db);
        const head = await backupEmbedded(source, join(dir, 'backup.tar.gz'));
        const restoredHead = await restoreEmbedded(join(dir, 'backup.tar.gz'), join(dir, 'restored'));
        expect(restoredHead).toEqual(head);
        const restored = await createDatabase({ dataDir: join(dir, 'restored') });
        try {
          expect(await fingerprint(restored)).toEqual(await fingerprint(source));
        } finally {
          await restored.close();
        }
        await expect(restoreEmbedded(join(dir, 'backup.tar.gz'), join(dir, 'restored'))).rejects.toThrow(/not empty/);
      } finally {
        await source.close();
        await rm(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );

  it.skipIf(templates.kind !== 'postgres')(
    'backs up a server database with pg_dump and restores it with pg_dump’s partner into an empty one',
    async () => {
      const { mkdtemp, rm } = await import('node:fs/promises');
      const { tmpdir } = await import('node:os');
      const { join } = await import('node:path');
      const { backupServer, restoreServer } = await import('./backup.ts');
      const server = templates.url as string;
      const names = [`concord_bk_${randomBytes(4).toString('hex')}`, `concord_rs_${randomBytes(4).toString('hex')}`];
      const admin = postgres(server, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${names[0]} template ${templates.demo}`);
      await admin.unsafe(`create database ${names[1]}`);
      const [from = '', to = ''] = names.map((n) => Object.assign(new URL(server), { pathname: `/${n}` }).toString());
      const dir = await mkdtemp(join(tmpdir(), 'concord-backup-'));
      try {
        const source = await createDatabase({ url: from, maxConnections: 2 });
        try {
          await source.db.insert(schema.auditEvent).values({
            action: 'organisation.noted',
            objectType: 'organisation',
            objectId: (await source.db.select().from(schema.organisation).limit(1))[0]?.id ?? '',
          });
          await backupServer(from, join(dir, 'backup.dump'));
          const head = await restoreServer(join(dir, 'backup.dump'), to);
          expect(head).toEqual(await readAuditLogHead(source.db));
          const restored = await createDatabase({ url: to, maxConnections: 2 });
          try {
            expect(await fingerprint(restored)).toEqual(await fingerprint(source));
          } finally {
            await restored.close();
          }
          await expect(restoreServer(join(dir, 'backup.dump'), to)).rejects.toThrow(/not empty/);
        } finally {
          await source.close();
        }
      } finally {
        for (const n of names) await admin.unsafe(`drop database if exists ${n} with (force)`);
        await admin.end();
        await rm(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
