import { schema } from '@concord/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.ts';
import { signIn } from './journey.ts';

/**
 * The matrix of roles × operations through the real API. Each row sets up its own signature, so one
 * operation's success cannot hide another's.
 */
const SLUG = 'circular-plastics';
let t: TestApp;
let version = 1;
const cookies: Record<string, string> = {};
let orgA = '';
let orgB = '';

beforeAll(async () => {
  t = await buildTestApp();
  const [v] = await t.database.db.select().from(schema.declarationVersion).limit(1);
  version = v?.version ?? 1;
  cookies.repA = await signIn(t, 'rep-a@example.org');
  cookies.repB = await signIn(t, 'rep-b@example.org');
  cookies.secretariat = await signIn(t, 'secretariat@concord.example');
  orgA = await registerFor(cookies.repA, 'Matrix A Plastics GmbH');
  orgB = await registerFor(cookies.repB, 'Matrix B Plastics GmbH');
}, 60_000);
afterAll(() => t.close());

async function registerFor(cookie: string | undefined, legalName: string): Promise<string> {
  const res = await t.graphql<{ registerOrganisation: { organisation: { id: string } } }>(
    `mutation($input: OrganisationInput!) { registerOrganisation(input: $input) { organisation { id } } }`,
    {
      input: {
        legalName,
        country: 'AT',
        kind: 'COMPANY',
        size: 'LARGE',
        stages: ['CONVERTER'],
        registrationNumber: legalName,
      },
    },
    { cookie: cookie ?? '' },
  );
  const id = res.data?.registerOrganisation.organisation.id;
  if (!id) throw new Error(JSON.stringify(res.errors));
  return id;
}

/** A signature of organisation A waiting for review, made directly in the database (the journey is tested elsewhere). */
async function pendingSignatureOfA(): Promise<string> {
  const [alliance] = await t.database.db.select().from(schema.alliance).where(eq(schema.alliance.slug, SLUG));
  const [v] = await t.database.db.select().from(schema.declarationVersion).limit(1);
  await t.database.db
    .update(schema.signature)
    .set({ status: 'withdrawn', withdrawnAt: new Date() })
    .where(eq(schema.signature.organisationId, orgA));
  const [row] = await t.database.db
    .insert(schema.signature)
    .values({
      allianceId: alliance?.id ?? '',
      declarationVersionId: v?.id ?? '',
      organisationId: orgA,
      signerName: 'A',
      signerJobTitle: 'B',
      status: 'pending_review',
      confirmedAt: new Date(),
    })
    .returning();
  return row?.id ?? '';
}

type Role = 'public' | 'repA' | 'repB' | 'secretariat';
const roles: Role[] = ['public', 'repA', 'repB', 'secretariat'];

interface Operation {
  name: string;
  allowed: Role[];
  run(cookie: string | undefined): Promise<{ errors?: { extensions?: { code?: string } }[] }>;
}

const operations: Operation[] = [
  {
    name: 'sign for organisation A',
    allowed: ['repA'],
    run: async (cookie) => {
      await t.database.db
        .update(schema.signature)
        .set({ status: 'withdrawn', withdrawnAt: new Date() })
        .where(eq(schema.signature.organisationId, orgA));
      return t.graphql(
        'mutation($input: SignDeclarationInput!) { signDeclaration(input: $input) { id } }',
        {
          input: {
            allianceSlug: SLUG,
            organisationId: orgA,
            declarationVersion: version,
            signerName: 'X',
            signerJobTitle: 'Y',
          },
        },
        { cookie: cookie ?? '' },
      );
    },
  },
  {
    name: "withdraw organisation A's signature",
    allowed: ['repA'],
    run: async (cookie) =>
      t.graphql(
        'mutation($id: ID!) { withdrawSignature(id: $id) { id } }',
        { id: await pendingSignatureOfA() },
        { cookie: cookie ?? '' },
      ),
  },
  {
    name: "approve organisation A's signature",
    allowed: ['secretariat'],
    run: async (cookie) =>
      t.graphql(
        'mutation($id: ID!) { approveSignature(id: $id) { id } }',
        { id: await pendingSignatureOfA() },
        { cookie: cookie ?? '' },
      ),
  },
  {
    name: "reject organisation A's signature",
    allowed: ['secretariat'],
    run: async (cookie) =>
      t.graphql(
        'mutation($id: ID!) { rejectSignature(id: $id, reason: "No") { id } }',
        { id: await pendingSignatureOfA() },
        { cookie: cookie ?? '' },
      ),
  },
  {
    name: 'read the review queue',
    allowed: ['secretariat'],
    run: (cookie) =>
      t.graphql(`{ alliance(slug: "${SLUG}") { reviewQueue { totalCount } } }`, {}, { cookie: cookie ?? '' }),
  },
  {
    name: 'read the failed e-mails',
    allowed: ['secretariat'],
    run: (cookie) => t.graphql(`{ alliance(slug: "${SLUG}") { failedEmails { id } } }`, {}, { cookie: cookie ?? '' }),
  },
  {
    name: 'register an organisation',
    allowed: ['repA', 'repB', 'secretariat'],
    run: (cookie) =>
      t.graphql(
        'mutation($input: OrganisationInput!) { registerOrganisation(input: $input) { organisation { id } } }',
        {
          input: {
            legalName: `Matrix ${Math.random()}`,
            country: 'AT',
            kind: 'NGO',
            size: 'SME',
            stages: ['RESEARCH'],
            registrationNumber: String(Math.random()),
          },
        },
        { cookie: cookie ?? '' },
      ),
  },
];

describe('[RIGHTS] every role × every operation', () => {
  for (const operation of operations) {
    for (const role of roles) {
      const allowed = operation.allowed.includes(role);
      const expected = allowed ? 'OK' : role === 'public' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
      it(`${role}: ${operation.name} → ${expected}`, async () => {
        const res = await operation.run(role === 'public' ? undefined : cookies[role]);
        expect(res.errors?.[0]?.extensions?.code ?? 'OK').toBe(expected);
      });
    }
  }

  it("keeps organisation B's representative out of A's signature even with its id", async () => {
    const id = await pendingSignatureOfA();
    const res = await t.graphql(
      'mutation($id: ID!) { withdrawSignature(id: $id) { id } }',
      { id },
      { cookie: cookies.repB ?? '' },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const [row] = await t.database.db.select().from(schema.signature).where(eq(schema.signature.id, id));
    expect(row?.status).toBe('pending_review');
    expect(orgB).not.toBe(orgA);
  });
});
