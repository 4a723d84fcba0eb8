import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startStandalone } from '../setup/standalone.ts';
import { launch, skipReason } from './browser.ts';
import {
  expectAccessible,
  graphql,
  isFocused,
  openPage,
  SECRETARIAT,
  signInThroughApi,
  slug,
  textOf,
} from './journey.ts';

/**
 * The secretariat extends a campaign's deadline, closes the campaign and reopens it on the reporting page, without
 * JavaScript (plain posts), with a refusal of each date form said beside its field, and axe on the page in each
 * state; a representative is offered the report form while the campaign takes reports, and not while it is closed. On a server of its own with the demo alliance: closing and reopening a year changes the headline year, which
 * the other browser tests read from the shared server.
 */
const today = new Date().toISOString().slice(0, 10);
const YEAR = Number(today.slice(0, 4)) - 1;
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const reportingPath = `/alliances/${slug}/reporting?year=${YEAR}`;

describe.skipIf(Boolean(skipReason))('[REPORTING] a campaign’s dates', () => {
  let server: Awaited<ReturnType<typeof startStandalone>> | undefined;
  let browser: Browser;
  let cookie = '';
  const contexts: BrowserContext[] = [];
  const base = () => server?.baseUrl ?? '';

  beforeAll(async () => {
    server = await startStandalone({ SEED_DEMO: 'true', DEV_MAILBOX: 'true' });
    browser = await launch();
    const context = await browser.newContext({ baseURL: base() });
    contexts.push(context);
    cookie = await signInThroughApi(context, SECRETARIAT, base());
    await graphql(
      'mutation ($slug: String!, $input: ReportingCampaignInput!) { openReportingCampaign(allianceSlug: $slug, input: $input) { id } }',
      { slug, input: { year: YEAR, opensOn: today, deadline: inDays(30) } },
      cookie,
      base(),
    );
  }, 180_000);
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await server?.stop();
  });

  /** The secretariat's page, with or without JavaScript. */
  async function staffPage(javaScriptEnabled: boolean): Promise<Page> {
    const { page } = await openPage(browser, contexts, {
      javaScriptEnabled,
      width: 375,
      height: 800,
      cookie,
      base: base(),
    });
    await page.goto(reportingPath);
    return page;
  }

  async function expectAccessibleNow(what: string): Promise<void> {
    await expectAccessible(await staffPage(true), what);
  }

  /** A representative of an organisation whose accepted pledges have no report for the year yet. */
  async function representativeToReport(): Promise<string> {
    const { data } = await graphql<{
      alliance: {
        pledges: {
          nodes: { reports: { year: number }[]; organisation: { representatives: { person: { email: string } }[] } }[];
        };
      };
    }>(
      `query ($slug: String!) { alliance(slug: $slug) { pledges(first: 100) { nodes {
        reports { year } organisation { representatives { person { email } } } } } } }`,
      { slug },
      cookie,
      base(),
    );
    const pledge = data.alliance.pledges.nodes.find(
      (p) => p.reports.every((r) => r.year !== YEAR) && p.organisation.representatives.length > 0,
    );
    const email = pledge?.organisation.representatives[0]?.person.email;
    if (!email) throw new Error(`no pledge in the demo data without a report for ${YEAR}`);
    return email;
  }

  /** The representative's reports page, without JavaScript: how many report forms it offers, and what it says. */
  async function representativeSees(email: string): Promise<{ forms: number; text: string }> {
    const context = await browser.newContext({ baseURL: base(), javaScriptEnabled: false });
    contexts.push(context);
    await signInThroughApi(context, email, base());
    const page = await context.newPage();
    await page.goto('/account/reports');
    return {
      forms: await page.getByRole('button', { name: 'Send the report' }).count(),
      text: await textOf(page.locator('main')),
    };
  }

  const campaign = (page: Page) => page.getByRole('region', { name: `The ${YEAR} campaign` });
  const notice = (page: Page) => textOf(page.getByRole('status'));

  test('[REPORTING]: extend, close and reopen without JavaScript, each refusal beside its field', async () => {
    const representative = await representativeToReport();
    expect((await representativeSees(representative)).forms).toBeGreaterThan(0);
    const page = await staffPage(false);
    await expectAccessibleNow('a campaign open, with its date forms');

    // Extend: a deadline not later than the current one is refused beside the field, then a later one is taken.
    await campaign(page).locator('summary', { hasText: 'Extend the deadline' }).click();
    const extend = campaign(page).locator('form', { has: page.getByRole('button', { name: 'Extend the deadline' }) });
    await extend.getByLabel('New deadline').fill(inDays(30));
    await extend.getByRole('button', { name: 'Extend the deadline' }).click();
    const field = campaign(page).getByLabel('New deadline');
    await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(textOf(page.locator('.error-summary'))).resolves.toContain('An extension moves the deadline later');
    await field.fill(inDays(45));
    await Promise.all([
      page.waitForURL(/changed=extend/),
      campaign(page).getByRole('button', { name: 'Extend the deadline' }).click(),
    ]);
    await expect(notice(page)).resolves.toContain(`The deadline of the ${YEAR} campaign is now`);
    await expect(textOf(campaign(page).locator('.changes'))).resolves.toMatch(/deadline extended from .+ to /);

    // Its reminders: a day of 0 is refused beside the field; then new days and notice. The campaign is open: its
    // opening date is not offered.
    await campaign(page).locator('summary', { hasText: 'Change the opening date or reminders' }).click();
    const schedule = campaign(page).locator('form', { has: page.getByRole('button', { name: 'Save the schedule' }) });
    await expect(schedule.getByLabel('Opens on').count()).resolves.toBe(0);
    await schedule.getByLabel('Reminders, days before the deadline').fill('20, 0');
    await schedule.getByRole('button', { name: 'Save the schedule' }).click();
    const days = campaign(page).getByLabel('Reminders, days before the deadline');
    await expect(days.getAttribute('aria-invalid')).resolves.toBe('true');
    await days.fill('20, 5');
    await campaign(page).getByLabel('Overdue notice, days after the deadline').fill('3');
    await Promise.all([
      page.waitForURL(/changed=reschedule/),
      campaign(page).getByRole('button', { name: 'Save the schedule' }).click(),
    ]);
    await expect(notice(page)).resolves.toContain(`The schedule of the ${YEAR} campaign is changed`);
    await expect(textOf(campaign(page).locator('.changes'))).resolves.toMatch(
      /reminders 20, 5 days before the deadline, overdue notice 3 days after it/,
    );

    // Close it now: the state says so, and only reopening is offered.
    await campaign(page).locator('summary', { hasText: 'Close the campaign' }).click();
    await Promise.all([
      page.waitForURL(/changed=close/),
      campaign(page).getByRole('button', { name: 'Close the campaign now' }).click(),
    ]);
    await expect(notice(page)).resolves.toBe(`The ${YEAR} campaign is closed to reports.`);
    await expect(textOf(campaign(page))).resolves.toContain('Closed by the secretariat on');
    await expect(campaign(page).locator('summary', { hasText: 'Extend the deadline' }).count()).resolves.toBe(0);
    await expectAccessibleNow('a campaign closed by the secretariat');
    // The representative is told, and offered no form the API would refuse.
    const closed = await representativeSees(representative);
    expect(closed.forms).toBe(0);
    expect(closed.text).toContain('The secretariat closed the campaign on');

    // Reopen: a deadline in the past is refused beside the field; then until a new one.
    await campaign(page).locator('summary', { hasText: 'Reopen the campaign' }).click();
    const reopen = campaign(page).locator('form', { has: page.getByRole('button', { name: 'Reopen the campaign' }) });
    await expect(textOf(reopen)).resolves.toContain(`Until then ${YEAR} no longer counts as closed`);
    await reopen.getByLabel('New deadline').fill(inDays(-1));
    await reopen.getByRole('button', { name: 'Reopen the campaign' }).click();
    await expect(textOf(page.locator('.error-summary'))).resolves.toContain('cannot be in the past');
    await campaign(page).getByLabel('New deadline').fill(inDays(20));
    await Promise.all([
      page.waitForURL(/changed=reopen/),
      campaign(page).getByRole('button', { name: 'Reopen the campaign' }).click(),
    ]);
    await expect(notice(page)).resolves.toContain(`The ${YEAR} campaign takes reports again until`);
    const history = (await campaign(page).locator('.changes li').allTextContents()).map((line) => line.trim());
    expect(history).toHaveLength(5);
    expect(history[3]).toContain('closed by the secretariat');
    expect(history[4]).toContain('reopened until');
    expect((await representativeSees(representative)).forms).toBeGreaterThan(0);
  });

  test('[A11Y]: a refused change with JavaScript, its summary focused, axe-clean', async () => {
    const page = await staffPage(true);
    await campaign(page).locator('summary', { hasText: 'Extend the deadline' }).click();
    await campaign(page).getByLabel('New deadline').fill(inDays(1));
    await campaign(page).getByRole('button', { name: 'Extend the deadline' }).click();
    await page.locator('.error-summary').waitFor();
    await expect(isFocused(page.locator('.error-summary'))).resolves.toBe(true);
    await expect(textOf(page.locator('.error-summary'))).resolves.toContain('An extension moves the deadline later');
    await expectAccessible(page, 'an extension refused');
  });
});
