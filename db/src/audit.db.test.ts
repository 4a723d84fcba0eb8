import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DatabaseHandle } from './client.ts';
import { auditEvent } from './schema/index.ts';
import { expectDatabaseError, openTestDatabase } from './testing.ts';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase(inject('databaseTemplates'), 'empty');
});
afterAll(() => handle.close());

const event = (n: number) => ({
  action: 'signature.approved',
  objectType: 'signature',
  objectId: randomUUID(),
  before: { status: 'pending_review' },
  after: { status: 'active', n },
});

const verify = () =>
  handle.rows<{ seq: number; problem: string }>(sql`select seq::int, problem from audit_verify_chain()`);

describe('[AUDIT] the hash-chained, append-only log', () => {
  it('numbers events and chains each to the one before', async () => {
    await handle.db.insert(auditEvent).values([event(1), event(2), event(3)]);
    const rows = await handle.db.select().from(auditEvent).orderBy(auditEvent.seq);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(rows[0]?.prevHash).toBe('0'.repeat(64));
    expect(rows[1]?.prevHash).toBe(rows[0]?.hash);
    expect(rows[2]?.prevHash).toBe(rows[1]?.hash);
    expect(await verify()).toEqual([]);
  });

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expectDatabaseError(handle.db.update(auditEvent).set({ action: 'forged' }), /append-only/);
    await expectDatabaseError(handle.db.delete(auditEvent), /append-only/);
    await expectDatabaseError(handle.rows(sql`truncate audit_event`), /append-only/);
    expect(await verify()).toEqual([]);
  });

  it('keeps one unbroken chain when many transactions append at once', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => handle.db.transaction((tx) => tx.insert(auditEvent).values(event(100 + i)))),
    );
    const seqs = (await handle.db.select({ seq: auditEvent.seq }).from(auditEvent).orderBy(auditEvent.seq)).map(
      (r) => r.seq,
    );
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(await verify()).toEqual([]);
  });

  it('detects an edit made behind the application’s back', async () => {
    // What someone with direct database access could do: switch the guard off, change history, switch it on.
    await handle.rows(sql`alter table audit_event disable trigger audit_event_append_only`);
    await handle.rows(sql`update audit_event set after = '{"status":"rejected"}' where seq = 2`);
    await handle.rows(sql`alter table audit_event enable trigger audit_event_append_only`);
    expect(await verify()).toEqual([{ seq: 2, problem: 'content does not match its hash' }]);
  });

  it('detects a deleted event', async () => {
    await handle.rows(sql`alter table audit_event disable trigger audit_event_append_only`);
    await handle.rows(sql`delete from audit_event where seq = 1`);
    await handle.rows(sql`alter table audit_event enable trigger audit_event_append_only`);
    const [first] = await verify();
    expect(first?.seq).toBe(2);
  });
});
