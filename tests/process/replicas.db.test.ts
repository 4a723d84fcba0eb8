import { schema } from '@concord/db';
import { openTestDatabase } from '@concord/db/testing';
import { sql } from 'drizzle-orm';
import { describe, expect, inject, it } from 'vitest';
import WebSocket from 'ws';
import { startApiProcess } from '../setup/api-process.ts';
import { graphqlAt, readsAndLoginLinks, signIn, until } from '../setup/graphql-client.ts';
import { type Replicas, startReplicas } from '../setup/replicas.ts';

const templates = inject('databaseTemplates');

/**
 * Several processes on one PostgreSQL, as a deployment runs them (infra/): two API processes and a worker process,
 * a small round-robin proxy in front of the two APIs, and the portal, calling the APIs through that proxy
 * (tests/setup/replicas.ts starts them; the load part of `pnpm bench` starts the same).
 * PGlite is one process's, so this runs on the server only.
 *
 * What it asserts: every e-mail job is done as one message (one Message-ID), although its worker is killed with
 * SIGKILL half-way and another takes over, and the copies sent again after the kill are at most the killed worker's
 * batch in flight; with two workers polling at once, every job is sent exactly once; a session made through one API
 * process is good on the other; every kind of live event (signatures, the activity feed, the review queues, a
 * meeting's script) published through one reaches a subscriber connected to the other; the limit on log-in links
 * holds for requests spread over both at once; the portal shows a signed-in page for that session and the new
 * signatory; an API process stopped (SIGTERM) with requests in flight, reads and changes sent to it directly rather
 * than through the proxy (which would send a read again elsewhere), answers every one of them.
 */
describe.skipIf(templates.kind !== 'postgres')(
  '[REPLICAS] two API processes, a worker and the portal on one PostgreSQL',
  () => {
    it('runs each job once, shares sessions, limits and live events, serves the portal, and drains on stop', async () => {
      const database = await openTestDatabase(templates, 'demo');
      const env = {
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        SEED_DEMO: 'false',
        DEV_MAILBOX: 'true',
        DATABASE_URL: database.url ?? '',
        JOB_POLLING_SECONDS: '0.5',
        JOB_HEARTBEAT_SECONDS: '10',
        JOB_MONITOR_SECONDS: '1',
        JOB_RETRY_DELAY_SECONDS: '1',
        LOGIN_LINKS_PER_CLIENT: '1000',
      };
      let replicas: Replicas | undefined;
      try {
        replicas = await startReplicas({ env });
        const { apis, worker, portal, proxy, processes } = replicas;
        const [a, b] = apis;
        const front = proxy.baseUrl;
        const ask = graphqlAt(front);

        // Each job once: 30 log-in links through both API processes; the worker is killed after the first arrive.
        const addresses = Array.from({ length: 30 }, (_, i) => `replica-${i}@recycler.example.de`);
        const requested = await Promise.all(
          addresses.map((email) =>
            ask('mutation($email: String!) { requestLoginLink(email: $email) { accepted } }', { email }),
          ),
        );
        expect(requested.every((r) => r.data?.requestLoginLink?.accepted === true)).toBe(true);
        await until(async () => (await mailCount(ask, 'replica-')) > 0);
        worker.signal('SIGKILL');
        await worker.exited;
        const second = await startApiProcess({ ...env, RUN_WORKER: 'true' });
        processes.push(second);
        await until(async () => (await mailCount(ask, 'replica-')) >= addresses.length, 60_000);
        // Time for a second copy to show up, were there one, before counting.
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        // The development mailbox keeps every message sent. One e-mail per job: each address has one Message-ID. A
        // message the killed worker handed over but had not yet marked sent is sent again by the next one, with the
        // same Message-ID (docs/adr/0015): SMTP cannot take a message back, and recipients' mail systems drop it. The
        // worker marks its log-in e-mails sent in groups, ten a batch at most: no more copies than that.
        const rows = await mailboxCounts(database, 'replica-%');
        expect(rows).toHaveLength(addresses.length);
        expect(rows.filter((r) => r.ids !== 1)).toEqual([]);
        expect(rows.reduce((sum, r) => sum + r.copies, 0)).toBeLessThanOrEqual(addresses.length + 10);

        // Two workers polling at once, neither killed: each job is sent exactly once, whichever takes it.
        const third = await startApiProcess({ ...env, RUN_WORKER: 'true' });
        processes.push(third);
        const pairs = Array.from({ length: 30 }, (_, i) => `pair-${i}@recycler.example.de`);
        const pairRequests = await Promise.all(
          pairs.map((email) =>
            ask('mutation($email: String!) { requestLoginLink(email: $email) { accepted } }', { email }),
          ),
        );
        expect(pairRequests.every((r) => r.data?.requestLoginLink?.accepted === true)).toBe(true);
        await until(async () => (await mailCount(ask, 'pair-')) >= pairs.length, 60_000);
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        const pairRows = await mailboxCounts(database, 'pair-%');
        expect(pairRows).toHaveLength(pairs.length);
        expect(pairRows.filter((r) => r.copies !== 1)).toEqual([]);

        // A session made through A is good on B.
        const cookie = await signIn(`http://127.0.0.1:${a.port}`, 'secretariat@concord.example');
        const me = await graphqlAt(`http://127.0.0.1:${b.port}`)('{ me { person { email } } }', {}, cookie);
        expect(me.data?.me?.person?.email, JSON.stringify(me)).toBe('secretariat@concord.example');

        // The limit of log-in links per address holds for twelve requests at once, half through each process.
        const burst = await Promise.all(
          Array.from({ length: 12 }, (_, i) =>
            graphqlAt(`http://127.0.0.1:${i % 2 ? a.port : b.port}`)(
              'mutation($email: String!) { requestLoginLink(email: $email) { accepted } }',
              { email: 'burst@recycler.example.de' },
            ),
          ),
        );
        const codes = burst.map((r) =>
          r.errors ? (r.errors[0] as { extensions?: { code?: string } }).extensions?.code : 'OK',
        );
        expect(codes.filter((c) => c === 'OK')).toHaveLength(5);
        expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(7);

        // The portal, through the proxy, knows the session made on A.
        const account = await fetch(`${portal.baseUrl}/account`, { headers: { cookie }, redirect: 'manual' });
        expect(account.status).toBe(200);
        expect(await account.text()).toContain('secretariat@concord.example');

        // Live events published through A reach subscribers on B: one approval is a new signatory, an entry of the
        // activity feed and a change of the signatures' review queue (that one for the secretariat's session only).
        const pending = await pendingSignature(database, 'Two Replicas Recycling SL');
        const onB = `ws://127.0.0.1:${b.port}/graphql`;
        const added = subscribe(
          onB,
          'subscription { signatureAdded(allianceSlug: "circular-plastics") { organisationName } }',
        );
        const feed = subscribe(
          onB,
          'subscription { activityAdded(allianceSlug: "circular-plastics") { kind organisationName } }',
        );
        const queue = subscribe(
          onB,
          'subscription { reviewQueueChanged(allianceSlug: "circular-plastics") { queue } }',
          cookie,
        );
        await Promise.all([added.ready, feed.ready, queue.ready]);
        const approved = await graphqlAt(`http://127.0.0.1:${a.port}`)(
          'mutation($id: ID!) { approveSignature(id: $id) { status } }',
          { id: pending },
          cookie,
        );
        expect(approved.data?.approveSignature?.status).toBe('ACTIVE');
        await expect(added.event).resolves.toEqual({
          data: { signatureAdded: { organisationName: 'Two Replicas Recycling SL' } },
        });
        await expect(feed.event).resolves.toEqual({
          data: { activityAdded: { kind: 'SIGNATORY_JOINED', organisationName: 'Two Replicas Recycling SL' } },
        });
        await expect(queue.event).resolves.toEqual({ data: { reviewQueueChanged: { queue: 'SIGNATURES' } } });
        for (const s of [added, feed, queue]) s.close();

        // A meeting's script changed through A reaches its followers on B.
        const [meeting] = await database.rows<{ id: string }>(
          sql`select id from meeting where status = 'scheduled' order by starts_at desc limit 1`,
        );
        const script = subscribe(onB, `subscription { meetingScriptChanged(meetingId: "${meeting?.id}") { id } }`);
        await script.ready;
        const item = await graphqlAt(`http://127.0.0.1:${a.port}`)(
          `mutation($id: ID!) { addAgendaItem(meetingId: $id, input: { title: "Replicas", durationMinutes: 15,
            method: PLENARY }) { id } }`,
          { id: meeting?.id },
          cookie,
        );
        expect(item.errors, JSON.stringify(item)).toBeUndefined();
        await expect(script.event).resolves.toEqual({ data: { meetingScriptChanged: { id: meeting?.id } } });
        script.close();
        // The portal shows the signatory once the secretariat has approved it, whichever API process it asks.
        const signatories = await fetch(
          `${portal.baseUrl}/alliances/circular-plastics/signatories?search=Two+Replicas`,
        );
        expect(signatories.status).toBe(200);
        expect(await signatories.text()).toContain('Two Replicas Recycling SL');

        // A stopped with requests in flight: sixty sent to it directly (reads, and log-in links, which change
        // something), each on a connection of its own; SIGTERM as soon as every request is written, before A has read them all
        // (services/api/src/lifecycle.ts reads what has arrived before it closes). Each is answered.
        const read = '{ alliance(slug: "circular-plastics") { signatories(first: 50) { totalCount nodes { id } } } }';
        const drained = Array.from({ length: 20 }, (_, i) => `drain-${i}@recycler.example.de`);
        const inFlight = readsAndLoginLinks(a.port, read, 40, drained);
        await Promise.all(inFlight.map((r) => r.written));
        a.signal('SIGTERM');
        const answers = await Promise.all(inFlight.map((r) => r.answer));
        expect(answers.filter((r) => r.status !== 200).map((r) => JSON.stringify(r))).toEqual([]);
        const reads = answers.slice(0, 40).map((r) => r.body);
        expect(reads.filter((r) => r.errors || !r.data?.alliance).map((r) => JSON.stringify(r))).toEqual([]);
        const links = answers.slice(40).map((r) => r.body);
        expect(links.filter((r) => r.data?.requestLoginLink?.accepted !== true).map((r) => JSON.stringify(r))).toEqual(
          [],
        );
        expect(await a.exited).toBe(0);
        // What A accepted was committed: every log-in e-mail is sent, once, by the workers.
        await until(async () => (await mailCount(ask, 'drain-')) >= drained.length, 60_000);
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        const drainRows = await mailboxCounts(database, 'drain-%');
        expect(drainRows.map((r) => r.copies)).toEqual(drained.map(() => 1));
      } finally {
        await replicas?.stop();
        await database.close();
      }
    }, 240_000);
  },
);

/** Per recipient matching `pattern` (SQL LIKE): the messages the development mailbox holds, and their Message-IDs. */
function mailboxCounts(database: Awaited<ReturnType<typeof openTestDatabase>>, pattern: string) {
  return database.rows<{ recipient: string; copies: number; ids: number }>(sql`
    select recipient, count(*)::int as copies, count(distinct headers->>'Message-ID')::int as ids
    from dev_mailbox_message where recipient like ${pattern} group by recipient order by recipient`);
}

async function mailCount(ask: ReturnType<typeof graphqlAt>, prefix: string): Promise<number> {
  const answer = await ask('{ devMailbox(first: 100) { nodes { to } } }');
  return (answer.data?.devMailbox?.nodes ?? []).filter((m: { to: string }) => m.to.startsWith(prefix)).length;
}

async function pendingSignature(database: Awaited<ReturnType<typeof openTestDatabase>>, legalName: string) {
  const db = database.db;
  const [alliance] = await db.select().from(schema.alliance);
  const [version] = await db.select().from(schema.declarationVersion);
  const [organisation] = await db
    .insert(schema.organisation)
    .values({ legalName, normalisedName: legalName.toLowerCase(), country: 'ES', kind: 'company', size: 'sme' })
    .returning();
  const [pending] = await db
    .insert(schema.signature)
    .values({
      allianceId: alliance?.id ?? '',
      declarationVersionId: version?.id ?? '',
      organisationId: organisation?.id ?? '',
      signerName: 'Lucía',
      signerJobTitle: 'CEO',
      status: 'pending_review',
      confirmedAt: new Date(),
    })
    .returning();
  return pending?.id;
}

/** Subscribes over graphql-transport-ws, with `cookie` (a session) on the upgrade request if given; `event` is the first. */
function subscribe(
  url: string,
  query: string,
  cookie?: string,
): { ready: Promise<void>; event: Promise<unknown>; close(): void } {
  const socket = new WebSocket(url, 'graphql-transport-ws', cookie ? { headers: { cookie } } : {});
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const event = new Promise((resolve, reject) => {
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
    socket.on('message', (raw) => {
      const message = JSON.parse(String(raw)) as { type: string; payload?: unknown };
      if (message.type === 'connection_ack') {
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
        setTimeout(markReady, 200);
      } else if (message.type === 'next') resolve(message.payload);
      else if (message.type === 'error') reject(new Error(JSON.stringify(message.payload)));
    });
    socket.on('error', reject);
  });
  // An error before the test waits for the event (a refusal when subscribing) fails `ready` instead of going unheard.
  event.catch(() => {});
  return { ready: Promise.race([ready, event.then(() => undefined)]), event, close: () => socket.close() };
}
