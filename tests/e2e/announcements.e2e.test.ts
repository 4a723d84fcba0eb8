import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { baseUrl, launch, skipReason } from './browser.ts';
import {
  expectAccessible,
  expectNoSidewaysScroll,
  graphql,
  openPage,
  type PageOptions,
  SECRETARIAT,
  signInThroughApi,
  slug,
  tabTo,
  textOf,
  typeInto,
  unique,
} from './journey.ts';

/**
 * [ANNOUNCE] The secretariat, without JavaScript at a phone's width, is told beside the field that the title is
 * missing, previews an announcement to the signatories of a country (the count the API gives, the Markdown rendered)
 * and sends it; the public reads it on the alliance's announcements page at 375 px without script. By keyboard alone
 * with JavaScript, a second one is written, previewed and sent. A representative is refused the form. Axe on every
 * page, desktop and phone.
 */
describe.skipIf(Boolean(skipReason))('announcements', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let staffCookie = '';
  const listPath = `/alliances/${slug}/announcements`;
  const newPath = `${listPath}/new`;

  const newPage = async (options: PageOptions = {}) =>
    (await openPage(browser, contexts, { height: 900, ...options })).page;

  async function previewCount(country: string): Promise<number> {
    const { data } = await graphql<{ previewAnnouncement: { recipientCount: number } }>(
      `query ($input: AnnouncementInput!) { previewAnnouncement(allianceSlug: "${slug}", input: $input) { recipientCount } }`,
      { input: { title: 'x', body: 'x', segment: { kind: 'COUNTRY', country } } },
      staffCookie,
    );
    return data.previewAnnouncement.recipientCount;
  }

  beforeAll(async () => {
    browser = await launch();
    const context = await browser.newContext({ baseURL: baseUrl });
    staffCookie = await signInThroughApi(context, SECRETARIAT);
    await context.close();
  }, 60_000);
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  test('the secretariat writes, previews and sends one without JavaScript at 375 px; the public reads it', async () => {
    const title = unique('Plenary in Brussels');
    const page = await newPage({ javaScriptEnabled: false, width: 375, cookie: staffCookie });
    await page.goto(newPath);
    await expectNoSidewaysScroll(page, 'the announcement form at 375px');

    // Nothing typed: told beside the field.
    await page.getByLabel('Text', { exact: true }).fill('Come to **Brussels**.');
    await page.getByRole('button', { name: 'Preview' }).click();
    expect(await textOf(page.locator('.error-summary'))).toContain('Enter a title.');
    expect(await textOf(page.locator('.field', { has: page.getByLabel('Title') }))).toContain('Enter a title.');
    expect(await page.getByLabel('Text', { exact: true }).inputValue()).toBe('Come to **Brussels**.');

    await page.getByLabel('Title').fill(title);
    await page.getByLabel('The signatories of a country (choose it below)').check();
    await page.getByLabel('Country (for that choice)').selectOption('DE');
    await page.getByRole('button', { name: 'Preview' }).click();
    const expected = await previewCount('DE');
    expect(expected).toBeGreaterThan(0);
    const preview = page.getByRole('region', { name: 'Preview: nothing is sent yet' });
    expect(await textOf(preview)).toContain(`Recipients now: ${expected} people.`);
    expect(await textOf(preview.locator('strong').filter({ hasText: 'Brussels' }))).toBe('Brussels');
    await expectNoSidewaysScroll(page, 'the preview at 375px');

    await page.getByRole('button', { name: `Send it to ${expected} people` }).click();
    await page.waitForURL((url) => url.pathname === listPath && url.searchParams.get('sent') === '1');
    const article = page.getByRole('article', { name: title });
    expect(await textOf(article)).toContain('To the signatories in Germany');
    expect(await textOf(article)).toContain(`sent to ${expected} people`);

    // The public: the same page, without script, at a phone's width; no count.
    const reader = await newPage({ javaScriptEnabled: false, width: 375 });
    const response = await reader.goto(listPath);
    expect(response?.status()).toBe(200);
    const published = reader.getByRole('article', { name: title });
    expect(await textOf(published.locator('strong'))).toBe('Brussels');
    expect(await textOf(published)).not.toContain('people');
    await expectNoSidewaysScroll(reader, 'the announcements page at 375px');
    expect(await reader.getByRole('link', { name: 'Write an announcement' }).count()).toBe(0);
  });

  test('by keyboard alone, with JavaScript, a second one is written, previewed and sent', async () => {
    const title = unique('Reporting opens');
    const page = await newPage({ cookie: staffCookie });
    await page.goto(newPath);
    await typeInto(page, page.getByLabel('Title'), title);
    await typeInto(page, page.getByLabel('Text', { exact: true }), 'The campaign is *open*.');
    await tabTo(page, page.getByRole('button', { name: 'Preview' }));
    await page.keyboard.press('Enter');
    const send = page.getByRole('button', { name: /^Send it to \d+ people$/ });
    await send.waitFor();
    await tabTo(page, send, { backwards: true });
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === listPath);
    expect(await textOf(page.getByRole('article', { name: title }))).toContain('To all signatories');
  });

  test('axe finds nothing on the form, the preview and the list, on a desktop and a phone', async () => {
    for (const width of [1280, 375]) {
      const page = await newPage({ width, cookie: staffCookie });
      await page.goto(newPath);
      await expectAccessible(page, `the announcement form at ${width}px`);
      await page.getByLabel('Title').fill('A title');
      await page.getByLabel('Text', { exact: true }).fill('# Heading\n\n- one\n- two');
      await page.getByRole('button', { name: 'Preview' }).click();
      await page.getByRole('region', { name: 'Preview: nothing is sent yet' }).waitFor();
      await expectAccessible(page, `the preview at ${width}px`);
      await page.goto(listPath);
      await expectAccessible(page, `the announcements page at ${width}px`);
    }
  });

  test('a representative is refused the form', async () => {
    const context = await browser.newContext({ baseURL: baseUrl });
    contexts.push(context);
    const cookie = await signInThroughApi(context, `${unique('rep').replace(' ', '.')}@example.org`);
    const page = await newPage({ javaScriptEnabled: false, cookie });
    const response = await page.goto(newPath);
    expect(response?.status()).toBe(403);
  });
});
