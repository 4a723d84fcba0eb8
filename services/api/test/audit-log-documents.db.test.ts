import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { schema } from '@concord/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText, squash, writePdf } from '../../documents/test/pdf-tools.ts';
import { buildTestApp, type TestApp } from './helper.ts';

const SLUG = 'circular-plastics';
const CHECK = `query($seq: Int!, $hash: String!) { auditLogCheck(seq: $seq, hash: $hash) { isContained problem } }`;

let t: TestApp;
let scratch: string;
beforeAll(async () => {
  t = await buildTestApp();
  scratch = await mkdtemp(join(tmpdir(), 'concord-audit-head-'));
});
afterAll(async () => {
  await t.close();
  await rm(scratch, { recursive: true, force: true });
});

async function appendEvents(count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await t.database.db
      .insert(schema.auditEvent)
      .values({ action: 'signature.approved', objectType: 'signature', objectId: randomUUID(), after: { i } });
  }
}

async function head(): Promise<{ seq: number; hash: string }> {
  const { seq, hash } = (await t.app.inject('/audit/head')).json();
  return { seq, hash };
}

/** Follows an issuing address to the registered copy, and reads every head printed on its pages. */
async function printedHeads(url: string): Promise<{ seq: number; hash: string }[]> {
  const issued = await t.app.inject(url);
  expect(issued.statusCode, issued.body).toBe(303);
  const file = await t.app.inject(String(issued.headers.location));
  expect(file.statusCode).toBe(200);
  const path = await writePdf(join(scratch, `${randomUUID()}.pdf`), file.rawPayload);
  const text = squash(await pdfText(path));
  return [...text.matchAll(/Audit log head at issue: #(\d+) ([0-9a-f]{64})/g)].map((m) => ({
    seq: Number(m[1]),
    hash: m[2] ?? '',
  }));
}

async function reportedYear(): Promise<number> {
  const response = await t.app.inject(`/documents/progress/${SLUG}/1900.pdf`);
  const year = (response.json() as { reportedYears: number[] }).reportedYears.at(-1);
  if (!year) throw new Error('the demo has no reported year');
  return year;
}

describe('[AUDIT] every PDF Concord issues prints the audit log head at issue', () => {
  it('prints it on every page of the declaration and of the progress report, and the log still reaches it', async () => {
    await appendEvents(3);
    const atIssue = await head();
    expect(atIssue.seq).toBeGreaterThan(0);
    for (const url of [`/documents/declaration/${SLUG}`, `/documents/progress/${SLUG}/${await reportedYear()}.pdf`]) {
      const heads = await printedHeads(url);
      expect(heads.length, url).toBeGreaterThan(0);
      expect(new Set(heads.map((h) => JSON.stringify(h)))).toEqual(new Set([JSON.stringify(atIssue)]));
      const check = await t.graphql<{ auditLogCheck: unknown }>(CHECK, atIssue);
      expect(check.data?.auditLogCheck).toEqual({ isContained: true, problem: null });
    }
  });

  it('keeps the head a stored copy was issued at: the same state served later is the same file', async () => {
    const before = await printedHeads(`/documents/declaration/${SLUG}`);
    await appendEvents(2);
    expect(await printedHeads(`/documents/declaration/${SLUG}`)).toEqual(before);
  });
});
