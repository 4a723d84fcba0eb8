import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { baseUrl, launch, skipReason } from './browser.ts';
import {
  expectAccessible,
  graphql,
  linkIn,
  nextMail,
  openPage,
  type PageOptions,
  SECRETARIAT,
  seenMail,
  signInThroughApi,
  slug,
  unique,
} from './journey.ts';

/**
 * The portal in French and German: the key pages of the journeys in each language (from the browser's
 * Accept-Language, as a first visit finds them), axe-clean; the switcher in the footer, a plain link that works
 * without JavaScript; and the language a person saves on their account page.
 */
describe.skipIf(Boolean(skipReason))('the portal in French and German', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
  });

  const newPage = async (options: PageOptions = {}) =>
    (await openPage(browser, contexts, { locale: 'en-GB', ...options })).page;

  const pages = [
    `/alliances/${slug}`,
    `/alliances/${slug}/signatories`,
    `/alliances/${slug}/working-groups`,
    `/alliances/${slug}/pledges`,
    `/alliances/${slug}/progress`,
    '/login',
    '/verify',
    '/open-data',
  ];
  const languages = [
    { locale: 'fr-FR', lang: 'fr', nav: 'Signataires', english: 'Signatories' },
    { locale: 'de-DE', lang: 'de', nav: 'Unterzeichner', english: 'Signatories' },
  ];

  test.each(languages)(
    '[LANGUAGES]: the key pages in $lang, from Accept-Language, axe-clean',
    async ({ locale, lang, nav }) => {
      const page = await newPage({ locale });
      for (const path of pages) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(200);
        await expect(page.locator('html').getAttribute('lang'), path).resolves.toBe(lang);
        if (path.startsWith('/alliances')) {
          await expect(page.locator('header nav').first().textContent()).resolves.toContain(nav);
        }
        await expectAccessible(page, `${path} in ${lang}`);
      }
    },
  );

  // The signed-in pages of the journeys, at the language's address: the secretariat's, which sees them all.
  const signedInPages = [
    '/account',
    '/account/pledges',
    '/account/reports',
    `/alliances/${slug}/sign`,
    `/alliances/${slug}/review`,
    `/alliances/${slug}/pledge-review`,
    `/alliances/${slug}/reporting`,
    `/alliances/${slug}/settings`,
  ];
  test.each(languages)(
    '[LANGUAGES]: the signed-in pages of the journeys at the $lang address, axe-clean, no English left in the header',
    { timeout: 300_000 },
    async ({ lang }) => {
      const page = await newPage();
      await signInThroughApi(page.context(), SECRETARIAT);
      for (const path of signedInPages) {
        const response = await page.goto(`/${lang}${path}`);
        expect(response?.status(), path).toBe(200);
        expect(new URL(page.url()).pathname, path).toBe(`/${lang}${path}`);
        await expect(page.locator('html').getAttribute('lang'), path).resolves.toBe(lang);
        await expect(page.locator('header').textContent(), path).resolves.not.toMatch(/Sign out|Your account/);
        await expectAccessible(page, `${path} in ${lang}`);
      }
    },
  );

  test('[LANGUAGES]: the switcher changes the language and comes back, without JavaScript', async () => {
    const page = await newPage({ javaScriptEnabled: false });
    await page.goto(`/alliances/${slug}/signatories?country=DE`);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    const switcher = page.getByRole('navigation', { name: 'Language' });
    await switcher.getByRole('link', { name: 'Deutsch' }).click();
    // The same page, at its German address.
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(
      `/de/alliances/${slug}/signatories?country=DE`,
    );
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('de');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Register der Unterzeichner');
    await expect(
      page.getByRole('navigation', { name: 'Sprache' }).getByText('Deutsch').getAttribute('aria-current'),
    ).resolves.toBe('true');
    // It holds on the next page, and the way back is named in its own language.
    await page.goto('/verify');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Ein Dokument prüfen');
    await page.getByRole('navigation', { name: 'Sprache' }).getByRole('link', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Verify a document');
    // Only a path on this site is a way back.
    await page.goto('/language/fr?next=//evil.example/');
    expect(new URL(page.url()).origin).toBe(new URL(baseUrl).origin);
    expect((await page.goto('/language/xx'))?.status()).toBe(404);
  });

  test('[LANGUAGES]: a person saves their language on the account page, and the pages follow it', async () => {
    const page = await newPage({ javaScriptEnabled: false });
    await signInThroughApi(page.context(), `${unique('langue').replace(' ', '-')}@example.org`);
    await page.goto('/account');
    await page.getByRole('radio', { name: 'français' }).check();
    await page.getByRole('button', { name: 'Save the language' }).click();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('fr');
    await expect(page.getByText('Votre langue est enregistrée.').isVisible()).resolves.toBe(true);
    await expect(page.getByRole('radio', { name: 'français' }).isChecked()).resolves.toBe(true);
    await page.goto(`/alliances/${slug}`);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('fr');
  });
  test('[LANGUAGES]: the address carries the language: links, alternates, the switcher and redirects keep it, without JavaScript', async () => {
    const page = await newPage({ javaScriptEnabled: false });
    await page.goto(`/fr/alliances/${slug}`);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('fr');
    const alternates = await page
      .locator('link[rel="alternate"][hreflang]')
      .evaluateAll((links) => links.map((l) => `${l.getAttribute('hreflang')} ${l.getAttribute('href')}`));
    const origin = new URL(baseUrl).origin;
    expect(alternates).toEqual([
      `en ${origin}/en/alliances/${slug}`,
      `fr ${origin}/fr/alliances/${slug}`,
      `de ${origin}/de/alliances/${slug}`,
      `x-default ${origin}/alliances/${slug}`,
    ]);
    // Every link to a page of the site keeps the language; the files the API serves do not get one.
    const hrefs = await page.locator('a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    const pages = hrefs.filter((href) => !/^\/(documents|exports|graphql|audit|language)\//.test(href));
    expect(pages.length).toBeGreaterThan(10);
    expect(
      pages.filter((href) => !href.startsWith('/fr')),
      'links that lose the language',
    ).toEqual([]);
    await page.getByRole('navigation', { name: 'Alliance' }).getByRole('link', { name: 'Signataires' }).click();
    expect(new URL(page.url()).pathname).toBe(`/fr/alliances/${slug}/signatories`);
    // The switcher: the same page at the other language's address; English is the address without a prefix.
    await page.goto(`/fr/alliances/${slug}/signatories?country=DE`);
    await page.getByRole('navigation', { name: 'Langue' }).getByRole('link', { name: 'Deutsch' }).click();
    expect(page.url()).toBe(`${origin}/de/alliances/${slug}/signatories?country=DE`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Register der Unterzeichner');
    await page.getByRole('navigation', { name: 'Sprache' }).getByRole('link', { name: 'English' }).click();
    expect(page.url()).toBe(`${origin}/alliances/${slug}/signatories?country=DE`);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    // A redirect keeps the language: the account page sends a stranger to log in, in German.
    await page.goto('/de/account');
    expect(new URL(page.url()).pathname).toBe('/de/login');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('de');
    // And so does a form: the log-in form posts to the German address and answers there.
    const address = `${unique('adresse').replace(' ', '-')}@example.org`;
    const seen = await seenMail(address);
    await page.getByLabel('E-Mail-Adresse').fill(address);
    await page.getByRole('button', { name: 'Anmeldelink senden' }).click();
    expect(new URL(page.url()).pathname).toBe('/de/login');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('de');
    // A new address gets its log-in e-mail in the language of the page it was asked from, linking to it.
    const mail = await nextMail(address, /Ihr Anmeldelink/, seen);
    await page.goto(linkIn(mail, '/de/login/verify'));
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('de');
  });

  test('[LANGUAGES]: the address wins over the saved choice, which wins over the browser, which wins over the alliance', async () => {
    const page = await newPage({ locale: 'de-DE' });
    await page.goto(`/alliances/${slug}`);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('de');
    await page.goto(`/fr/alliances/${slug}`);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('fr');
    // With JavaScript, a page's data that redirects keeps the language too (`__data.json`).
    await page.evaluate(() => {
      const a = Object.assign(document.createElement('a'), { href: '/fr/account', textContent: 'compte' });
      document.body.append(a);
      a.click();
    });
    await page.waitForURL((url) => url.pathname === '/fr/login');
    await page.goto(`/language/en?next=/alliances/${slug}`);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await page.goto(`/de/alliances/${slug}`);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('de');

    // A reader whose browser asks for none of Concord's languages reads an alliance in its main language.
    const secretariat = await newPage();
    const cookie = await signInThroughApi(secretariat.context(), SECRETARIAT);
    const setLanguages = (languages: string[]) =>
      graphql(
        'mutation ($slug: String!, $languages: [String!]) { updateAlliance(slug: $slug, input: { languages: $languages }) { slug } }',
        { slug, languages },
        cookie,
      );
    const italian = await newPage({ locale: 'it-IT' });
    await italian.goto(`/alliances/${slug}`);
    await expect(italian.locator('html').getAttribute('lang')).resolves.toBe('en');
    await setLanguages(['de', 'en']);
    try {
      await italian.goto(`/alliances/${slug}/signatories`);
      await expect(italian.locator('html').getAttribute('lang')).resolves.toBe('de');
      await italian.goto('/verify');
      await expect(italian.locator('html').getAttribute('lang')).resolves.toBe('en');
    } finally {
      await setLanguages(['en']);
    }
  });
});
