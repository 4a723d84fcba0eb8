import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { baseUrl, launch, skipReason } from './browser.ts';
import { expectAccessible, signInThroughApi, slug, unique } from './journey.ts';

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

  async function newPage(options: { locale?: string; javaScriptEnabled?: boolean } = {}): Promise<Page> {
    const context = await browser.newContext({ baseURL: baseUrl, locale: 'en-GB', ...options });
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    return context.newPage();
  }

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

  test('[LANGUAGES]: the switcher changes the language and comes back, without JavaScript', async () => {
    const page = await newPage({ javaScriptEnabled: false });
    await page.goto(`/alliances/${slug}/signatories?country=DE`);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    const switcher = page.getByRole('navigation', { name: 'Language' });
    await switcher.getByRole('link', { name: 'Deutsch' }).click();
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(`/alliances/${slug}/signatories?country=DE`);
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
});
