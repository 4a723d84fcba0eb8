import { randomUUID } from 'node:crypto';
import { schema } from '@concord/db';
import { createMailer, type EmailJob } from '@concord/notifications';
import { and, eq, sql } from 'drizzle-orm';
import type { Job } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer, type TestSmtpServer } from '../../notifications/test/smtp-test-server.ts';
import { emailBatchHandler } from '../src/jobs/email-worker.ts';
import { buildTestApp, type TestApp } from './helper.ts';
import { signIn } from './journey.ts';
import {
  pendingSignature,
  richSubject,
  SECRETARIAT_EMAIL,
  type Subject,
  signInAccepting,
} from './personal-data-fixtures.ts';
import { jobsSettled, ok, type Person, pledgers, SLUG } from './pledge-fixtures.ts';

const REQUEST = 'mutation($confirm: Boolean!) { requestErasure(confirm: $confirm) { personId erasedAt } }';
const ERASE =
  'mutation($id: ID!, $reason: String!) { erasePerson(personId: $id, reason: $reason) { personId erasedAt } }';
const ME = '{ me { person { id email name } } }';

let t: TestApp;
let staff: string;

beforeAll(async () => {
  t = await buildTestApp();
  staff = await signIn(t, SECRETARIAT_EMAIL);
}, 60_000);
afterAll(() => t.close());

/**
 * Every row of every table, in every schema (the job queue's and the migrations' included), whose text holds
 * `needle` as text or as the hex of a bytea: a dump of the whole database, searched.
 */
async function rowsHolding(needle: string): Promise<string[]> {
  const tables = await t.database.rows<{ name: string }>(sql`
    select format('%I.%I', n.nspname, c.relname) as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema')
      and n.nspname not like 'pg_toast%'`);
  const hex = Buffer.from(needle.toLowerCase()).toString('hex');
  const found: string[] = [];
  for (const { name } of tables) {
    const [row] = await t.database.rows<{ n: number }>(sql`select count(*)::int as n from ${sql.raw(name)} t
      where strpos(lower(t::text), ${needle.toLowerCase()}) > 0 or strpos(lower(t::text), ${hex}) > 0`);
    if (Number(row?.n) > 0) found.push(`${name}: ${row?.n}`);
  }
  return found;
}

/** What the public sees of the alliance: the register and its open-data exports. */
async function publicRecord(): Promise<unknown[]> {
  const files = await Promise.all(
    ['csv', 'json'].map(async (format) => (await t.app.inject(`/exports/signatories.${format}?alliance=${SLUG}`)).body),
  );
  const register = await ok(
    t,
    `{ alliance(slug: "${SLUG}") { signatories(first: 100) { totalCount nodes { organisation { legalName } } } } }`,
    {},
  );
  return [...files, register];
}

const verify = async () => ({
  chain: await t.database.rows(sql`select seq::int, problem from audit_verify_chain()`),
  personal: await t.database.rows(sql`select seq::int, problem from audit_verify_personal()`),
});

describe('[ERASURE] a person asks for their personal data to be erased', () => {
  let subject: Subject;
  let pending: string;
  beforeAll(async () => {
    subject = await richSubject(t, staff, 'erasure');
    pending = await pendingSignature(t, subject, 'erasure');
    await jobsSettled(t);
  }, 120_000);

  it('is pseudonymised everywhere, while the chain stays valid and the public record unchanged', async () => {
    const before = await publicRecord();
    for (const needle of [subject.email, subject.name, subject.jobTitle]) {
      expect(await rowsHolding(needle), `before: ${needle}`).not.toEqual([]);
    }
    const [certificate] = await t.database.db
      .select({ sha256: schema.document.sha256 })
      .from(schema.document)
      .where(eq(schema.document.signatureId, subject.signatureId));

    const erased = await t.graphql<{ requestErasure: { personId: string } }>(
      REQUEST,
      { confirm: true },
      {
        cookie: subject.cookie,
      },
    );
    expect(erased.errors).toBeUndefined();
    expect(erased.data?.requestErasure.personId).toBe(subject.id);
    expect(erased.setCookie.join()).toMatch(/concord_session=;/);

    expect(await verify()).toEqual({ chain: [], personal: [] });
    for (const needle of [subject.email, subject.name, subject.jobTitle]) {
      expect(await rowsHolding(needle), `after: ${needle}`).toEqual([]);
    }
    expect(await publicRecord()).toEqual(before);

    // Their session is over; the signature is still the organisation's, now signed by "Erased".
    expect((await t.graphql(ME, {}, { cookie: subject.cookie })).data).toEqual({ me: null });
    const [signature] = await t.database.db
      .select()
      .from(schema.signature)
      .where(eq(schema.signature.id, subject.signatureId));
    expect(signature).toMatchObject({
      status: 'active',
      signerName: 'Erased',
      signerJobTitle: 'Erased',
      signerPersonId: subject.id,
    });
    const [person] = await t.database.db.select().from(schema.person).where(eq(schema.person.id, subject.id));
    expect(person).toMatchObject({
      email: `erased-${subject.id}@invalid`,
      name: 'Erased',
      isPlatformAdministrator: false,
    });
    expect(person?.erasedAt).toBeInstanceOf(Date);

    // The certificate named them: its entry still verifies, its file is gone.
    const verified = await ok<{ verifyDocument: { isIssued: boolean; isSignatureActive: boolean } }>(
      t,
      'query($h: String!) { verifyDocument(sha256: $h) { isIssued isSignatureActive } }',
      { h: certificate?.sha256 },
    );
    expect(verified.verifyDocument).toEqual({ isIssued: true, isSignatureActive: true });
    const download = await t.app.inject({ url: `/documents/${certificate?.sha256}.pdf`, headers: { cookie: staff } });
    expect(download.statusCode).toBe(410);

    // Their seat on the steering committee is gone with them: the public list names nobody erased.
    const seats = await t.database.db
      .select()
      .from(schema.steeringCommitteeMember)
      .where(eq(schema.steeringCommitteeMember.personId, subject.id));
    expect(seats).toEqual([]);
    const committee = await ok<{ alliance: { steeringCommittee: { name: string }[] } }>(
      t,
      `{ alliance(slug: "${SLUG}") { steeringCommittee { name } } }`,
      {},
    );
    expect(committee.alliance.steeringCommittee.map((m) => m.name)).not.toContain('Erased');

    // The audit log says it happened, and by whom, and nothing about who they were.
    const events = await t.database.db
      .select()
      .from(schema.auditEvent)
      .where(and(eq(schema.auditEvent.action, 'person.erased'), eq(schema.auditEvent.objectId, subject.id)));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorPersonId: subject.id, personalDigest: null, after: { by: 'self' } });

    // A decision on a signature they made still reaches its organisation's record, and no e-mail goes anywhere for them.
    await ok(
      t,
      'mutation($id: ID!, $r: String!) { rejectSignature(id: $id, reason: $r) { id } }',
      {
        id: pending,
        r: 'No representative left to answer our questions.',
      },
      staff,
    );
    await jobsSettled(t);
    const [queued] = await t.database.rows<{ n: number }>(
      sql`select count(*)::int as n from pgboss.job where data->>'to' = ${`erased-${subject.id}@invalid`}`,
    );
    expect(Number(queued?.n)).toBe(0);
    expect(await rowsHolding(subject.email)).toEqual([]);

    // The same address may sign in again: as somebody new.
    const again = await signInAccepting(t, subject.email);
    expect(again.personId).not.toBe(subject.id);
  });
});

describe('[ERASURE] who may erase', () => {
  let subject: Subject;
  let other: Person;
  beforeAll(async () => {
    subject = await richSubject(t, staff, 'rights');
    [other] = (await pledgers(t, 1)) as [Person];
    // As above: the e-mail the set-up queued is sent before the erasure (an e-mail caught mid-way is the next
    // describe's subject).
    await jobsSettled(t);
  }, 120_000);

  it('refuses the public, another representative, an unconfirmed request and a missing reason, and erases nothing', async () => {
    const stranger = await signIn(t, other.email);
    const attempts = [
      [REQUEST, { confirm: true }, undefined, { code: 'UNAUTHENTICATED' }],
      [ERASE, { id: subject.id, reason: 'Asked by letter' }, undefined, { code: 'UNAUTHENTICATED' }],
      [ERASE, { id: subject.id, reason: 'Asked by letter' }, stranger, { code: 'NOT_FOUND' }],
      [ERASE, { id: 'nobody', reason: 'Asked by letter' }, staff, { code: 'NOT_FOUND' }],
      [REQUEST, { confirm: false }, subject.cookie, { code: 'BAD_USER_INPUT', field: 'confirm' }],
      [ERASE, { id: subject.id, reason: '   ' }, staff, { code: 'BAD_USER_INPUT', field: 'reason' }],
    ] as const;
    for (const [query, variables, cookie, expected] of attempts) {
      const res = await t.graphql(query, variables, cookie ? { cookie } : {});
      expect(res.errors?.[0]?.extensions, JSON.stringify(variables)).toMatchObject(expected);
    }
    const [person] = await t.database.db.select().from(schema.person).where(eq(schema.person.id, subject.id));
    expect(person).toMatchObject({ email: subject.email, erasedAt: null });
    expect((await t.graphql(ME, {}, { cookie: subject.cookie })).data).toMatchObject({
      me: { person: { id: subject.id } },
    });
  });

  it('lets the secretariat act on a request for the person, once however many times it is sent at once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        t.graphql<{ erasePerson: { erasedAt: string } }>(
          ERASE,
          { id: subject.id, reason: 'E-mail of 2 December' },
          { cookie: staff },
        ),
      ),
    );
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    expect(new Set(answers.map((a) => a.data?.erasePerson.erasedAt)).size).toBe(1);
    expect((await t.graphql(ME, {}, { cookie: subject.cookie })).data).toEqual({ me: null });
    const events = await t.database.db
      .select()
      .from(schema.auditEvent)
      .where(and(eq(schema.auditEvent.action, 'person.erased'), eq(schema.auditEvent.objectId, subject.id)));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ after: { by: 'secretariat', reason: 'E-mail of 2 December' } });
    expect(await verify()).toEqual({ chain: [], personal: [] });
    expect(await rowsHolding(subject.email)).toEqual([]);
  });
});

describe('[ERASURE] an e-mail the worker had in hand when the person was erased', () => {
  // The mail server is outside: a message that left before the erasure is the recipient's, not Concord's to erase.
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(() => smtp?.close());

  /**
   * An e-mail to `email` as the worker holds it once fetched: its job's row in the queue and its data. Queued an
   * hour ahead, so that the running worker leaves it to this test, which plays the worker that fetched it.
   */
  async function fetched(email: string, n: number): Promise<Job<EmailJob>> {
    const data: EmailJob<'login-link'> = {
      idempotencyKey: `login-link:erasure-race-${randomUUID()}`,
      template: 'login-link',
      to: email,
      locale: 'en',
      data: { url: `https://concord.example.eu/login/verify?token=${n}`, expiresInMinutes: 10 },
    };
    const id = await t.app.jobs.boss.send('send-login-email', data, { startAfter: 3600 });
    const [row] = await t.database.rows<{ name: string; id: string }>(
      sql`select name, id::text from pgboss.job where id = ${id}::uuid`,
    );
    if (!row) throw new Error('the job was not queued');
    return { ...row, data } as Job<EmailJob>;
  }

  const handle = () =>
    emailBatchHandler(
      {
        jobs: t.app.jobs,
        db: t.database.db,
        config: t.app.config,
        log: t.app.log,
        metrics: t.app.metrics,
        tracer: t.app.telemetry.tracer,
      },
      {
        queue: 'send-login-email',
        mailer: createMailer({ smtpUrl: smtp.url, from: t.app.config.mailFrom, db: t.database.db }),
        batchSize: 10,
        concurrency: 2,
      },
    );

  it('is not sent, and leaves the address nowhere, when the erasure came first', async () => {
    const { email, cookie } = await newPerson('race-before');
    const job = await fetched(email, 1);
    await ok(t, REQUEST, { confirm: true }, cookie);
    const results = await handle()([job]);
    expect(results).toEqual([{ id: job.id, status: 'completed', output: { result: 'dropped' } }]);
    expect(await rowsHolding(email)).toEqual([]);
    expect(smtp.messages.filter((m) => [m.to].flat().some((a) => a?.text.includes(email)))).toEqual([]);
  });

  it('leaves the address nowhere however the claim and the erasure interleave', async () => {
    const people = await Promise.all(['race-a', 'race-b', 'race-c', 'race-d'].map(newPerson));
    const jobs = await Promise.all(people.map((p, i) => fetched(p.email, i)));
    // Each erasure beside the worker's batch holding that person's e-mail among the others'.
    await Promise.all([handle()(jobs), ...people.map((p) => ok(t, REQUEST, { confirm: true }, p.cookie))]);
    for (const p of people) expect(await rowsHolding(p.email), p.email).toEqual([]);
  });

  /** A person who signed in once (so holds an account), with the log-in e-mail already sent. */
  async function newPerson(label: string) {
    const email = `${label}.${randomUUID().slice(0, 8)}@erasure.example.eu`;
    const { cookie } = await signInAccepting(t, email);
    await jobsSettled(t);
    return { email, cookie };
  }
});
