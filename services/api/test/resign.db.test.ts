import { schema } from '@concord/db';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, refusal } from './alliance-fixtures.ts';
import { buildTestApp, type TestApp } from './helper.ts';
import { mailbox, signIn, waitFor, waitForMail } from './journey.ts';
import { jobsSettled, type Person, SECRETARIAT, SLUG } from './pledge-fixtures.ts';
import {
  type Published,
  publishVersion2,
  RESIGN,
  representatives,
  representativesOfSignatories,
  resignInput,
  signaturesOf,
} from './resign-fixtures.ts';

/**
 * Re-signing a new declaration version (docs/adr/0032): publishing version 2 invites the representatives of every
 * signatory of version 1, once each, in their language; the secretariat sees who has not re-signed; a
 * representative re-signs in one step, active at once, the earlier signature superseded and the organisation
 * counted once; every refusal has its code and field; racing re-signings end in one signature.
 */
const NOT_RESIGNED = `query($slug: String!) { alliance(slug: $slug) { signatoriesNotResigned {
  versionInForce totalCount signatures { id status organisation { id } declaration { version } } } } }`;
const COUNTS = `query($slug: String!) { alliance(slug: $slug) { counts { signatories }
  all: signatories(first: 1) { totalCount }
  earlier: signatories(first: 100, filter: { onEarlierVersion: true }) { totalCount nodes { organisation { id } declarationVersion } }
  current: signatories(first: 100, filter: { onEarlierVersion: false }) { totalCount nodes { organisation { id } declarationVersion } } } }`;
const CERTIFICATE = `query { me { organisations { organisation { id } signatures { id status certificate { title } } } } }`;
const REGISTER = `mutation($input: OrganisationInput!) { registerOrganisation(input: $input) { organisation { id } } }`;

interface NotResigned {
  alliance: {
    signatoriesNotResigned: null | {
      versionInForce: number | null;
      totalCount: number;
      signatures: { id: string; status: string; organisation: { id: string }; declaration: { version: number } }[];
    };
  };
}
interface Counts {
  alliance: {
    counts: { signatories: number };
    all: { totalCount: number };
    earlier: { totalCount: number; nodes: { organisation: { id: string }; declarationVersion: number }[] };
    current: { totalCount: number; nodes: { organisation: { id: string }; declarationVersion: number }[] };
  };
}
interface Resigned {
  resignDeclaration: {
    id: string;
    status: string;
    declaration: { version: number };
    textRead: { language: string; textSha256: string; isTranslation: boolean };
    renews: { id: string; status: string; supersededAt: string | null; declaration: { version: number } } | null;
  };
}

let t: TestApp;
let staff: string;
let reps: Person[];
let cookies: string[];
let published: Published;
let signatoriesBefore: number;
let invited: string[];

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  staff = await signIn(t, SECRETARIAT);
  reps = await representatives(t, 4);
  cookies = await Promise.all(reps.map((rep) => signIn(t, rep.email)));
  // One reads French; one represents two signatories (a colleague's organisation too): one e-mail naming both.
  await db
    .update(schema.person)
    .set({ locale: 'fr' })
    .where(eq(schema.person.email, reps[0]?.email ?? ''));
  const [second] = await db
    .select()
    .from(schema.person)
    .where(eq(schema.person.email, reps[2]?.email ?? ''));
  await db
    .insert(schema.organisationMember)
    .values({ organisationId: reps[3]?.organisationId ?? '', personId: second?.id ?? '' });
  const counts = await ok<Counts>(t, COUNTS, { slug: SLUG });
  signatoriesBefore = counts.alliance.counts.signatories;
  invited = await representativesOfSignatories(t);
  published = await publishVersion2(t, staff);
}, 120_000);
afterAll(() => t?.close());

const rep = (i: number) => reps[i] as Person;
const cookie = (i: number) => cookies[i] as string;

describe('[SIGNING] publishing a new version invites the signatories of the earlier one', () => {
  it('e-mails each of their representatives once, in their language, with the link to re-sign', async () => {
    const french = await waitForMail(t, rep(0).email, /Version 2 de la déclaration/);
    expect(french.text).toContain('/account');
    expect(french.text.replace(/\s+/g, ' ')).toContain(rep(0).organisationName);
    const both = await waitForMail(t, rep(2).email, /Version 2 of the .* declaration/);
    const words = both.text.replace(/\s+/g, ' ');
    expect(words).toContain(rep(2).organisationName);
    expect(words).toContain(rep(3).organisationName);

    // Everyone who represented a signatory, once: the deliveries of this template, one per address.
    const { emailDelivery } = schema;
    const deliveries = await waitFor(
      async () => {
        const rows = await t.database.db
          .select({ recipient: emailDelivery.recipient })
          .from(emailDelivery)
          .where(eq(emailDelivery.template, 'resign-invitation'));
        return rows.length >= invited.length ? rows : undefined;
      },
      'every invitation delivered',
      60_000,
    );
    expect(deliveries.map((d) => d.recipient.toLowerCase()).sort()).toEqual(invited);
    expect((await mailbox(t, rep(2).email)).filter((m) => /Version 2/.test(m.subject))).toHaveLength(1);
  }, 90_000);
});

describe('[SIGNING] the secretariat sees who has not re-signed', () => {
  it('lists every signatory of version 1 with the version signed, for the secretariat alone', async () => {
    const list = (await ok<NotResigned>(t, NOT_RESIGNED, { slug: SLUG }, staff)).alliance.signatoriesNotResigned;
    if (!list) throw new Error('the secretariat sees the list');
    expect(list.versionInForce).toBe(2);
    expect(list.totalCount).toBe(signatoriesBefore);
    expect(list.signatures.every((s) => s.status === 'ACTIVE' && s.declaration.version === 1)).toBe(true);
    expect(list.signatures.map((s) => s.organisation.id)).toContain(rep(0).organisationId);
    // Its cost does not grow with its length: organisations and versions come through loaders.
    const statements = async (first: number) => {
      const query = NOT_RESIGNED.replace('signatoriesNotResigned {', `signatoriesNotResigned(first: ${first}) {`);
      t.resetQueryCount();
      await ok<NotResigned>(t, query, { slug: SLUG }, staff);
      return t.queryCount();
    };
    // Counted once the invitations' jobs are done (their statements go through the same database) and the session's
    // own statements are warm.
    await jobsSettled(t);
    await statements(2);
    expect(await statements(50)).toBe(await statements(2));
    for (const other of [cookie(0), undefined]) {
      expect(
        (await ok<NotResigned>(t, NOT_RESIGNED, { slug: SLUG }, other)).alliance.signatoriesNotResigned,
      ).toBeNull();
    }
  });
});

describe('[SIGNING] a representative re-signs the version in force in one step', () => {
  it('refuses, with its code and field, whoever may not and whatever is stale', async () => {
    const input = (i: number, overrides: Record<string, unknown> = {}) => ({
      input: resignInput(rep(i).organisationId, published, overrides),
    });
    expect(await refusal(t, RESIGN, input(0))).toMatchObject({ code: 'UNAUTHENTICATED' });
    // Not a representative of that organisation.
    expect(await refusal(t, RESIGN, input(0), cookie(1))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(t, RESIGN, input(0, { signerName: '  ' }), cookie(0))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.signerName',
    });
    expect(await refusal(t, RESIGN, input(0, { textSha256: 'abc' }), cookie(0))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.textSha256',
    });
    // A page from before version 2: the hash of version 1's text, or version 1 itself.
    expect(await refusal(t, RESIGN, input(0, { textSha256: published.earlierSha256 }), cookie(0))).toMatchObject({
      code: 'CONFLICT',
      field: 'input.textSha256',
    });
    expect(await refusal(t, RESIGN, input(0, { declarationVersion: 1 }), cookie(0))).toMatchObject({
      code: 'CONFLICT',
      field: 'input.declarationVersion',
    });
    expect(await refusal(t, RESIGN, input(0, { declarationVersion: 9 }), cookie(0))).toMatchObject({
      code: 'NOT_FOUND',
      field: 'input.declarationVersion',
    });
    expect(await refusal(t, RESIGN, input(0, { textLanguage: 'fi' }), cookie(0))).toMatchObject({
      code: 'NOT_FOUND',
      field: 'input.textLanguage',
    });
    // An organisation without an active signature: nothing to renew.
    const { registerOrganisation } = await ok<{ registerOrganisation: { organisation: { id: string } } }>(
      t,
      REGISTER,
      {
        input: {
          legalName: 'Kreislauf Neu GmbH',
          country: 'DE',
          kind: 'COMPANY',
          size: 'SME',
          stages: ['RECYCLER'],
          registrationNumber: 'HRB 424242',
        },
      },
      cookie(0),
    );
    const fresh = registerOrganisation.organisation.id;
    expect(await refusal(t, RESIGN, { input: resignInput(fresh, published) }, cookie(0))).toMatchObject({
      code: 'NOT_FOUND',
      field: 'input.organisationId',
    });
    // Once it signed for the first time, its signature waits for confirmation and review: nothing to renew yet.
    const first = await t.graphql(
      'mutation($input: SignDeclarationInput!) { signDeclaration(input: $input) { id } }',
      { input: { ...resignInput(fresh, published), textSha256: null } },
      { cookie: cookie(0) },
    );
    expect(first.errors).toBeUndefined();
    expect(await refusal(t, RESIGN, { input: resignInput(fresh, published) }, cookie(0))).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('awaits confirmation or review'),
    });
    // The signing window closed: as for a first signature.
    const { alliance } = schema;
    await t.database.db.update(alliance).set({ signingClosesOn: '2020-12-31' }).where(eq(alliance.slug, SLUG));
    try {
      expect(await refusal(t, RESIGN, input(0), cookie(0))).toMatchObject({
        code: 'CONFLICT',
        message: expect.stringContaining('closed on 2020-12-31'),
      });
    } finally {
      await t.database.db.update(alliance).set({ signingClosesOn: null }).where(eq(alliance.slug, SLUG));
    }
    // Nothing written by any of them.
    const rows = await signaturesOf(t, [rep(0).organisationId, fresh]);
    expect(rows.map((r) => r.status).sort()).toEqual(['active', 'pending_confirmation']);
  });

  it('makes the new signature active at once, keeps the earlier one superseded, and counts the organisation once', async () => {
    const { resignDeclaration: signed } = await ok<Resigned>(
      t,
      RESIGN,
      { input: resignInput(rep(0).organisationId, published) },
      cookie(0),
    );
    expect(signed).toMatchObject({
      status: 'ACTIVE',
      declaration: { version: 2 },
      textRead: { language: 'en', textSha256: published.textSha256, isTranslation: false },
      renews: { status: 'SUPERSEDED', declaration: { version: 1 } },
    });
    expect(signed.renews?.supersededAt).not.toBeNull();

    const counts = (await ok<Counts>(t, COUNTS, { slug: SLUG })).alliance;
    expect(counts.counts.signatories).toBe(signatoriesBefore);
    expect(counts.all.totalCount).toBe(signatoriesBefore);
    expect(counts.current.nodes).toEqual([{ organisation: { id: rep(0).organisationId }, declarationVersion: 2 }]);
    expect(counts.earlier.totalCount).toBe(signatoriesBefore - 1);
    const list = (await ok<NotResigned>(t, NOT_RESIGNED, { slug: SLUG }, staff)).alliance.signatoriesNotResigned;
    expect(list?.totalCount).toBe(signatoriesBefore - 1);
    expect(list?.signatures.map((s) => s.organisation.id)).not.toContain(rep(0).organisationId);

    // Signing again: already on the version in force.
    expect(await refusal(t, RESIGN, { input: resignInput(rep(0).organisationId, published) }, cookie(0))).toMatchObject(
      { code: 'CONFLICT', message: expect.stringContaining('already signed version 2') },
    );

    // The audit log: the earlier signature superseded, the new one renewing it; a certificate for the new one.
    const events = await t.database.db
      .select({ action: schema.auditEvent.action, objectId: schema.auditEvent.objectId })
      .from(schema.auditEvent)
      .where(inArray(schema.auditEvent.objectId, [signed.id, signed.renews?.id ?? '']));
    expect(events).toEqual(
      expect.arrayContaining([
        { action: 'signature.superseded', objectId: signed.renews?.id },
        { action: 'signature.renewed', objectId: signed.id },
      ]),
    );
    const certified = await waitFor(async () => {
      const { me } = await ok<{
        me: { organisations: { signatures: { id: string; certificate: { title: string } | null }[] }[] };
      }>(t, CERTIFICATE, {}, cookie(0));
      const mine = me.organisations.flatMap((o) => o.signatures).find((s) => s.id === signed.id);
      return mine?.certificate ?? undefined;
    }, 'the certificate of the new signature');
    expect(certified.title).toContain(rep(0).organisationName);
    // Its e-mail, in the signer's French, says what was signed: there was no review to tell of.
    const mail = await waitForMail(t, rep(0).email, /a signé la version 2 de la déclaration/);
    expect(mail.text).not.toContain('secrétariat a vérifié');
  }, 60_000);

  it('ends racing re-signings of one organisation in one signature and CONFLICT for the rest', async () => {
    const org = rep(1).organisationId;
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => t.graphql(RESIGN, { input: resignInput(org, published) }, { cookie: cookie(1) })),
    );
    const succeeded = answers.filter((a) => !a.errors);
    expect(succeeded).toHaveLength(1);
    expect(answers.filter((a) => a.errors?.[0]?.extensions?.code === 'CONFLICT')).toHaveLength(5);
    const rows = await signaturesOf(t, [org]);
    expect(rows.map((r) => r.status).sort()).toEqual(['active', 'superseded']);
    const active = rows.find((r) => r.status === 'active');
    expect(active?.renewsSignatureId).toBe(rows.find((r) => r.status === 'superseded')?.id);
    const live = await t.database.db
      .select()
      .from(schema.signature)
      .where(and(eq(schema.signature.organisationId, org), eq(schema.signature.status, 'active')));
    expect(live).toHaveLength(1);
  }, 60_000);
});
