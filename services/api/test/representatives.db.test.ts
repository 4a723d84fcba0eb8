import { randomUUID } from 'node:crypto';
import { databaseErrorOf, schema } from '@concord/db';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, refusal } from './alliance-fixtures.ts';
import { buildTestApp, type TestApp } from './helper.ts';
import { signIn, tokenFrom, waitForMail } from './journey.ts';
import { SECRETARIAT, SLUG } from './pledge-fixtures.ts';

/**
 * Issue 11, people and roles: a representative invites colleagues (an e-mail whose link signs them in as a
 * representative) and removes them; an organisation always keeps one, also when two remove each other at once.
 */

const REGISTER = `mutation($input: OrganisationInput!) { registerOrganisation(input: $input) { organisation { id } } }`;
const REPRESENTATIVES = `representatives { person { id email } } representativeInvitations { email expiresAt }`;
const INVITE = `mutation($organisationId: ID!, $email: String!) {
  inviteRepresentative(organisationId: $organisationId, email: $email) { id ${REPRESENTATIVES} } }`;
const REMOVE = `mutation($organisationId: ID!, $personId: ID!) {
  removeRepresentative(organisationId: $organisationId, personId: $personId) { id ${REPRESENTATIVES} } }`;
const MINE = `{ me { person { id } organisations { organisation { id legalName ${REPRESENTATIVES} } } } }`;

type Org = {
  id: string;
  representatives: { person: { id: string; email: string } }[];
  representativeInvitations: { email: string }[];
};
type Mine = { me: { person: { id: string }; organisations: { organisation: Org }[] } };

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

const unique = () => randomUUID().slice(0, 8);

/** A person who registers an organisation (its first representative), signed in. */
async function founder() {
  const email = `founder-${unique()}@recyclers.example`;
  const cookie = await signIn(t, email);
  const input = {
    legalName: `Recyclers ${unique()} BV`,
    country: 'NL',
    kind: 'COMPANY',
    size: 'SME',
    stages: ['RECYCLER'],
    registrationNumber: `KVK ${unique()}`,
  };
  const data = await ok<{ registerOrganisation: { organisation: { id: string } } }>(t, REGISTER, { input }, cookie);
  const me = await ok<Mine>(t, MINE, {}, cookie);
  return { email, cookie, organisationId: data.registerOrganisation.organisation.id, personId: me.me.person.id };
}

/** Invites `email` and follows the e-mail's link: the invitee's session cookie. */
async function inviteAndAccept(organisationId: string, inviterCookie: string, email: string) {
  await ok(t, INVITE, { organisationId, email }, inviterCookie);
  const mail = await waitForMail(t, email, /invites you to represent/);
  const token = tokenFrom(mail.text, '/login/verify');
  const res = await t.graphql<{ signInWithLink: { person: { id: string } } }>(
    'mutation($token: String!) { signInWithLink(token: $token) { person { id } } }',
    { token },
  );
  expect(res.errors).toBeUndefined();
  const cookie = res.setCookie.find((c) => c.startsWith('concord_session='))?.split(';')[0] ?? '';
  return { cookie, personId: res.data?.signInWithLink.person.id ?? '', token };
}

const members = async (organisationId: string) =>
  t.database.db
    .select()
    .from(schema.organisationMember)
    .where(eq(schema.organisationMember.organisationId, organisationId));

async function events(organisationId: string) {
  const rows = await t.database.db
    .select({ action: schema.auditEvent.action })
    .from(schema.auditEvent)
    .where(and(eq(schema.auditEvent.objectType, 'organisation'), eq(schema.auditEvent.objectId, organisationId)));
  return rows.map((r) => r.action);
}

describe('[PEOPLE] a representative invites a colleague', () => {
  it('sends a link that signs the colleague in as a representative, with an audit event for each step', async () => {
    const a = await founder();
    const colleague = `colleague-${unique()}@recyclers.example`;
    const invited = await ok<{ inviteRepresentative: Org }>(
      t,
      INVITE,
      { organisationId: a.organisationId, email: colleague },
      a.cookie,
    );
    expect(invited.inviteRepresentative.representativeInvitations.map((i) => i.email)).toEqual([colleague]);
    const mail = await waitForMail(t, colleague, /invites you to represent/);
    expect(mail.text).toContain('Accept the invitation');
    expect(mail.text).toMatch(/expires in 7 days/);
    const token = tokenFrom(mail.text, '/login/verify');
    const res = await t.graphql('mutation($token: String!) { signInWithLink(token: $token) { person { id } } }', {
      token,
    });
    expect(res.errors).toBeUndefined();
    const cookie = res.setCookie.find((c) => c.startsWith('concord_session='))?.split(';')[0] ?? '';
    const mine = await ok<Mine>(t, MINE, {}, cookie);
    const org = mine.me.organisations.find((o) => o.organisation.id === a.organisationId)?.organisation;
    expect(org?.representatives.map((r) => r.person.email).sort()).toEqual([a.email, colleague].sort());
    // Accepted: no longer open; the link works once.
    expect(org?.representativeInvitations).toEqual([]);
    const again = await t.graphql('mutation($token: String!) { signInWithLink(token: $token) { person { id } } }', {
      token,
    });
    expect(again.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await events(a.organisationId)).toEqual([
      'organisation.registered',
      'organisation.representative_invited',
      'organisation.representative_added',
    ]);
  });

  it('a new invitation to the same address replaces the one before; an existing representative is a CONFLICT on email', async () => {
    const a = await founder();
    const colleague = `twice-${unique()}@recyclers.example`;
    await ok(t, INVITE, { organisationId: a.organisationId, email: colleague }, a.cookie);
    const first = tokenFrom((await waitForMail(t, colleague, /invites you/)).text, '/login/verify');
    const second = await ok<{ inviteRepresentative: Org }>(
      t,
      INVITE,
      { organisationId: a.organisationId, email: colleague.toUpperCase() },
      a.cookie,
    );
    expect(second.inviteRepresentative.representativeInvitations).toHaveLength(1);
    const stale = await t.graphql('mutation($token: String!) { signInWithLink(token: $token) { person { id } } }', {
      token: first,
    });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
    expect(await refusal(t, INVITE, { organisationId: a.organisationId, email: a.email }, a.cookie)).toMatchObject({
      code: 'CONFLICT',
      field: 'email',
    });
  });

  it('refuses the public, another organisation’s representative and a bad address, writing nothing', async () => {
    const a = await founder();
    const b = await founder();
    const before = await t.database.rows<{ n: number }>(
      sql`select count(*)::int as n from email_token where purpose = 'invite_representative'`,
    );
    const email = `stranger-${unique()}@example.org`;
    expect(await refusal(t, INVITE, { organisationId: a.organisationId, email })).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    expect(await refusal(t, INVITE, { organisationId: a.organisationId, email }, b.cookie)).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await refusal(t, INVITE, { organisationId: randomUUID(), email }, a.cookie)).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(
      await refusal(t, INVITE, { organisationId: a.organisationId, email: 'not an address' }, a.cookie),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'email',
    });
    const after = await t.database.rows<{ n: number }>(
      sql`select count(*)::int as n from email_token where purpose = 'invite_representative'`,
    );
    expect(after).toEqual(before);
    // Nor does anyone else see who represents a: another representative, the public.
    const seenByB = await ok<{ inviteRepresentative: Org }>(
      t,
      INVITE,
      { organisationId: b.organisationId, email },
      b.cookie,
    );
    expect(seenByB.inviteRepresentative.representatives).toHaveLength(1);
  });

  it('holds an organisation to 20 invitations a day', async () => {
    const a = await founder();
    for (let i = 0; i < 20; i++) {
      await ok(t, INVITE, { organisationId: a.organisationId, email: `many-${i}-${unique()}@example.org` }, a.cookie);
    }
    expect(
      await refusal(t, INVITE, { organisationId: a.organisationId, email: `one-more@example.org` }, a.cookie),
    ).toMatchObject({
      code: 'RATE_LIMITED',
    });
  });
});

describe('[PEOPLE] removing a representative', () => {
  it('removes a colleague, refuses the last one, and lets the secretariat of an alliance it signed see them', async () => {
    const a = await founder();
    const colleague = await inviteAndAccept(a.organisationId, a.cookie, `leaver-${unique()}@recyclers.example`);
    const removed = await ok<{ removeRepresentative: Org }>(
      t,
      REMOVE,
      { organisationId: a.organisationId, personId: colleague.personId },
      a.cookie,
    );
    expect(removed.removeRepresentative.representatives.map((r) => r.person.id)).toEqual([a.personId]);
    expect(
      await refusal(t, REMOVE, { organisationId: a.organisationId, personId: a.personId }, a.cookie),
    ).toMatchObject({
      code: 'CONFLICT',
      message: 'This is the last representative of the organisation; invite another before removing them.',
    });
    expect(
      await refusal(t, REMOVE, { organisationId: a.organisationId, personId: colleague.personId }, a.cookie),
    ).toMatchObject({
      code: 'NOT_FOUND',
      field: 'personId',
    });
    // The removed colleague no longer acts for it.
    expect(
      await refusal(t, INVITE, { organisationId: a.organisationId, email: 'x@example.org' }, colleague.cookie),
    ).toMatchObject({
      code: 'FORBIDDEN',
    });
    // The secretariat of an alliance the organisation has not signed may not act for it.
    const secretariat = await signIn(t, SECRETARIAT);
    expect(
      await refusal(t, REMOVE, { organisationId: a.organisationId, personId: a.personId }, secretariat),
    ).toMatchObject({
      code: 'FORBIDDEN',
    });
    // Once the organisation has signed (here: awaiting review), that alliance's secretariat acts for it too.
    const [alliance] = await t.database.db.select().from(schema.alliance).where(eq(schema.alliance.slug, SLUG));
    const [version] = await t.database.db.select().from(schema.declarationVersion).limit(1);
    await t.database.db.insert(schema.signature).values({
      allianceId: alliance?.id ?? '',
      declarationVersionId: version?.id ?? '',
      organisationId: a.organisationId,
      signerName: 'A',
      signerJobTitle: 'B',
      status: 'pending_review',
      confirmedAt: new Date(),
    });
    expect(
      await refusal(t, REMOVE, { organisationId: a.organisationId, personId: a.personId }, secretariat),
    ).toMatchObject({
      code: 'CONFLICT',
    });
    const invited = await ok<{ inviteRepresentative: Org }>(
      t,
      INVITE,
      { organisationId: a.organisationId, email: `sec-${unique()}@example.org` },
      secretariat,
    );
    expect(invited.inviteRepresentative.representatives.map((r) => r.person.id)).toEqual([a.personId]);
    expect(await events(a.organisationId)).toContain('organisation.representative_removed');
  });

  it('two representatives removing each other at once leave one of them, the other refused as no longer one', async () => {
    const a = await founder();
    const b = await inviteAndAccept(a.organisationId, a.cookie, `rival-${unique()}@recyclers.example`);
    const results = await Promise.all([
      t.graphql(REMOVE, { organisationId: a.organisationId, personId: b.personId }, { cookie: a.cookie }),
      t.graphql(REMOVE, { organisationId: a.organisationId, personId: a.personId }, { cookie: b.cookie }),
    ]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    // The second, under the organisation's lock, finds its own caller removed by the first.
    expect(results.filter((r) => r.errors).map((r) => r.errors?.[0]?.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(await members(a.organisationId)).toHaveLength(1);
  });

  it('the database itself refuses to remove the last one, also to two transactions deleting both at once', async () => {
    const a = await founder();
    const b = await inviteAndAccept(a.organisationId, a.cookie, `direct-${unique()}@recyclers.example`);
    const remove = (personId: string, pauseSeconds: number) =>
      t.database.db
        .transaction(async (tx) => {
          await tx
            .delete(schema.organisationMember)
            .where(
              and(
                eq(schema.organisationMember.organisationId, a.organisationId),
                eq(schema.organisationMember.personId, personId),
              ),
            );
          // Holds the transaction open so that the other one's delete runs meanwhile (on PostgreSQL).
          await tx.execute(sql`select pg_sleep(${pauseSeconds})`);
        })
        .then(
          () => 'removed',
          (error: unknown) => databaseErrorOf(error)?.constraint ?? String(error),
        );
    const outcomes = await Promise.all([remove(a.personId, 0.3), remove(b.personId, 0)]);
    expect(outcomes.sort()).toEqual(['organisation_keeps_a_representative', 'removed']);
    expect(await members(a.organisationId)).toHaveLength(1);
  });

  it('erasing the last representative’s personal data still goes through', async () => {
    const a = await founder();
    const erased = await t.graphql('mutation { requestErasure(confirm: true) { erasedAt } }', {}, { cookie: a.cookie });
    expect(erased.errors).toBeUndefined();
    expect(await members(a.organisationId)).toHaveLength(0);
  });
});
