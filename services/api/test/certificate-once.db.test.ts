import { schema } from '@concord/db';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueCertificate } from '../src/modules/document/issue-certificate.ts';
import { buildTestApp, type TestApp } from './helper.ts';

/**
 * The certificate job run several times at once for one signature (a job a stalled worker still runs while pg-boss,
 * having seen it expire, hands it to another): one certificate is registered and every run answers it; one e-mail.
 * Before issue-certificate.ts locked the signature, each run found none, rendered and registered its own.
 */
describe('[CONCURRENCY] issuing a certificate', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ env: { RUN_WORKER: 'false' } });
  });
  afterAll(() => t?.close());

  it('registers one certificate and queues one e-mail when four runs race for the same signature', async () => {
    const db = t.database.db;
    const [active] = await db
      .select({ id: schema.signature.id })
      .from(schema.signature)
      .where(eq(schema.signature.status, 'active'))
      .limit(1);
    const signatureId = active?.id ?? '';
    await db
      .delete(schema.document)
      .where(and(eq(schema.document.signatureId, signatureId), eq(schema.document.kind, 'signature_certificate')));

    const runs = await Promise.all(
      Array.from({ length: 4 }, () => issueCertificate({ db, jobs: t.app.jobs, config: t.app.config, signatureId })),
    );

    const certificates = await db
      .select({ id: schema.document.id })
      .from(schema.document)
      .where(and(eq(schema.document.signatureId, signatureId), eq(schema.document.kind, 'signature_certificate')));
    expect(certificates).toHaveLength(1);
    expect(runs.map((r) => r?.id)).toEqual(runs.map(() => certificates[0]?.id));
    const [queued] = await t.database.rows<{ n: number }>(sql`
      select count(*)::int as n from pgboss.job
      where name = 'send-email' and data->>'idempotencyKey' = ${`signature-approved:${signatureId}`}`);
    expect(queued?.n).toBe(1);
  });
});
