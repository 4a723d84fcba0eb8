import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { AUDIT_LOG_GENESIS_HASH, findAuditLogBreak, readAuditEventHash, readAuditLogHead } from './audit-log.ts';
import {
  editEventAndRecompute,
  editEventInPlace,
  removeEvent,
  removeNewestEvents,
  replaceVerifyFunction,
} from './audit-tampering.ts';
import { createDatabase, type DatabaseHandle } from './client.ts';
import { auditEvent } from './schema/index.ts';
import { openTestDatabase } from './testing.ts';

let handle: DatabaseHandle;
beforeEach(async () => {
  handle = await openTestDatabase(inject('databaseTemplates'), 'empty');
});
afterEach(() => handle.close());

const event = (n: number) => ({
  action: 'pledge.accepted',
  objectType: 'pledge',
  objectId: randomUUID(),
  allianceId: null,
  before: { status: 'submitted', note: `ünïcode “${n}” \\ "quoted"` },
  after: { status: 'accepted', tonnes: '1250.500', n },
});

async function appendEvents(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await handle.db.insert(auditEvent).values(event(i));
}

const databaseCheck = () => handle.rows<{ seq: number }>(sql`select seq::int from audit_verify_chain()`);
const recompute = async () => findAuditLogBreak(handle.db, { through: (await readAuditLogHead(handle.db)).seq });

describe('[AUDIT] the application’s own check of the chain', () => {
  it('gives the head of an empty log as number 0 and the genesis hash', async () => {
    expect(await readAuditLogHead(handle.db)).toEqual({ seq: 0, hash: AUDIT_LOG_GENESIS_HASH, recordedAt: null });
    expect(await readAuditEventHash(handle.db, 0)).toBe(AUDIT_LOG_GENESIS_HASH);
    expect(await findAuditLogBreak(handle.db, { through: 0 })).toBeNull();
  });

  it('recomputes every hash as the database made it, and gives the newest event as the head', async () => {
    await appendEvents(30);
    const head = await readAuditLogHead(handle.db);
    const [newest] = await handle.db.select().from(auditEvent).orderBy(sql`seq desc`).limit(1);
    expect(head).toEqual({ seq: 30, hash: newest?.hash, recordedAt: newest?.occurredAt });
    expect(await recompute()).toBeNull();
    // In stretches, as the service extends what it has checked.
    const at12 = { seq: 12, hash: (await readAuditEventHash(handle.db, 12)) as string };
    expect(await findAuditLogBreak(handle.db, { through: 12 })).toBeNull();
    expect(await findAuditLogBreak(handle.db, { after: at12, through: 30 })).toBeNull();
    // A wrong starting point is a broken link at the next event.
    expect(
      await findAuditLogBreak(handle.db, { after: { seq: 12, hash: AUDIT_LOG_GENESIS_HASH }, through: 30 }),
    ).toEqual({ seq: 13, kind: 'broken_link' });
  });

  it('finds an event edited in place, even after audit_verify_chain() was replaced by one that finds nothing', async () => {
    await appendEvents(10);
    await editEventInPlace(handle, 4, { status: 'rejected' });
    await replaceVerifyFunction(handle);
    expect(await databaseCheck()).toEqual([]);
    expect(await recompute()).toEqual({ seq: 4, kind: 'altered_content' });
  });

  it('finds an event removed from the middle', async () => {
    await appendEvents(10);
    await removeEvent(handle, 7);
    expect(await recompute()).toEqual({ seq: 8, kind: 'missing_event' });
  });

  it('is not fooled by operators the owner puts before pg_catalog in the search path', async () => {
    await appendEvents(5);
    await editEventInPlace(handle, 2, { status: 'rejected' });
    // A "<>" on text that never finds two hashes different, first in the search path of every new session (as
    // the owner of the database can set it).
    await handle.rows(sql`CREATE SCHEMA shadow`);
    await handle.rows(sql`CREATE FUNCTION shadow.never(text, text) RETURNS boolean LANGUAGE sql AS $$ SELECT false $$`);
    await handle.rows(sql`CREATE OPERATOR shadow.<> (LEFTARG = text, RIGHTARG = text, FUNCTION = shadow.never)`);
    const [{ name } = { name: '' }] = await handle.rows<{ name: string }>(sql`select current_database() as name`);
    await handle.rows(sql.raw(`ALTER DATABASE "${name}" SET search_path TO shadow, pg_catalog, public`));
    // PGlite has one session: set it there too. PostgreSQL: a new session takes the database's setting.
    await handle.rows(sql`SET search_path TO shadow, pg_catalog, public`);
    const session = handle.url ? await createDatabase({ url: handle.url, maxConnections: 1 }) : handle;
    try {
      const [shadowed] = await session.rows<{ never: boolean }>(sql`select ('a'::text <> 'b'::text) as never`);
      expect(shadowed?.never).toBe(false);
      expect(await findAuditLogBreak(session.db, { through: 5 })).toEqual({ seq: 2, kind: 'altered_content' });
    } finally {
      if (session !== handle) await session.close();
    }
  });

  it('cannot see a chain that was recomputed after an edit, nor one whose newest events were removed: only an earlier head can', async () => {
    await appendEvents(10);
    const published = await readAuditLogHead(handle.db);

    await editEventAndRecompute(handle, 3, { status: 'rejected' });
    expect(await databaseCheck()).toEqual([]);
    expect(await recompute()).toBeNull();
    expect(await readAuditEventHash(handle.db, published.seq)).not.toBe(published.hash);

    await removeNewestEvents(handle, 6);
    expect(await databaseCheck()).toEqual([]);
    expect(await recompute()).toBeNull();
    expect(await readAuditEventHash(handle.db, published.seq)).toBeNull();
  });
});
