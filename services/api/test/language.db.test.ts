import { schema } from '@concord/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.ts';
import { mailbox, signIn, tokenFrom, waitForMail } from './journey.ts';

const ME = 'query { me { locale } }';
const SET = 'mutation($locale: String!) { setMyLocale(locale: $locale) { locale } }';
const PERSON = 'sprachwahl@example.org';

let t: TestApp;
let cookie = '';

beforeAll(async () => {
  t = await buildTestApp();
  cookie = await signIn(t, PERSON);
}, 60_000);
afterAll(() => t.close());

describe('[LANGUAGE] a person chooses the language Concord writes to them in', () => {
  it('lists the languages Concord is written in', async () => {
    const res = await t.graphql<{ supportedLocales: string[] }>('query { supportedLocales }');
    expect(res.data?.supportedLocales).toEqual(['en', 'fr', 'de']);
  });

  it('refuses a language without catalogues, naming the field, and a caller who is not signed in', async () => {
    const unknown = await t.graphql(SET, { locale: 'it' }, { cookie });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'locale' });
    const loose = await t.graphql(SET, { locale: 'FR' }, { cookie });
    expect(loose.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'locale' });
    const anonymous = await t.graphql(SET, { locale: 'fr' });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.graphql<{ me: { locale: string } }>(ME, {}, { cookie })).data?.me.locale).toBe('en');
  });

  it('saves the choice once, with an audit event, and writes the next e-mail in that language', async () => {
    const res = await t.graphql<{ setMyLocale: { locale: string } }>(SET, { locale: 'de' }, { cookie });
    expect(res.errors).toBeUndefined();
    expect(res.data?.setMyLocale.locale).toBe('de');
    await t.graphql(SET, { locale: 'de' }, { cookie });
    expect((await t.graphql<{ me: { locale: string } }>(ME, {}, { cookie })).data?.me.locale).toBe('de');
    const events = await t.database.db
      .select()
      .from(schema.auditEvent)
      .where(eq(schema.auditEvent.action, 'person.locale_changed'));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ before: { locale: 'en' }, after: { locale: 'de' } });

    const before = (await mailbox(t, PERSON)).length;
    await t.graphql('mutation($email: String!) { requestLoginLink(email: $email) { accepted } }', { email: PERSON });
    const mail = await waitForMail(t, PERSON, /Anmeldelink/);
    expect(mail.text).toContain('Melden Sie sich über den folgenden Link an.');
    expect((await mailbox(t, PERSON)).length).toBe(before + 1);

    // Signing in tells the portal the saved language, so that its pages follow it from the first one.
    const signedIn = await t.graphql<{ signInWithLink: { locale: string } }>(
      'mutation($token: String!) { signInWithLink(token: $token) { locale } }',
      { token: tokenFrom(mail.text, '/login/verify') },
    );
    expect(signedIn.data?.signInWithLink.locale).toBe('de');
  });
});
