import { type AddressInfo, createServer } from 'node:net';
import { schema } from '@concord/db';
import { eq, sql } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.ts';
import { waitFor } from './journey.ts';

/**
 * A real SMTP server (smtp-server) that is down while the secretariat approves signatures, then comes
 * back: every approval e-mail must arrive once, none twice, none lost.
 */
let t: TestApp;
let port = 0;
let server: SMTPServer | undefined;
const received: { to: string; subject: string; messageId: string }[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: p } = probe.address() as AddressInfo;
      probe.close(() => resolve(p));
    });
  });
}

function startSmtp(): Promise<void> {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const to = Array.isArray(mail.to) ? mail.to[0]?.text : mail.to?.text;
          received.push({ to: to ?? '', subject: mail.subject ?? '', messageId: mail.messageId ?? '' });
          callback();
        })
        .catch(callback);
    },
  });
  return new Promise((resolve) => server?.listen(port, '127.0.0.1', () => resolve()));
}

beforeAll(async () => {
  port = await freePort();
  t = await buildTestApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}`, JOB_RETRY_LIMIT: '10' } });
});
afterAll(async () => {
  await t.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

describe('[MAIL] the mail server is down while signatures are approved', () => {
  it('delivers every approval e-mail once it is back: none lost, none twice', async () => {
    const db = t.database.db;
    const [alliance] = await db.select().from(schema.alliance);
    const [version] = await db.select().from(schema.declarationVersion);
    const [staff] = await db.select().from(schema.person).where(eq(schema.person.email, 'secretariat@concord.example'));
    const signers = await db
      .select({ organisationId: schema.organisation.id, personId: schema.person.id, email: schema.person.email })
      .from(schema.organisation)
      .innerJoin(schema.organisationMember, eq(schema.organisationMember.organisationId, schema.organisation.id))
      .innerJoin(schema.person, eq(schema.person.id, schema.organisationMember.personId))
      .where(
        sql`not exists (select 1 from signature s where s.organisation_id = ${schema.organisation.id} and s.status in ('active', 'pending_review', 'pending_confirmation'))`,
      )
      .limit(3);
    expect(signers).toHaveLength(3);

    // Three signatures waiting for review, approved through the service while nothing listens on the SMTP port.
    const { approveSignature } = await import('../src/modules/signing/use-cases/approve-signature.ts');
    const { loadActor } = await import('../src/modules/policy/actor.ts');
    if (!staff) throw new Error('no secretariat');
    const actor = await loadActor(db, staff);
    for (const signer of signers) {
      const [row] = await db
        .insert(schema.signature)
        .values({
          allianceId: alliance?.id ?? '',
          declarationVersionId: version?.id ?? '',
          organisationId: signer.organisationId,
          signerPersonId: signer.personId,
          signerName: 'Signer',
          signerJobTitle: 'Director',
          status: 'pending_review',
          confirmedAt: new Date(),
        })
        .returning();
      await approveSignature({ db, jobs: t.app.jobs, config: t.app.config, actor, signatureId: row?.id ?? '' });
    }

    // The worker tries, fails and keeps the e-mails pending with their error.
    await waitFor(async () => {
      const rows = await db
        .select()
        .from(schema.emailDelivery)
        .where(eq(schema.emailDelivery.template, 'signature-approved'));
      return rows.length === 3 && rows.every((r) => r.attempts >= 1 && r.status === 'pending') ? rows : undefined;
    }, 'three failed attempts');
    expect(received).toHaveLength(0);

    await startSmtp();
    await waitFor(async () => (received.length >= 3 ? received : undefined), 'three e-mails', 40_000);
    // Give any duplicate a chance to show up before counting.
    await new Promise((r) => setTimeout(r, 3000));
    const approvals = received.filter((m) => signers.some((s) => m.to.includes(s.email)));
    expect(approvals).toHaveLength(3);
    expect(new Set(approvals.map((m) => m.messageId)).size).toBe(3);
    const rows = await db
      .select()
      .from(schema.emailDelivery)
      .where(eq(schema.emailDelivery.template, 'signature-approved'));
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
  }, 90_000);
});
