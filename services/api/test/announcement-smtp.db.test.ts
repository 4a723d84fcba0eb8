import { randomUUID } from 'node:crypto';
import { schema } from '@concord/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendAnnouncement } from '../src/modules/announcement/use-cases/send-announcement.ts';
import { loadActor } from '../src/modules/policy/actor.ts';
import { buildTestApp, type TestApp } from './helper.ts';
import { waitFor } from './journey.ts';
import { SECRETARIAT, SLUG } from './pledge-fixtures.ts';
import { type SmtpSink, startSmtpSink } from './smtp-sink.ts';

/**
 * An announcement sent while the mail server (a real smtp-server) is down: the queue retries, and once the server is
 * back every recipient gets it, once.
 */
let t: TestApp;
let sink: SmtpSink;
let port = 0;

beforeAll(async () => {
  // Started to learn a free port, then stopped: the server is down when the announcement goes out.
  sink = await startSmtpSink();
  port = sink.port;
  await sink.close();
  t = await buildTestApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}`, JOB_RETRY_LIMIT: '10' } });
});
afterAll(async () => {
  await t?.close();
  await sink?.close();
});

const count = async (where: ReturnType<typeof sql>) => {
  const [row] = await t.database.rows<{ n: number }>(
    sql`select count(*)::int as n from email_delivery where template = 'announcement' and ${where}`,
  );
  return Number(row?.n ?? 0);
};

describe('[ANNOUNCE] the mail server is down when an announcement is sent', () => {
  it('delivers it to every recipient once the server is back: none lost, none twice', async () => {
    const db = t.database.db;
    const [staff] = await db.select().from(schema.person).where(eq(schema.person.email, SECRETARIAT));
    if (!staff) throw new Error('no secretariat');
    const sent = await sendAnnouncement({
      db,
      jobs: t.app.jobs,
      config: t.app.config,
      actor: await loadActor(db, staff),
      allianceSlug: SLUG,
      input: {
        title: 'Working groups meet',
        body: 'See *you* there.',
        segment: { kind: 'organisation_kind', organisationKind: 'association' },
      },
      requestKey: randomUUID(),
    });
    const total = sent.row.recipientCount;
    expect(total).toBeGreaterThan(1);

    await waitFor(
      async () => ((await count(sql`attempts >= 1 and last_error is not null`)) >= total ? true : undefined),
      'every delivery failing while the server is down',
      60_000,
    );
    expect(await count(sql`status = 'sent'`)).toBe(0);

    sink = await startSmtpSink({ port });
    await waitFor(
      async () => ((await count(sql`status = 'sent'`)) === total ? true : undefined),
      'every one sent',
      90_000,
    );
    // Give a duplicate a chance to show before counting.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const messages = sink.messages.filter((m) => m.subject.includes('Working groups meet'));
    expect(messages).toHaveLength(total);
    expect(new Set(messages.map((m) => m.to.toLowerCase())).size).toBe(total);
    expect(new Set(messages.map((m) => m.messageId)).size).toBe(total);
  }, 180_000);
});
