import { schema } from '@concord/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.ts';
import { mailbox, signIn, tokenFrom, waitForMail } from './journey.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const REQUEST = 'mutation($email: String!) { requestLoginLink(email: $email) { accepted expiresInMinutes } }';
const SIGN_IN = 'mutation($token: String!) { signInWithLink(token: $token) { person { email } expiresAt } }';
const ME = '{ me { person { email } organisations { organisation { legalName } } roles { role alliance { slug } } } }';

describe('[LOGIN] log-in by e-mail link', () => {
  it('answers a known and an unknown address the same way', async () => {
    const known = await t.graphql(REQUEST, { email: 'secretariat@concord.example' });
    const unknown = await t.graphql(REQUEST, { email: 'nobody-here@example.org' });
    expect(known.data).toEqual(unknown.data);
    expect(known.data).toEqual({ requestLoginLink: { accepted: true, expiresInMinutes: 10 } });
  });

  it('stores only a hash of the token, which carries at least 128 random bits', async () => {
    const mail = await waitForMail(t, 'nobody-here@example.org', /.*/);
    const token = tokenFrom(mail.text, '/login/verify');
    expect(Buffer.from(token, 'base64url').byteLength).toBeGreaterThanOrEqual(16);
    const rows = await t.database.db.select().from(schema.emailToken);
    expect(rows.some((r) => r.tokenHash === token || JSON.stringify(r).includes(token))).toBe(false);
  });

  it('opens a server-side session behind an HttpOnly, SameSite=Lax cookie; `me` knows the person', async () => {
    const cookie = await signIn(t, 'secretariat@concord.example');
    const me = await t.graphql<{
      me: { person: { email: string }; roles: { role: string; alliance: { slug: string } }[] };
    }>(ME, {}, { cookie });
    expect(me.data?.me.person.email).toBe('secretariat@concord.example');
    expect(me.data?.me.roles).toEqual([{ role: 'SECRETARIAT', alliance: { slug: 'circular-plastics' } }]);
    const anonymous = await t.graphql<{ me: null }>(ME);
    expect(anonymous.data?.me).toBeNull();
  });

  it('sets the cookie with the attributes a session needs', async () => {
    const email = 'attributes@example.org';
    await t.graphql(REQUEST, { email });
    const token = tokenFrom((await waitForMail(t, email, /.*/)).text, '/login/verify');
    const res = await t.graphql(SIGN_IN, { token });
    const cookie = res.setCookie.find((c) => c.startsWith('concord_session=')) ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    // Plain http here (PUBLIC_URL http://localhost): no Secure and no __Host- prefix, which browsers refuse on http.
    expect(cookie).not.toMatch(/Secure/);
  });

  it('works once: a reused link is refused and opens no session', async () => {
    const email = 'once@example.org';
    await t.graphql(REQUEST, { email });
    const token = tokenFrom((await waitForMail(t, email, /.*/)).text, '/login/verify');
    const first = await t.graphql(SIGN_IN, { token });
    expect(first.errors).toBeUndefined();
    const sessionsBefore = await countSessions();
    const again = await t.graphql(SIGN_IN, { token });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
    expect(again.setCookie).toHaveLength(0);
    expect(await countSessions()).toBe(sessionsBefore);
  });

  it('refuses an expired link', async () => {
    const email = 'late@example.org';
    await t.graphql(REQUEST, { email });
    const token = tokenFrom((await waitForMail(t, email, /.*/)).text, '/login/verify');
    await t.database.db
      .update(schema.emailToken)
      .set({ createdAt: new Date(Date.now() - 20 * 60_000), expiresAt: new Date(Date.now() - 10 * 60_000) })
      .where(eq(schema.emailToken.email, email));
    const res = await t.graphql(SIGN_IN, { token });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.setCookie).toHaveLength(0);
  });

  it('refuses a malformed token without touching the database', async () => {
    const res = await t.graphql(SIGN_IN, { token: "' or 1=1 --" });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
  });

  it('ends the session on the server at log-out', async () => {
    const cookie = await signIn(t, 'leaving@example.org');
    expect((await t.graphql<{ me: unknown }>(ME, {}, { cookie })).data?.me).not.toBeNull();
    await t.graphql('mutation { logout }', {}, { cookie });
    expect((await t.graphql<{ me: unknown }>(ME, {}, { cookie })).data?.me).toBeNull();
  });

  it('ends an idle session, and one past its absolute limit', async () => {
    const idle = await signIn(t, 'idle@example.org');
    await t.database.db
      .update(schema.session)
      .set({ lastSeenAt: new Date(Date.now() - 3 * 3600_000) })
      .where(sql`${schema.session.personId} = (select id from person where email = 'idle@example.org')`);
    expect((await t.graphql<{ me: unknown }>(ME, {}, { cookie: idle })).data?.me).toBeNull();

    const old = await signIn(t, 'old@example.org');
    await t.database.db
      .update(schema.session)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(sql`${schema.session.personId} = (select id from person where email = 'old@example.org')`);
    expect((await t.graphql<{ me: unknown }>(ME, {}, { cookie: old })).data?.me).toBeNull();
  });

  it('rate-limits per address, and says so without revealing anything', async () => {
    const email = 'flood@example.org';
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await t.graphql(REQUEST, { email }));
    expect(answers.slice(0, 5).every((a) => a.errors === undefined)).toBe(true);
    expect(answers[5]?.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect((await mailbox(t, email)).length).toBeLessThanOrEqual(5);
  });

  it('holds the per-address limit when the requests arrive at once', async () => {
    // Twelve requests on twelve connections at the same moment, as replicas behind a proxy would receive them: the
    // count and the insert of one must not interleave with another's, or every one of them sees room left.
    const email = 'burst@example.org';
    const answers = await Promise.all(Array.from({ length: 12 }, () => t.graphql(REQUEST, { email })));
    const codes = answers.map((a) => a.errors?.[0]?.extensions?.code ?? 'OK');
    expect(codes.filter((c) => c === 'OK')).toHaveLength(5);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(7);
    const rows = await t.database.db.select().from(schema.emailToken).where(eq(schema.emailToken.email, email));
    expect(rows).toHaveLength(5);
  });

  it('rate-limits per client address', async () => {
    const headers = { 'x-forwarded-for': '203.0.113.7' };
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 31; i++) {
      const res = await t.graphql(REQUEST, { email: `client-${i}@example.org` }, { headers });
      codes.push(res.errors?.[0]?.extensions?.code);
    }
    expect(codes.slice(0, 30).every((c) => c === undefined)).toBe(true);
    expect(codes[30]).toBe('RATE_LIMITED');
    // Another client is not affected.
    const other = await t.graphql(
      REQUEST,
      { email: 'client-x@example.org' },
      { headers: { 'x-forwarded-for': '203.0.113.8' } },
    );
    expect(other.errors).toBeUndefined();
  });

  it('rejects an invalid e-mail address naming the field', async () => {
    const res = await t.graphql(REQUEST, { email: 'not an address' });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
  });

  it('refuses a redirect to another site', async () => {
    const res = await t.graphql(
      'mutation { requestLoginLink(email: "a@example.org", redirectTo: "//evil.example") { accepted } }',
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'redirectTo' });
  });

  it('blocks a cross-site form post (CSRF) before it reaches a mutation', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'query=mutation%20%7B%20logout%20%7D',
    });
    expect(response.statusCode).toBe(400);
  });
});

async function countSessions(): Promise<number> {
  const [row] = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(schema.session);
  return row?.n ?? 0;
}
