import { schema } from '@concord/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.ts';
import { signIn, tokenFrom, waitForMail } from './journey.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const REQUEST =
  'mutation($email: String!, $locale: String) { requestLoginLink(email: $email, locale: $locale) { accepted } }';

describe('[LOGIN] the log-in e-mail in the language of the page it was asked from', () => {
  it('writes to a new address in the page’s language, and links to the page in that language', async () => {
    await t.graphql(REQUEST, { email: 'nouvelle@example.org', locale: 'fr' });
    const french = await waitForMail(t, 'nouvelle@example.org', /Votre lien de connexion/);
    expect(french.text).toContain('/fr/login/verify?token=');
    expect(tokenFrom(french.text, '/fr/login/verify')).not.toBe('');
    await t.graphql(REQUEST, { email: 'neue@example.org', locale: 'de' });
    expect((await waitForMail(t, 'neue@example.org', /Ihr Anmeldelink/)).text).toContain('/de/login/verify?token=');
    // English, or no language at all, is the address without a prefix, as before.
    await t.graphql(REQUEST, { email: 'new-en@example.org', locale: 'en' });
    const english = await waitForMail(t, 'new-en@example.org', /sign-?in|log-?in/i);
    expect(english.text).toMatch(/https?:\/\/[^/\s]+\/login\/verify\?token=/);
  });

  it('writes to a person who saved a language in theirs, whatever the page’s', async () => {
    const cookie = await signIn(t, 'saved-german@example.org');
    const saved = await t.graphql('mutation { setMyLocale(locale: "de") { locale } }', {}, { cookie });
    expect(saved.errors).toBeUndefined();
    await t.graphql(REQUEST, { email: 'saved-german@example.org', locale: 'fr' });
    expect((await waitForMail(t, 'saved-german@example.org', /Ihr Anmeldelink/)).text).toContain('/de/login/verify');
  });

  it.each(['xx', 'FR', 'fr-BE', '', "fr'--", 'e'.repeat(300)])(
    'refuses the language %j, naming the field, and writes no token',
    async (locale) => {
      const before = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(schema.emailToken);
      const refused = await t.graphql(REQUEST, { email: 'refused-language@example.org', locale });
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'locale' });
      const after = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(schema.emailToken);
      expect(after).toEqual(before);
    },
  );
});

describe('[LOGIN] a person signing in for the first time takes the language of the page they signed in on', () => {
  const SIGN_IN = `mutation($token: String!, $locale: String) {
    signInWithLink(token: $token, locale: $locale) { locale person { id } } }`;
  const linkFor = async (email: string, locale: string) => {
    await t.graphql(REQUEST, { email, locale });
    const subject = { fr: /Votre lien de connexion/, de: /Ihr Anmeldelink/ }[locale] ?? /sign-?in|log-?in/i;
    const mail = await waitForMail(t, email, subject);
    return tokenFrom(mail.text, locale === 'en' ? '/login/verify' : `/${locale}/login/verify`);
  };

  it('makes the page’s language a newcomer’s, and leaves a known person’s as they chose it', async () => {
    const newcomer = await t.graphql<{ signInWithLink: { locale: string } }>(SIGN_IN, {
      token: await linkFor('premiere-fois@example.org', 'fr'),
      locale: 'fr',
    });
    expect(newcomer.errors).toBeUndefined();
    expect(newcomer.data?.signInWithLink.locale).toBe('fr');

    // Known already, with German saved: signing in from a French page changes nothing.
    const cookie = await signIn(t, 'known-german@example.org');
    expect(
      (await t.graphql('mutation { setMyLocale(locale: "de") { locale } }', {}, { cookie })).errors,
    ).toBeUndefined();
    const again = await t.graphql<{ signInWithLink: { locale: string } }>(SIGN_IN, {
      token: await linkFor('known-german@example.org', 'de'),
      locale: 'fr',
    });
    expect(again.data?.signInWithLink.locale).toBe('de');
    const [row] = await t.database.rows<{ locale: string }>(
      sql`select locale from person where email = 'known-german@example.org'`,
    );
    expect(row?.locale).toBe('de');
  });

  it('refuses an unknown language, naming the field, and does not spend the link', async () => {
    const token = await linkFor('zweiter-versuch@example.org', 'de');
    const refused = await t.graphql(SIGN_IN, { token, locale: 'xx' });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'locale' });
    const signedIn = await t.graphql<{ signInWithLink: { locale: string } }>(SIGN_IN, { token, locale: 'de' });
    expect(signedIn.data?.signInWithLink.locale).toBe('de');
  });
});
