import { randomBytes, randomUUID } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { eq, sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findAuditLogBreak } from './audit-log.ts';
import { type Database, migrationsFolder } from './client.ts';
import * as schema from './schema/index.ts';
import { expectDatabaseError } from './testing.ts';

const { auditEvent, auditPersonal, person } = schema;

/** The last migration before audit chain version 2: a database in use before it has version 1 events. */
const BEFORE_CHAIN_V2 = '0009_lapsed_pledges';

/**
 * A database migrated only up to BEFORE_CHAIN_V2, on the kind of database this run tests, with the way to apply the
 * rest. The rest is every committed migration: what an upgrade of a deployment in use does.
 */
async function databaseBeforeChainV2(): Promise<{
  db: Database;
  rows: <T>(query: ReturnType<typeof sql>) => Promise<T[]>;
  migrateToLatest: () => Promise<void>;
  close: () => Promise<void>;
}> {
  const dir = await mkdtemp(join(tmpdir(), 'concord-chain-v1-'));
  await cp(migrationsFolder, dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(await readFile(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const cut = journal.entries.findIndex((entry) => entry.tag === BEFORE_CHAIN_V2);
  journal.entries = journal.entries.slice(0, cut + 1);
  await writeFile(journalPath, JSON.stringify(journal));

  const templates = inject('databaseTemplates');
  if (templates.kind === 'pglite') {
    const client = await PGlite.create();
    const db = drizzlePglite({ client, schema }) as unknown as Database;
    await migratePglite(drizzlePglite({ client, schema }), { migrationsFolder: dir });
    return {
      db,
      rows: async <T>(query: ReturnType<typeof sql>) => ((await db.execute(query)) as unknown as { rows: T[] }).rows,
      migrateToLatest: () => migratePglite(drizzlePglite({ client, schema }), { migrationsFolder }),
      close: async () => {
        await client.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  const serverUrl = templates.url as string;
  const name = `concord_chain_${randomBytes(5).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const client = postgres(url.toString(), { max: 3, onnotice: () => {} });
  const db = drizzlePostgres({ client, schema }) as unknown as Database;
  await migratePostgres(drizzlePostgres({ client, schema }), { migrationsFolder: dir });
  return {
    db,
    rows: async <T>(query: ReturnType<typeof sql>) => (await db.execute(query)) as unknown as T[],
    migrateToLatest: () => migratePostgres(drizzlePostgres({ client, schema }), { migrationsFolder }),
    close: async () => {
      await client.end();
      const drop = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await drop.unsafe(`drop database if exists ${name} with (force)`);
      await drop.end();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

let database: Awaited<ReturnType<typeof databaseBeforeChainV2>>;
let personId: string;
const verifyChain = () =>
  database.rows<{ seq: number; problem: string }>(sql`select seq::int, problem from audit_verify_chain()`);
const verifyPersonal = () =>
  database.rows<{ seq: number; problem: string }>(sql`select seq::int, problem from audit_verify_personal()`);

const event = (n: number) => ({
  action: 'signature.approved',
  objectType: 'signature',
  objectId: randomUUID(),
  before: { status: 'pending_review' },
  after: { status: 'active', n },
});

/** What recordAudit (services/api, modules/audit) writes for an event with a personal part. */
async function eventWithPersonalPart(data: Record<string, unknown>): Promise<number> {
  const salt = randomBytes(32).toString('hex');
  const json = JSON.stringify(data);
  return database.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(auditEvent)
      .values({
        ...event(0),
        action: 'signature.signed',
        actorPersonId: personId,
        personalDigest: sql`audit_personal_digest(${salt}, ${json}::jsonb)`,
      })
      .returning({ seq: auditEvent.seq });
    const seq = row?.seq ?? 0;
    await tx.insert(auditPersonal).values({ eventSeq: seq, personId, salt, data: sql`${json}::jsonb` });
    return seq;
  });
}

beforeAll(async () => {
  database = await databaseBeforeChainV2();
}, 120_000);
afterAll(() => database?.close());

describe('[AUDIT] chain version 2: personal parts that can be erased', () => {
  it('keeps the events written before the migration verifiable, as version 1, and chains on from them', async () => {
    // Written as the application did before the migration (the schema it had then has no chain_version).
    for (const n of [1, 2, 3]) {
      const { action, objectType, objectId, before, after } = event(n);
      await database.rows(sql`insert into audit_event (action, object_type, object_id, before, after)
        values (${action}, ${objectType}, ${objectId}, ${JSON.stringify(before)}::jsonb, ${JSON.stringify(after)}::jsonb)`);
    }
    expect(await verifyChain()).toEqual([]);

    await database.migrateToLatest();
    const [created] = await database.db
      .insert(person)
      .values({ email: 'jane.doe@example.org', name: 'Jane Doe' })
      .returning({ id: person.id });
    personId = created?.id ?? '';
    await database.db.insert(auditEvent).values([event(4), { ...event(5), chainVersion: 1 }]);
    await eventWithPersonalPart({ signerName: 'Jane Doe', signerJobTitle: 'Head of Sustainability' });

    const rows = await database.db
      .select({ seq: auditEvent.seq, chainVersion: auditEvent.chainVersion })
      .from(auditEvent)
      .orderBy(auditEvent.seq);
    // An insert cannot choose version 1 (nor leave out the personal digest from the hash).
    expect(rows.map((r) => r.chainVersion)).toEqual([1, 1, 1, 2, 2, 2]);
    expect(await verifyChain()).toEqual([]);
    expect(await verifyPersonal()).toEqual([]);
    // The application's own recomputation (audit-log.ts, docs/adr/0013) knows both versions too.
    expect(await findAuditLogBreak(database.db, { through: 6 })).toBeNull();
  });

  it('leaves the chain valid when a personal part is erased, and the values nowhere in the log', async () => {
    const seq = await eventWithPersonalPart({ signerName: 'Jane Doe', signerJobTitle: 'Chief Recycling Officer' });
    await database.db
      .update(auditPersonal)
      .set({ salt: null, data: null, erasedAt: new Date() })
      .where(eq(auditPersonal.personId, personId));

    expect(await verifyChain()).toEqual([]);
    expect(await verifyPersonal()).toEqual([]);
    expect(await findAuditLogBreak(database.db, { through: seq })).toBeNull();
    const log = await database.rows<{ text: string }>(
      sql`select string_agg(e::text || coalesce(p::text, ''), ' ') as text
          from audit_event e left join audit_personal p on p.event_seq = e.seq`,
    );
    expect(log[0]?.text).not.toContain('Jane Doe');
    expect(log[0]?.text).not.toContain('Chief Recycling Officer');
    const [part] = await database.db.select().from(auditPersonal).where(eq(auditPersonal.eventSeq, seq));
    expect(part).toMatchObject({ personId, salt: null, data: null });
  });

  it('refuses a personal part that does not match its digest, any change but erasure, and deletion', async () => {
    const seq = await eventWithPersonalPart({ email: 'someone@example.org' });
    const [other] = await database.db.insert(auditEvent).values(event(9)).returning({ seq: auditEvent.seq });
    const salt = randomBytes(32).toString('hex');
    await expectDatabaseError(
      database.db.insert(auditPersonal).values({ eventSeq: other?.seq ?? 0, personId, salt, data: { email: 'x@y.z' } }),
      /does not match/,
    );
    await expectDatabaseError(
      database.db
        .update(auditPersonal)
        .set({ data: { email: 'forged@example.org' } })
        .where(eq(auditPersonal.eventSeq, seq)),
      /may only be erased/,
    );
    await expectDatabaseError(
      database.db.delete(auditPersonal).where(eq(auditPersonal.eventSeq, seq)),
      /may only be erased/,
    );
    await expectDatabaseError(database.rows(sql`truncate audit_personal`), /append-only|refused/);
    expect(await verifyPersonal()).toEqual([]);
  });

  it('detects a version 2 event edited behind the application’s back, its personal digest included', async () => {
    const seq = await eventWithPersonalPart({ signerName: 'Sam Example' });
    await database.rows(sql`alter table audit_event disable trigger audit_event_append_only`);
    await database.rows(sql`update audit_event set personal_digest = ${'0'.repeat(64)} where seq = ${seq}`);
    await database.rows(sql`alter table audit_event enable trigger audit_event_append_only`);
    expect(await verifyChain()).toEqual([{ seq, problem: 'content does not match its hash' }]);
    expect(await verifyPersonal()).toEqual([{ seq, problem: 'personal part does not match its digest' }]);
    expect(await findAuditLogBreak(database.db, { through: seq })).toEqual({ seq, kind: 'altered_content' });
  });

  it('detects a version 1 event edited or relabelled as version 2', async () => {
    await database.rows(sql`alter table audit_event disable trigger audit_event_append_only`);
    await database.rows(sql`update audit_event set after = '{"status":"rejected"}' where seq = 1`);
    await database.rows(sql`update audit_event set chain_version = 2 where seq = 2`);
    await database.rows(sql`alter table audit_event enable trigger audit_event_append_only`);
    expect(await verifyChain()).toEqual([{ seq: 1, problem: 'content does not match its hash' }]);
    await database.rows(sql`alter table audit_event disable trigger audit_event_append_only`);
    await database.rows(sql`update audit_event set after = '{"status":"active","n":1}' where seq = 1`);
    await database.rows(sql`alter table audit_event enable trigger audit_event_append_only`);
    expect(await verifyChain()).toEqual([{ seq: 2, problem: 'content does not match its hash' }]);
    expect(await findAuditLogBreak(database.db, { through: 2 })).toEqual({ seq: 2, kind: 'altered_content' });
  });
});
