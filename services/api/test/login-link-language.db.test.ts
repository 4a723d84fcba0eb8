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
