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
  slug,
  textOf,
  unique,
} from './journey.ts';

/**
 * [LIVE] Pages that follow a subscription update in place, without reloading: the alliance's activity feed gains the
 * plenary the secretariat schedules (announced politely, focus left where it was), and a meeting's live script shows
 * the item the secretariat renames while it runs (and says what runs now), and the secretariat's review queue counts
 * a signature confirmed meanwhile (the WebSocket carries the secretariat's session). Without JavaScript the feed is
 * the page it was. Axe after each.
 */
describe.skipIf(Boolean(skipReason))('live pages', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let staff = '';
  const schedule = `mutation ($input: MeetingInput!) { scheduleMeeting(allianceSlug: "${slug}", input: $input) { id } }`;
  const wall = (ms: number) => new Date(ms).toISOString().slice(0, 16);
  const plenary = (title: string, start: number) => ({
    title,
    purpose: 'What do the sorters need from the designers?',
    start: wall(start),
    end: wall(start + 120 * 60_000),
    timeZone: 'UTC',
    place: 'Brussels',
    capacity: 40,
  });

  const newPage = async (javaScriptEnabled = true) => (await openPage(browser, contexts, { javaScriptEnabled })).page;

  /** Marks the document: a reload would lose the mark. */
  const markDocument = (page: Page) => page.evaluate(() => Object.assign(window, { liveMark: 'unchanged' }));
  const isSameDocument = (page: Page) =>
    page.evaluate(() => (window as unknown as { liveMark?: string }).liveMark === 'unchanged');

  beforeAll(async () => {
    browser = await launch();
    const context = await browser.newContext({ baseURL: baseUrl });
    contexts.push(context);
    staff = await signInThroughApi(context, SECRETARIAT);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  test('[LIVE] the activity feed gains a new entry at its top without a reload, said politely', async () => {
    const page = await newPage();
    await page.goto(`/alliances/${slug}/activity`);
    await page.waitForLoadState('networkidle');
    const firstLink = page.locator('ol.activity > li a').first();
    await firstLink.focus();
    const focused = await firstLink.elementHandle();
    await markDocument(page);

    const title = unique('Live plenary');
    await graphql(schedule, { input: plenary(title, Date.parse('2031-06-03T09:00:00Z')) }, staff);

    const top = page.locator('ol.activity > li').first();
    await expect.poll(() => textOf(top), { timeout: 10_000 }).toContain(title);
    expect(await isSameDocument(page)).toBe(true);
    await expect
      .poll(() => textOf(page.locator('[data-live-announcer]')))
      .toBe(`New in the activity: ${await textOf(top.locator('a'))}`);
    // The reader's place is kept: the link they were on still has focus.
    expect(await page.evaluate((link) => document.activeElement === link, focused)).toBe(true);
    await expectAccessible(page, 'the activity feed, updated live');

    // Without JavaScript it is the page it was: the entry is there when the page is loaded.
    const still = await newPage(false);
    await still.goto(`/alliances/${slug}/activity`);
    expect(await textOf(still.locator('ol.activity > li').first())).toContain(title);
  });

  test('[LIVE] the live script shows a renamed item while the meeting runs, without a reload', async () => {
    // Started ten minutes ago (UTC, to the minute): the opening circle runs.
    const start = Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000;
    const { data } = await graphql<{ scheduleMeeting: { id: string } }>(
      schedule,
      { input: plenary(unique('Live script'), start) },
      staff,
    );
    const meetingId = data.scheduleMeeting.id;
    const { data: added } = await graphql<{ addAgendaItem: { agenda: { id: string }[] } }>(
      `mutation ($m: ID!, $input: AgendaItemInput!) { addAgendaItem(meetingId: $m, input: $input) { agenda { id } } }`,
      { m: meetingId, input: { title: 'Opening circle', durationMinutes: 60, method: 'CIRCLE' } },
      staff,
    );
    const page = await newPage();
    await page.goto(`/alliances/${slug}/meetings/${meetingId}/live`);
    await page.waitForLoadState('networkidle');
    expect(await textOf(page.locator('.now'))).toContain('Opening circle');
    await markDocument(page);

    await graphql(
      `mutation ($id: ID!, $input: AgendaItemInput!) { updateAgendaItem(id: $id, input: $input) { id } }`,
      {
        id: added.addAgendaItem.agenda[0]?.id,
        input: { title: 'Opening circle with the sorters', durationMinutes: 60, method: 'CIRCLE' },
      },
      staff,
    );
    await expect.poll(() => textOf(page.locator('.now')), { timeout: 10_000 }).toContain('with the sorters');
    expect(await isSameDocument(page)).toBe(true);
    // What runs now is said once, politely: here it is the same item under its new title.
    await expect.poll(() => textOf(page.locator('[data-live-announcer]'))).toBe('Now: Opening circle with the sorters');
    await expectAccessible(page, 'the live script, updated live');
  });

  test("[LIVE] the secretariat's review queue counts a signature confirmed meanwhile, without a reload", async () => {
    const context = await browser.newContext({ baseURL: baseUrl });
    contexts.push(context);
    await signInThroughApi(context, SECRETARIAT);
    const page = await context.newPage();
    await page.goto(`/alliances/${slug}/review`);
    await page.waitForLoadState('networkidle');
    const count = page.locator('h2.count');
    const before = Number((await textOf(count)).match(/\d+/)?.[0]);
    await markDocument(page);

    const signer = await browser.newContext({ baseURL: baseUrl });
    contexts.push(signer);
    const email = `${unique('live').replace(' ', '.')}@example.org`;
    const seen = await seenMail(email);
    const cookie = await signInThroughApi(signer, email);
    await seedSignature(cookie, unique('Live Queue Recyclers'));
    const token = new URL(linkIn(await nextMail(email, /confirm/i, seen), '/signatures/confirm')).searchParams.get(
      'token',
    );
    await graphql('mutation ($token: String!) { confirmSignature(token: $token) { id } }', { token });

    await expect.poll(() => textOf(count), { timeout: 10_000 }).toContain(String(before + 1));
    expect(await isSameDocument(page)).toBe(true);
    await expect
      .poll(() => textOf(page.locator('[data-live-announcer]')))
      .toBe(`This queue has changed: ${before + 1} waiting.`);
    await expectAccessible(page, 'the review queue, updated live');
  });
});
