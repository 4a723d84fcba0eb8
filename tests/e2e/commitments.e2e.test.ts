import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launch, skipReason } from './browser.ts';
import {
  expectAccessible,
  expectNoSidewaysScroll,
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
 * [COMMITMENTS] A commitment of the alliance's own, recorded by the secretariat through the API for a new
 * signatory: the public reads it and its history on a phone's width with no form to report; the taskholder, without
 * JavaScript, is told beside the field when the note is missing, then reports it done and sees the history grow; the
 * account page lists it. Axe on every page.
 */
describe.skipIf(Boolean(skipReason))('commitments', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let taskholderCookie = '';
  let commitmentPath = '';
  const title = unique('Publish the investment map');

  const newPage = (options: PageOptions = {}) => openPage(browser, contexts, { height: 900, ...options });

  beforeAll(async () => {
    browser = await launch();
    const { context } = await newPage();
    const staffCookie = await signInThroughApi(context, SECRETARIAT);
    const email = `${unique('tara').replace(' ', '.')}@example.org`;
    const seen = await seenMail(email);
    taskholderCookie = await signInThroughApi(context, email);
    const { organisationId, signatureId } = await seedSignature(taskholderCookie, unique('Investment Mappers'));
    const token = new URL(linkIn(await nextMail(email, /confirm/i, seen), '/signatures/confirm')).searchParams.get(
      'token',
    );
    await graphql('mutation ($token: String!) { confirmSignature(token: $token) { id } }', { token });
    await graphql('mutation ($id: ID!) { approveSignature(id: $id) { id } }', { id: signatureId }, staffCookie);
    const deadline = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
    const { data } = await graphql<{ createCommitment: { id: string } }>(
      `mutation ($input: CommitmentInput!) { createCommitment(allianceSlug: "${slug}", input: $input,
        note: "A deliverable of the declaration.") { id } }`,
      { input: { title, taskholderOrganisationId: organisationId, deadline } },
      staffCookie,
    );
    commitmentPath = `/alliances/${slug}/commitments/${data.createCommitment.id}`;
    await context.close();
  }, 120_000);
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  test('the public reads a commitment and its history at 375 px, with no form to report', async () => {
    const { page } = await newPage({ width: 375 });
    await page.goto(commitmentPath);
    expect(await textOf(page.getByRole('heading', { level: 1 }))).toBe(title);
    expect(await page.getByText('A deliverable of the declaration.').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Report progress' }).count()).toBe(0);
    await expectAccessible(page, 'the commitment page');
    await expectNoSidewaysScroll(page, 'the commitment page');
  });

  test('the taskholder reports it done without JavaScript, after being told the note is missing', async () => {
    const { page } = await newPage({ javaScriptEnabled: false, cookie: taskholderCookie });
    await page.goto(commitmentPath);
    await page.getByLabel('New status').selectOption('DONE');
    await page.getByRole('button', { name: 'Report progress' }).click();
    expect(await page.locator('#report-note').getAttribute('aria-invalid')).toBe('true');
    expect(await textOf(page.locator('#report-note-error'))).toContain('Write a short note');
    await page.getByLabel('Progress note').fill('The map is online.');
    await page.getByRole('button', { name: 'Report progress' }).click();
    expect(await textOf(page.getByRole('status'))).toContain('Your progress note is recorded.');
    expect(await page.getByText('The map is online.').count()).toBe(1);
    expect(await page.getByText('This commitment is closed').count()).toBe(1);

    // Axe runs in the page: the same pages again with JavaScript, at a phone's width.
    const { page: withScript } = await newPage({ cookie: taskholderCookie, width: 375 });
    await withScript.goto(commitmentPath);
    await expectAccessible(withScript, 'the commitment once done, for its taskholder');
    await withScript.goto('/account');
    expect(await withScript.getByRole('link', { name: title }).count()).toBe(1);
    await expectAccessible(withScript, 'the account page with its commitments');
  });
});
