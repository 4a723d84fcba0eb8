import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launch, skipReason } from './browser.ts';
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
  slug,
  textOf,
  unique,
} from './journey.ts';

/**
 * People and roles as they meet them in the portal (issue 11): a representative invites a colleague from their
 * organisation's page, the colleague follows the e-mail's link and is a representative, and one removes the other;
 * the last one cannot leave. Without JavaScript, as the forms must work, at a phone's width; axe on every page.
 */

describe.skipIf(Boolean(skipReason))('people and roles', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
  });

  const newPage = async (javaScriptEnabled = false) =>
    (await openPage(browser, contexts, { javaScriptEnabled, width: 375, height: 800 })).page;

  /** axe runs in the page: the same address, opened with JavaScript and the same session. */
  async function expectAccessibleAt(page: Page, what: string): Promise<void> {
    const scripted = await newPage(true);
    await scripted.context().addCookies(await page.context().cookies());
    await scripted.goto(page.url());
    await expectAccessible(scripted, what);
  }

  const address = (prefix: string) => `${unique(prefix).replace(' ', '.')}@example.org`;

  test('[PEOPLE]: a representative invites a colleague, who accepts by the e-mail’s link; one removes the other, never the last', async () => {
    const founder = address('founder');
    const page = await newPage();
    const cookie = await signInThroughApi(page.context(), founder);
    const legalName = unique('Kunststof Kring');
    await graphql(
      'mutation ($input: OrganisationInput!) { registerOrganisation(input: $input) { organisation { id } } }',
      {
        input: {
          legalName,
          country: 'BE',
          kind: 'COMPANY',
          size: 'SME',
          stages: ['RECYCLER'],
          registrationNumber: legalName,
        },
      },
      cookie,
    );

    await page.goto('/account');
    await page.getByRole('link', { name: `Representatives of ${legalName}` }).click();
    expect(await textOf(page.locator('h1'))).toBe(`Representatives of ${legalName}`);
    // The only representative may not leave.
    expect(await textOf(page.locator('main'))).toContain('You are the only representative');
    await expect(page.getByRole('button', { name: 'Stop representing the organisation' }).count()).resolves.toBe(0);
    await expectAccessibleAt(page, 'the representatives page');

    // A bad address is named beside its field.
    await page.getByLabel("A colleague's e-mail address").fill('not an address');
    await page.getByRole('button', { name: 'Invite' }).click();
    expect(await textOf(page.locator('main'))).toContain('e-mail address');
    await expectAccessibleAt(page, 'the representatives page with an error');

    const colleague = address('colleague');
    const seen = await seenMail(colleague);
    await page.getByLabel("A colleague's e-mail address").fill(colleague);
    await page.getByRole('button', { name: 'Invite' }).click();
    expect(await textOf(page.getByRole('status'))).toContain(`An invitation is on its way to ${colleague}`);
    expect(await textOf(page.getByRole('region', { name: 'Invitations' }))).toContain(colleague);

    // The colleague follows the link in the e-mail.
    const theirs = await newPage();
    await theirs.goto(linkIn(await nextMail(colleague, /invites you to represent/, seen), '/login/verify'));
    await theirs.getByRole('button', { name: 'Sign in' }).click();
    await theirs.waitForURL(/\/account$/);
    await theirs.getByRole('link', { name: `Representatives of ${legalName}` }).click();
    expect(await textOf(theirs.getByRole('region', { name: 'Representatives' }))).toContain(founder);

    // The founder removes the colleague; the colleague's page is no longer theirs.
    await page.reload();
    await page.getByRole('button', { name: new RegExp(`^Remove ${colleague.split('@')[0]}`) }).click();
    expect(await textOf(page.getByRole('status'))).toContain('The representative is removed.');
    expect(await textOf(page.getByRole('region', { name: 'Representatives' }))).not.toContain(colleague);
    const gone = await theirs.goto(theirs.url());
    expect(gone?.status()).toBe(404);
  });

  test('[PEOPLE]: the secretariat corrects an organisation, sees it in its history, and merges a flagged duplicate', async () => {
    // Two registrations of one organisation (same name and country): the second is flagged as a duplicate.
    const legalName = unique('Stichting Plastic Kring');
    const first = await seedSignature(
      await signInThroughApi(await (await newPage()).context(), address('first')),
      legalName,
    );
    const second = await seedSignature(
      await signInThroughApi(await (await newPage()).context(), address('second')),
      legalName,
    );

    const page = await newPage();
    await signInThroughApi(page.context(), SECRETARIAT);
    await page.goto(`/alliances/${slug}/organisations/${second.organisationId}`);
    expect(await textOf(page.locator('h1'))).toBe(legalName);
    await expectAccessibleAt(page, 'the organisation page');

    // A website that is not one is named beside its field; a new name is saved and shown in the history.
    await page.getByLabel(/Website/).fill('ftp://example.org');
    await page.getByRole('button', { name: 'Save the correction' }).click();
    expect(await textOf(page.locator('main'))).toContain('Enter an address starting with http:// or https://.');
    await expectAccessibleAt(page, 'the organisation page with an error');
    await page.getByLabel(/Website/).fill('https://kring.example.org');
    await page.getByLabel(/Legal name/).fill(`${legalName} II`);
    await page.getByRole('button', { name: 'Save the correction' }).click();
    expect(await textOf(page.getByRole('status'))).toContain('The organisation is corrected');
    expect(await textOf(page.getByRole('region', { name: 'History' }))).toContain(
      `legalName: ${legalName} → ${legalName} II`,
    );

    // Merged into the first: the page is the first's now, and the second's address leads there.
    await page.getByRole('button', { name: new RegExp(`^Merge into ${legalName}`) }).click();
    await page.waitForURL(new RegExp(`/organisations/${first.organisationId}\\?merged`));
    expect(await textOf(page.getByRole('status'))).toContain('The organisations are merged');
    expect(await textOf(page.getByRole('region', { name: 'History' }))).toContain('a duplicate was merged into it');
    await expectAccessibleAt(page, 'the survivor after the merge');
    await page.goto(`/alliances/${slug}/organisations/${second.organisationId}`);
    expect(page.url()).toContain(`/organisations/${first.organisationId}`);
  });
});
