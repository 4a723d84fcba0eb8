import { randomUUID } from 'node:crypto';
import { readAuditEventHash, readAuditLogHead, schema } from '@concord/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  editEventAndRecompute,
  editEventInPlace,
  removeNewestEvents,
  replaceVerifyFunction,
} from '../../../db/src/audit-tampering.ts';
import { AuditLogChecker, RECOMPUTED_STRETCH_MAX_AGE_MS } from '../src/modules/audit/audit-log-check.ts';
import { buildTestApp, type TestApp } from './helper.ts';

const HEAD = '{ auditLogHead { seq hash recordedAt } }';
const CHECK = `query($seq: Int!, $hash: String!) { auditLogCheck(seq: $seq, hash: $hash) {
  seq hash isContained problem problemSeq head { seq hash } } }`;

interface Check {
  seq: number;
  hash: string;
  isContained: boolean;
  problem: string | null;
  problemSeq: number | null;
  head: { seq: number; hash: string };
}

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ template: 'empty' });
});
afterAll(() => t.close());

async function appendEvents(count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await t.database.db.insert(schema.auditEvent).values({
      action: 'signature.approved',
      objectType: 'signature',
      objectId: randomUUID(),
      before: { status: 'pending_review' },
      after: { status: 'active', i },
    });
  }
}

/** What anyone can fetch and keep. */
async function publishedHead(): Promise<{ seq: number; hash: string; recordedAt: string | null }> {
  const response = await t.app.inject({ method: 'GET', url: '/audit/head' });
  expect(response.statusCode).toBe(200);
  expect(response.headers['cache-control']).toBe('no-store');
  return response.json();
}

async function check(head: { seq: number; hash: string }): Promise<Check> {
  const response = await t.graphql<{ auditLogCheck: Check }>(CHECK, { seq: head.seq, hash: head.hash });
  expect(response.errors).toBeUndefined();
  return response.data?.auditLogCheck as Check;
}

const databaseCheck = () => t.database.rows(sql`select seq from audit_verify_chain()`);

describe('[AUDIT] the audit log’s head, published and checked by anyone who kept one', () => {
  it('publishes the head at /audit/head and in GraphQL, and an empty log’s head is number 0', async () => {
    expect(await publishedHead()).toEqual({ seq: 0, hash: '0'.repeat(64), recordedAt: null });
    expect(await check({ seq: 0, hash: '0'.repeat(64) })).toMatchObject({ isContained: true, problem: null });

    await appendEvents(10);
    const head = await publishedHead();
    const graphql = await t.graphql<{ auditLogHead: { seq: number; hash: string; recordedAt: string } }>(HEAD);
    expect(graphql.data?.auditLogHead).toEqual(head);
    expect(head.seq).toBe(10);
    expect(head.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers that the log contains a head it contains, whatever the hash’s case', async () => {
    const head = await publishedHead();
    expect(await check({ seq: head.seq, hash: head.hash.toUpperCase() })).toEqual({
      seq: head.seq,
      hash: head.hash,
      isContained: true,
      problem: null,
      problemSeq: null,
      head: { seq: head.seq, hash: head.hash },
    });
    expect(await check({ seq: 4, hash: head.hash })).toMatchObject({ isContained: false, problem: 'DIFFERENT_HASH' });
    expect(await check({ seq: 99, hash: head.hash })).toMatchObject({ isContained: false, problem: 'NOT_IN_LOG' });
  });

  it('refuses a head that is not one, naming the field', async () => {
    for (const [variables, field] of [
      [{ seq: -1, hash: '0'.repeat(64) }, 'seq'],
      [{ seq: 1, hash: 'abc' }, 'hash'],
      [{ seq: 1, hash: 'g'.repeat(64) }, 'hash'],
    ] as const) {
      const response = await t.graphql(CHECK, variables);
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it('shows an edit whose later hashes were recomputed, which the database’s own check cannot', async () => {
    const published = await publishedHead();
    await editEventAndRecompute(t.database, 4, { status: 'rejected' });
    expect(await databaseCheck()).toEqual([]);
    const answer = await check(published);
    expect(answer).toMatchObject({ isContained: false, problem: 'DIFFERENT_HASH', problemSeq: published.seq });
    // The head now has the same number and another hash: what a holder of the earlier one sees at once.
    expect(answer.head.seq).toBe(published.seq);
    expect(answer.head.hash).not.toBe(published.hash);
  });

  it('shows that the newest events were removed, and that others were appended in their place', async () => {
    const published = await publishedHead();
    await removeNewestEvents(t.database, 6);
    expect(await databaseCheck()).toEqual([]);
    expect(await check(published)).toMatchObject({ isContained: false, problem: 'NOT_IN_LOG', problemSeq: 10 });
    expect((await publishedHead()).seq).toBe(6);

    await appendEvents(8);
    expect(await check(published)).toMatchObject({ isContained: false, problem: 'DIFFERENT_HASH', problemSeq: 10 });
  });

  it('shows an event edited in place, with audit_verify_chain() replaced, once the checked stretch is recomputed', async () => {
    let clock = 0;
    const checker = new AuditLogChecker(t.database.db, { now: () => clock });
    const head = await readAuditLogHead(t.database.db);
    const before = { seq: 5, hash: (await readAuditEventHash(t.database.db, 5)) as string };
    expect(await checker.check(head)).toMatchObject({ isContained: true });

    await editEventInPlace(t.database, 9, { status: 'rejected' });
    await replaceVerifyFunction(t.database);
    expect(await databaseCheck()).toEqual([]);
    // Within the stretch's age the stored hash still matches: the edit shows at the next recomputation.
    expect(await checker.check(head)).toMatchObject({ isContained: true });
    clock += RECOMPUTED_STRETCH_MAX_AGE_MS + 1;
    expect(await checker.check(head)).toEqual({ isContained: false, problem: 'broken_chain', problemSeq: 9 });
    // A head from before the edit still stands.
    expect(await checker.check(before)).toEqual({ isContained: true, problem: null, problemSeq: null });
  });

  it('recomputes once for many who ask at once', async () => {
    const checker = new AuditLogChecker(t.database.db);
    const before = { seq: 5, hash: (await readAuditEventHash(t.database.db, 5)) as string };
    t.resetQueryCount();
    const answers = await Promise.all(Array.from({ length: 20 }, () => checker.check(before)));
    expect(answers.every((a) => a.isContained)).toBe(true);
    // One recomputation (the head, then the chain: 3 statements) and one read of the stored hash per answer (2 each);
    // a recomputation per answer would be 20 × 3 more.
    expect(t.queryCount()).toBe(3 + 20 * 2);
  });
});
