import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launch, skipReason } from './browser.ts';
import {
  expectAccessible,
  graphql,
  linkIn,
  nextMail,
  openPage,
  type PageOptions,
  SECRETARIAT,
  seedSignature,
  seenMail,
  signInThroughApi,
  slug,
  textOf,
  unique,
} from './journey.ts';

/**
 * [STEERING] The steering committee's page (docs/adr/0035): the secretariat, without JavaScript, is told to choose a
 * person, then appoints a signatory's representative chair and removes them again; the public reads the committee
 * from the alliance's page at a phone's width, with no form. A member whose organisation withdraws leaves the public
 * list and is shown to the secretariat with why, who removes the seat. Axe on each page.
 */
describe.skipIf(Boolean(skipReason))('steering committee', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let staffCookie = '';
  const path = `/alliances/${slug}/steering-committee`;
  const newPage = (options: PageOptions = {}) => openPage(browser, contexts, { height: 900, ...options });

  beforeAll(async () => {
    browser = await launch();
    const { context } = await newPage();
    staffCookie = await signInThroughApi(context, SECRETARIAT);
    await context.close();
  }, 120_000);
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  test('the secretariat appoints a chair and removes them, without JavaScript', async () => {
    const { page } = await newPage({ javaScriptEnabled: false, cookie: staffCookie });
    page.setDefaultTimeout(15_000);
    await page.goto(path);
    expect(await textOf(page.getByRole('heading', { level: 1 }))).toBe('Steering committee');
    await page.getByRole('button', { name: 'Appoint' }).click();
    expect(await page.locator('#appoint-holder').getAttribute('aria-invalid')).toBe('true');
    expect(await textOf(page.locator('#appoint-holder-error'))).toContain('Choose the person to appoint.');

    await page.getByLabel('Person').selectOption({ index: 1 });
    const chosen = (await page.locator('#appoint-holder option:checked').textContent())?.trim() ?? '';
    const name = chosen.replace(/ \(.*\)$/, '');
    await page.getByLabel('Chair').check();
    await page.getByRole('button', { name: 'Appoint' }).click();
    expect(await textOf(page.getByRole('status'))).toContain(`${name} is on the steering committee`);
    expect(await textOf(page.locator('.people-list li'))).toContain(`Chair: ${name}`);
    // Axe runs in the page: the same page again with JavaScript.
    const { page: withScript } = await newPage({ cookie: staffCookie });
    await withScript.goto(path);
    await expectAccessible(withScript, 'the steering committee for the secretariat');

    const { page: reader } = await newPage({ width: 375 });
    await reader.goto(`/alliances/${slug}`);
    await reader.getByRole('link', { name: 'Steering committee' }).click();
    expect(await textOf(reader.locator('.people-list li'))).toContain(`Chair: ${name}`);
    expect(
      await reader
        .getByRole('button')
        .filter({ hasText: /Remove|Appoint/ })
        .count(),
    ).toBe(0);
    await expectAccessible(reader, 'the steering committee for the public');

    await page.getByRole('button', { name: `Remove ${name}` }).click();
    expect(await textOf(page.getByRole('status'))).toContain('removed from the steering committee');
    expect(await page.getByText('has not appointed a steering committee yet').count()).toBe(1);
  });

  test('a seat whose organisation withdrew is shown to the secretariat alone, with why, and removed', async () => {
    const { context } = await newPage();
    const email = `${unique('sam.seat').replace(' ', '.')}@example.org`;
    const seen = await seenMail(email);
    const cookie = await signInThroughApi(context, email);
    const legalName = unique('Steering Seat Recyclers');
    const { organisationId, signatureId } = await seedSignature(cookie, legalName);
    const confirm = linkIn(await nextMail(email, /confirm/i, seen), '/signatures/confirm');
    const token = new URL(confirm).searchParams.get('token');
    await graphql('mutation ($token: String!) { confirmSignature(token: $token) { id } }', { token });
    await graphql('mutation ($id: ID!) { approveSignature(id: $id) { id } }', { id: signatureId }, staffCookie);
    const { data } = await graphql<{ me: { person: { id: string; name: string } }; alliance: { id: string } }>(
      `query { me { person { id name } } alliance(slug: "${slug}") { id } }`,
      {},
      cookie,
    );
    await graphql(
      `mutation ($a: ID!, $o: ID!, $p: ID!) {
        appointSteeringCommitteeMember(allianceId: $a, organisationId: $o, personId: $p) { id } }`,
      { a: data.alliance.id, o: organisationId, p: data.me.person.id },
      staffCookie,
    );
    await graphql('mutation ($id: ID!) { withdrawSignature(id: $id) { id } }', { id: signatureId }, cookie);
    await context.close();

    const { page: reader } = await newPage();
    await reader.goto(path);
    expect(await reader.getByText(legalName).count()).toBe(0);

    const { page } = await newPage({ cookie: staffCookie });
    await page.goto(path);
    const paused = page.getByRole('region', { name: 'Seats that do not count now' });
    expect(await textOf(paused.getByRole('listitem'))).toContain(
      `${legalName} (the organisation is not an active signatory)`,
    );
    await expectAccessible(page, 'the steering committee with a seat that does not count');
    await paused.getByRole('button', { name: `Remove ${data.me.person.name}` }).click();
    expect(await textOf(page.getByRole('status'))).toContain('removed from the steering committee');
    expect(await page.getByRole('region', { name: 'Seats that do not count now' }).count()).toBe(0);
  });
});
