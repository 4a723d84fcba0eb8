import { PRIVACY_NOTICE_VERSION } from '@concord/schema/values';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { baseUrl, launch, skipReason } from './browser.ts';
import {
  expectAccessible,
  graphql,
  linkIn,
  nextMail,
  openPage,
  SECRETARIAT,
  seedSignature,
  seenMail,
  signInThroughApi,
  textOf,
  unique,
} from './journey.ts';

/**
 * A person's rights over their data, as they meet them: the privacy notice beside the sign-in button (accepted by
 * signing in), the account page's "Your personal data" (the version accepted, the JSON download, erasure that asks
 * to be confirmed), and the page after erasure. Without JavaScript, as the forms must work; axe on every page.
 */

describe.skipIf(Boolean(skipReason))('personal data', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
  });

  const newPage = async (javaScriptEnabled = false) => (await openPage(browser, contexts, { javaScriptEnabled })).page;

  /** axe runs in the page: the same address, opened with JavaScript. */
  async function expectAccessibleAt(page: Page, what: string): Promise<void> {
    const context = await browser.newContext({ baseURL: baseUrl });
    contexts.push(context);
    await context.addCookies(await page.context().cookies());
    const withScript = await context.newPage();
    await withScript.goto(page.url());
    await expectAccessible(withScript, what);
  }

  test('[PRIVACY]: signing in accepts the notice shown beside the button; the account page says so and downloads the data', async () => {
    const email = `${unique('reader').replace(' ', '.')}@example.org`;
    const page = await newPage();
    const seen = await seenMail(email);
    await graphql('mutation ($email: String!) { requestLoginLink(email: $email) { accepted } }', { email });
    await page.goto(linkIn(await nextMail(email, /sign-in/i, seen), '/login/verify'));
    expect(await textOf(page.locator('main'))).toContain(`privacy notice (version ${PRIVACY_NOTICE_VERSION})`);
    await page.getByRole('link', { name: 'Read the privacy notice' }).waitFor();

    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.goto('/account');
    const section = page.getByRole('region', { name: 'Your personal data' });
    expect(await textOf(section)).toContain(`You accepted the privacy notice, version ${PRIVACY_NOTICE_VERSION}`);

    // [ACCOUNT] the name Concord knows them by: refused beside the field when empty, then saved.
    const nameForm = page.getByRole('region', { name: 'Your name' });
    await nameForm.getByLabel('Name', { exact: true }).fill('   ');
    await nameForm.getByRole('button', { name: 'Save name' }).click();
    expect(await textOf(page.locator('#name-error'))).toMatch(/required/i);
    await page.getByRole('region', { name: 'Your name' }).getByLabel('Name', { exact: true }).fill('Ada Reader');
    await page.getByRole('region', { name: 'Your name' }).getByRole('button', { name: 'Save name' }).click();
    expect(await textOf(page.getByRole('region', { name: 'Your name' }))).toContain('Your name is saved.');
    expect(await textOf(page.locator('main .lead').first())).toContain('Ada Reader');
    await expectAccessibleAt(page, 'the account page');

    const download = await page.request.get(
      (await section.getByRole('link', { name: /Download everything/ }).getAttribute('href')) ?? '',
    );
    expect(download.status()).toBe(200);
    expect(download.headers()['content-disposition']).toMatch(/^attachment; filename="concord-personal-data\.json"/);
    const exported = (await download.json()) as { sections: { person: { email: string }[] } };
    expect(exported.sections.person[0]?.email).toBe(email);

    await page.goto('/privacy');
    expect(await textOf(page.locator('h1'))).toBe('Privacy notice');
    expect(await textOf(page.locator('main'))).toContain(`Version ${PRIVACY_NOTICE_VERSION}`);
    await expectAccessibleAt(page, 'the privacy notice');
  });

  test('[ERASURE]: the person erases their data from the account page, after ticking that they understand', async () => {
    const email = `${unique('leaver').replace(' ', '.')}@example.org`;
    const page = await newPage();
    const cookie = await signInThroughApi(page.context(), email);
    await seedSignature(cookie, unique('Leaving Recyclers'));
    await page.goto('/account');

    // Without the box ticked nothing happens but a message beside it.
    const erase = page.getByRole('button', { name: 'Erase my personal data' });
    await erase.click();
    const box = page.getByRole('checkbox', { name: /I understand/ });
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    expect(await textOf(page.locator('#erase-confirm-error'))).toMatch(/Confirm/);
    // The same refusal with JavaScript (the enhanced form), where axe can look at it.
    const scripted = await newPage(true);
    await scripted.context().addCookies(await page.context().cookies());
    await scripted.goto('/account');
    await scripted.getByRole('button', { name: 'Erase my personal data' }).click();
    await scripted.locator('#erase-confirm-error').waitFor();
    await expectAccessible(scripted, 'the account page with the erasure refused');
    const { data: still } = await graphql<{ me: { person: { email: string } } | null }>(
      '{ me { person { email } } }',
      {},
      cookie,
    );
    expect(still.me?.person.email).toBe(email);

    await box.check();
    await erase.click();
    await page.waitForURL('**/privacy/erased');
    expect(await textOf(page.locator('h1'))).toBe('Your personal data is erased');
    await expectAccessibleAt(page, 'the page after erasure');

    // Signed out everywhere: the account page asks to sign in, and the API knows nobody by that address.
    await page.goto('/account');
    expect(new URL(page.url()).pathname).toBe('/login');
    const { data: after } = await graphql<{ me: null }>('{ me { person { email } } }', {}, cookie);
    expect(after.me).toBeNull();
    const staffContext = await browser.newContext({ baseURL: baseUrl });
    contexts.push(staffContext);
    const staff = await signInThroughApi(staffContext, SECRETARIAT);
    await expect(
      graphql('query ($email: String!) { personByEmail(email: $email) { id } }', { email }, staff),
    ).rejects.toThrow(/NOT_FOUND/);
  });

  test('[SECRETARIAT]: the secretariat finds a person who asked by e-mail, downloads their data and erases it', async () => {
    const email = `${unique('asker').replace(' ', '.')}@example.org`;
    const asker = await newPage();
    await seedSignature(await signInThroughApi(asker.context(), email), unique('Asking Recyclers'));
    const page = await newPage();
    await signInThroughApi(page.context(), SECRETARIAT);

    await page.goto('/account');
    await page.getByRole('link', { name: /Act on a request about a person/ }).click();
    await page.getByLabel('Their e-mail address').fill(email);
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByRole('heading', { level: 2, name: new RegExp(email.replace(/[.]/g, '\\.')) }).waitFor();
    await expectAccessibleAt(page, 'a person found');

    const download = await page.request.get(
      (await page.getByRole('link', { name: /Download what Concord holds/ }).getAttribute('href')) ?? '',
    );
    expect(download.status()).toBe(200);
    expect(((await download.json()) as { sections: { person: { email: string }[] } }).sections.person[0]?.email).toBe(
      email,
    );

    // The erasure asks which request it acts on, and refuses to go on without.
    await page.getByRole('link', { name: 'Erase their personal data…' }).click();
    const erase = page.getByRole('button', { name: 'Erase their personal data' });
    await erase.click();
    expect(await textOf(page.locator('#request-erase-reason-error'))).not.toBe('');
    await expectAccessibleAt(page, 'the erasure step');
    await page.getByLabel('Which request you act on').fill('E-mail of 2 December');
    await erase.click();
    expect(await textOf(page.getByRole('status'))).toContain('Their personal data is erased.');
    await expectAccessibleAt(page, 'the erasure done');

    // Nobody has that address any more; the person's own session is over.
    await page.goto(`/account/personal-data-requests?email=${encodeURIComponent(email)}`);
    expect(await textOf(page.locator('main'))).toContain('Nobody you may act for has this address.');
    await asker.goto('/account');
    expect(new URL(asker.url()).pathname).toBe('/login');
  });
});
