import { schema } from '@concord/db';
import { openTestDatabase } from '@concord/db/testing';
import { sql } from 'drizzle-orm';
import { describe, expect, inject, it } from 'vitest';
import WebSocket from 'ws';
import { startApiProcess } from '../setup/api-process.ts';
import { type Replicas, startReplicas } from '../setup/replicas.ts';

const templates = inject('databaseTemplates');

/**
 * Several processes on one PostgreSQL, as a deployment runs them (infra/): two API processes and a worker process,
 * a small round-robin proxy in front of the two APIs, and the portal, calling the APIs through that proxy
 * (tests/setup/replicas.ts starts them; the load part of `pnpm bench` starts the same).
 * PGlite is one process's, so this runs on the server only.
 *
 * What it asserts: every e-mail job is done, as one message, although its worker is killed with SIGKILL half-way
 * and another takes over; a session made through one API process is good on the other; a live event published through one reaches a
 * subscriber connected to the other; the limit on log-in links holds for requests spread over both at once; the portal
 * shows a signed-in page for that session and the new signatory; an API process stopped (SIGTERM) under load
 * answers every request it accepted.
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
        // same Message-ID (docs/adr/0015): SMTP cannot take a message back, and recipients' mail systems drop it.
        const rows = await database.rows<{ recipient: string; ids: number }>(sql`
        select recipient, count(distinct headers->>'Message-ID')::int as ids from dev_mailbox_message
        where recipient like 'replica-%' group by recipient order by recipient`);
        expect(rows).toHaveLength(addresses.length);
        expect(rows.filter((r) => r.ids !== 1)).toEqual([]);

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

        // A live event published through A reaches a subscriber on B.
        const pending = await pendingSignature(database, 'Two Replicas Recycling SL');
        const next = subscribe(
          `ws://127.0.0.1:${b.port}/graphql`,
          'subscription { signatureAdded(allianceSlug: "circular-plastics") { organisationName } }',
        );
        await next.ready;
        const approved = await graphqlAt(`http://127.0.0.1:${a.port}`)(
          'mutation($id: ID!) { approveSignature(id: $id) { status } }',
          { id: pending },
          cookie,
        );
        expect(approved.data?.approveSignature?.status).toBe('ACTIVE');
        await expect(next.event).resolves.toEqual({
          data: { signatureAdded: { organisationName: 'Two Replicas Recycling SL' } },
        });
        next.close();
        // The portal shows the signatory once the secretariat has approved it, whichever API process it asks.
        const signatories = await fetch(
          `${portal.baseUrl}/alliances/circular-plastics/signatories?search=Two+Replicas`,
        );
        expect(signatories.status).toBe(200);
        expect(await signatories.text()).toContain('Two Replicas Recycling SL');

        // A stopped under load: every request sent through the proxy is answered with its data.
        const read = '{ alliance(slug: "circular-plastics") { signatories(first: 50) { totalCount nodes { id } } } }';
        const load = Array.from({ length: 60 }, () => ask(read));
        await new Promise((resolve) => setTimeout(resolve, 20));
        a.signal('SIGTERM');
        const answers = await Promise.all(load);
        expect(answers.filter((r) => r.errors || !r.data?.alliance).map((r) => JSON.stringify(r))).toEqual([]);
        expect(await a.exited).toBe(0);
      } finally {
        await replicas?.stop();
        await database.close();
      }
    }, 240_000);
  },
);

// biome-ignore lint/suspicious/noExplicitAny: GraphQL answers of several shapes
type Answer = { data?: any; errors?: unknown[] };

function graphqlAt(base: string) {
  return async (query: string, variables: Record<string, unknown> = {}, cookie?: string): Promise<Answer> => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as Answer;
  };
}

async function mailCount(ask: ReturnType<typeof graphqlAt>, prefix: string): Promise<number> {
  const answer = await ask('{ devMailbox(first: 100) { nodes { to } } }');
  return (answer.data?.devMailbox?.nodes ?? []).filter((m: { to: string }) => m.to.startsWith(prefix)).length;
}

/** Signs in through `base` with a log-in link from the development mailbox; answers the session's Cookie header. */
async function signIn(base: string, email: string): Promise<string> {
  const ask = graphqlAt(base);
  await ask('mutation($email: String!) { requestLoginLink(email: $email) { accepted } }', { email });
  let text = '';
  await until(async () => {
    const answer = await ask('query($to: String) { devMailbox(first: 5, to: $to) { nodes { text } } }', { to: email });
    text = answer.data?.devMailbox?.nodes?.[0]?.text ?? '';
    return text.includes('/login/verify');
  });
  const link = text.match(/https?:\/\/\S+\/login\/verify\S*/)?.[0] ?? '';
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($token: String!) { signInWithLink(token: $token) { expiresAt } }',
      variables: { token: new URL(link).searchParams.get('token') },
    }),
  });
  const [pair = ''] = (response.headers.getSetCookie()[0] ?? '').split(';');
  if (!pair.includes('concord_session')) throw new Error(`no session: ${await response.text()}`);
  return pair;
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

function subscribe(url: string, query: string): { ready: Promise<void>; event: Promise<unknown>; close(): void } {
  const socket = new WebSocket(url, 'graphql-transport-ws');
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
  return { ready, event, close: () => socket.close() };
}

async function until(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
