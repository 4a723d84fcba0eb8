import { createDatabase, schema } from '@concord/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { buildTestApp, type TestApp } from './helper.ts';
import { signIn } from './journey.ts';

let t: TestApp;
let url = '';
beforeAll(async () => {
  t = await buildTestApp();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const address = t.app.server.address();
  url = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/graphql`;
});
afterAll(() => t.close());

/** A graphql-transport-ws client: enough to receive the first event (or the refusal) of one subscription. */
function subscribe(
  query: string,
  at = url,
): {
  next: Promise<unknown>;
  first: Promise<{ type: string; payload?: unknown }>;
  ready: Promise<void>;
  close(): void;
} {
  const socket = new WebSocket(at, 'graphql-transport-ws');
  let resolveReady: () => void = () => {};
  const ready = new Promise<void>((r) => {
    resolveReady = r;
  });
  let resolveFirst: (message: { type: string; payload?: unknown }) => void = () => {};
  const first = new Promise<{ type: string; payload?: unknown }>((r) => {
    resolveFirst = r;
  });
  const next = new Promise((resolve, reject) => {
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
    socket.on('message', (raw) => {
      const message = JSON.parse(String(raw)) as { type: string; payload?: unknown };
      if (message.type === 'next' || message.type === 'error') resolveFirst(message);
      if (message.type === 'connection_ack') {
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
        // The server registers the subscription on receipt; give it a moment before publishing.
        setTimeout(resolveReady, 200);
      } else if (message.type === 'next') resolve(message.payload);
      else if (message.type === 'error') reject(new Error(JSON.stringify(message.payload)));
    });
    socket.on('error', reject);
  });
  next.catch(() => {});
  return { next, first, ready, close: () => socket.close() };
}

/** A signature of a new organisation waiting for review, and how many are active before it. */
async function pendingSignature(legalName: string) {
  const db = t.database.db;
  const [alliance] = await db.select().from(schema.alliance);
  const [version] = await db.select().from(schema.declarationVersion);
  const [organisation] = await db
    .insert(schema.organisation)
    .values({
      legalName,
      normalisedName: legalName.toLowerCase().replace(/[^a-z ]/g, ''),
      country: 'PT',
      kind: 'company',
      size: 'sme',
    })
    .returning();
  const [pending] = await db
    .insert(schema.signature)
    .values({
      allianceId: alliance?.id ?? '',
      declarationVersionId: version?.id ?? '',
      organisationId: organisation?.id ?? '',
      signerName: 'Rita',
      signerJobTitle: 'CEO',
      status: 'pending_review',
      confirmedAt: new Date(),
    })
    .returning();
  const before = (await db.select().from(schema.signature).where(eq(schema.signature.status, 'active'))).length;
  return { pending, before };
}

describe('[LIVE] signatureAdded', () => {
  it('tells subscribers of the alliance when a signature becomes active, with the new count', async () => {
    const { pending, before } = await pendingSignature('Live Update Plastics SA');
    const subscription = subscribe(
      'subscription { signatureAdded(allianceSlug: "circular-plastics") { organisationName signatoryCount } }',
    );
    await subscription.ready;
    const staff = await signIn(t, 'secretariat@concord.example');
    const approved = await t.graphql(
      'mutation($id: ID!) { approveSignature(id: $id) { status } }',
      { id: pending?.id },
      { cookie: staff },
    );
    expect(approved.errors).toBeUndefined();
    const event = await subscription.next;
    subscription.close();
    expect(event).toEqual({
      data: { signatureAdded: { organisationName: 'Live Update Plastics SA', signatoryCount: before + 1 } },
    });
  });
});

describe('[SAFETY] subscriptions are validated like any request', () => {
  // Mercurius only parses what arrives over the WebSocket; graphql-js's subscribe() assumes a valid document.
  it.each([
    [
      'an unknown field',
      'subscription { signatureAdded(allianceSlug: "circular-plastics") { nosuchField } }',
      /nosuchField/,
    ],
    ['a missing argument', 'subscription { signatureAdded { signatoryCount } }', /allianceSlug/],
    [
      'introspection, closed in production',
      'subscription { signatureAdded(allianceSlug: "circular-plastics") { signatoryCount __type(name: "Query") { name } } }',
      /ntrospection|__type/,
    ],
  ])('refuses %s before it starts', async (_what, query, message) => {
    const subscription = subscribe(query);
    const answer = await subscription.first;
    subscription.close();
    expect(answer.type).toBe('error');
    const [error] = answer.payload as { message: string; extensions?: { code?: string } }[];
    expect(error?.message).toMatch(message);
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('[LIVE] across API processes on one database', () => {
  it('delivers an event published through one API process, and the activity it adds, to a subscriber of another', async () => {
    // Another API process: its own connections to the same database (on PGlite, the same embedded instance).
    const database = t.database.kind === 'postgres' ? await createDatabase({ url: t.database.url }) : t.database;
    const other = await buildApp({
      config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', RUN_WORKER: 'false', DEV_MAILBOX: 'true' }),
      database,
      logger: false,
    });
    try {
      await other.listen({ host: '127.0.0.1', port: 0 });
      const address = other.server.address();
      const otherUrl = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/graphql`;
      const { pending, before } = await pendingSignature('Elsewhere Polymers Lda');
      const subscription = subscribe(
        'subscription { signatureAdded(allianceSlug: "circular-plastics") { organisationName signatoryCount } }',
        otherUrl,
      );
      // The feed's entry comes from the database's own announcement of the audit event (migration 0023).
      const feed = subscribe(
        'subscription { activityAdded(allianceSlug: "circular-plastics") { kind organisationName } }',
        otherUrl,
      );
      await Promise.all([subscription.ready, feed.ready]);
      const staff = await signIn(t, 'secretariat@concord.example');
      const approved = await t.graphql(
        'mutation($id: ID!) { approveSignature(id: $id) { status } }',
        { id: pending?.id },
        { cookie: staff },
      );
      expect(approved.errors).toBeUndefined();
      const event = await subscription.next;
      subscription.close();
      expect(event).toEqual({
        data: { signatureAdded: { organisationName: 'Elsewhere Polymers Lda', signatoryCount: before + 1 } },
      });
      await expect(feed.next).resolves.toEqual({
        data: { activityAdded: { kind: 'SIGNATORY_JOINED', organisationName: 'Elsewhere Polymers Lda' } },
      });
      feed.close();
    } finally {
      await other.close();
      if (database !== t.database) await database.close();
    }
  });
});
