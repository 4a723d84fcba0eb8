import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { axeViolations, baseUrl, launch, skipReason } from './browser.ts';
import { expectAccessible, expectNoSidewaysScroll, tabTo } from './journey.ts';

/**
 * The public pages as a reader meets them: the alliance home, the signatory register with its filters,
 * the working groups; accessible (axe, keyboard, a phone's width) and usable without JavaScript.
 * Expected figures come from the API itself, so the test follows the demo data rather than copying it.
 */

const slug = 'circular-plastics';
const home = `/alliances/${slug}`;
const register = `${home}/signatories`;
const workingGroups = `${home}/working-groups`;

interface Facts {
  name: string;
  counts: { signatories: number; countries: number; workingGroups: number; acceptedPledges: number };
  progress: { achievedTonnes: string; share: string; year: number | null };
  germanCompanies: number;
  firstNames: string[];
}

async function graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data: T; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

async function loadFacts(): Promise<Facts> {
  const { alliance } = await graphql<{
    alliance: Omit<Facts, 'germanCompanies' | 'firstNames'> & {
      german: { totalCount: number };
      page: { nodes: { organisation: { legalName: string } }[] };
    };
  }>(
    `query ($slug: String!) { alliance(slug: $slug) {
      name
      counts { signatories countries workingGroups acceptedPledges }
      progress { achievedTonnes share year }
      german: signatories(first: 1, filter: { country: "DE", kind: COMPANY }) { totalCount }
      page: signatories(first: 25) { nodes { organisation { legalName } } }
    } }`,
    { slug },
  );
  return {
    name: alliance.name,
    counts: alliance.counts,
    progress: alliance.progress,
    germanCompanies: alliance.german.totalCount,
    firstNames: alliance.page.nodes.map((n) => n.organisation.legalName),
  };
}

const phone = { width: 375, height: 812 };

interface SignatoryFacts {
  id: string;
  legalName: string;
  reportingStatus: 'NEW' | 'ACTIVE' | 'NOT_REPORTING' | 'INACTIVE';
  pledgeIds: string[];
  validatedReports: number;
}

const reportingStatusWords = {
  NEW: 'New',
  ACTIVE: 'Reporting',
  NOT_REPORTING: 'Not reporting',
  INACTIVE: 'Inactive',
};

/** A signatory of the demo with pledges in force and validated reports, as the public API shows it. */
async function signatoryWithReports(): Promise<SignatoryFacts> {
  const { alliance } = await graphql<{
    alliance: {
      signatories: {
        nodes: {
          organisation: {
            id: string;
            legalName: string;
            reportingStatus: SignatoryFacts['reportingStatus'];
            pledges: { id: string; status: string; alliance: { slug: string }; reports: { status: string }[] }[];
          };
        }[];
      };
    };
  }>(
    `query ($slug: String!) { alliance(slug: $slug) { signatories(first: 100) { nodes { organisation {
      id legalName reportingStatus pledges { id status alliance { slug } reports { status } } } } } } }`,
    { slug },
  );
  for (const { organisation } of alliance.signatories.nodes) {
    const inForce = organisation.pledges.filter((p) => p.status === 'ACCEPTED' && p.alliance.slug === slug);
    const validatedReports = inForce.flatMap((p) => p.reports).filter((r) => r.status === 'VALIDATED').length;
    if (inForce.length > 0 && validatedReports > 0) {
      return {
        id: organisation.id,
        legalName: organisation.legalName,
        reportingStatus: organisation.reportingStatus,
        pledgeIds: inForce.map((p) => p.id),
        validatedReports,
      };
    }
  }
  throw new Error('no demo signatory with validated reports among the first 100');
}

describe.skipIf(Boolean(skipReason))('portal', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let facts: Facts;

  beforeAll(async () => {
    [browser, facts] = await Promise.all([launch(), loadFacts()]);
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ baseURL: baseUrl });
    page = await context.newPage();
  });
  afterEach(async () => {
    await context?.close();
  });

  test('[HOME]: the start page leads to the alliance, which shows its name, target, progress and counts', async () => {
    const response = await page.goto('/');
    expect(response?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe(home);

    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(facts.name);
    await expect(page.title()).resolves.toBe(facts.name);
    const target = page.getByRole('region', { name: 'Target', exact: true });
    await expect(text(target)).resolves.toContain('10 Mt of recycled plastics used in new products every year by 2025');

    const bar = page.getByRole('progressbar', { name: `Achieved in ${facts.progress.year}` });
    await expect(bar.getAttribute('aria-valuenow')).resolves.toBe(String(Number(facts.progress.achievedTonnes)));
    await expect(bar.getAttribute('aria-valuemax')).resolves.toBe('10000000');
    const share = `${(Number(facts.progress.share) * 100).toFixed(1)}%`;
    await expect(bar.getAttribute('aria-valuetext')).resolves.toContain(`${share} of the target`);
    await expect(text(target)).resolves.toContain(share);

    const counts = page.getByRole('region', { name: 'The alliance in numbers', exact: true });
    const figure = (label: string) =>
      counts.locator('div', { has: page.locator('dt', { hasText: label }) }).locator('dd');
    await expect(figure('Signatories').textContent()).resolves.toBe(String(facts.counts.signatories));
    await expect(figure('Countries').textContent()).resolves.toBe(String(facts.counts.countries));
    await expect(figure('Working groups').textContent()).resolves.toBe(String(facts.counts.workingGroups));
    await expect(figure('Accepted pledges').textContent()).resolves.toBe(String(facts.counts.acceptedPledges));
  });

  test('[REGISTER]: a search typed into the form narrows the register and lands in the URL', async () => {
    await page.goto(register);
    await expect(resultsHeading(page)).resolves.toBe(`${facts.counts.signatories} signatories match`);
    const name = facts.firstNames[0] ?? '';
    const word = name.split(' ')[0] ?? '';

    await page.getByLabel('Name contains').fill(word);
    await Promise.all([page.waitForURL(/search=/), page.getByRole('button', { name: 'Show signatories' }).click()]);

    expect(new URL(page.url()).searchParams.get('search')).toBe(word);
    const rows = await organisationNames(page);
    expect(rows).toContain(name);
    expect(rows.length).toBeLessThan(facts.counts.signatories);
    for (const row of rows) expect(row.toLowerCase()).toContain(word.toLowerCase());
    await expect(page.getByLabel('Name contains').inputValue()).resolves.toBe(word);
  });

  test('[REGISTER]: country and kind filters combine, and the next page keeps them', async () => {
    await page.goto(register);
    await page.getByLabel('Country').selectOption({ label: 'Germany' });
    await page.getByLabel('Kind of organisation').selectOption({ label: 'Company' });
    await Promise.all([page.waitForURL(/country=DE/), page.getByRole('button', { name: 'Show signatories' }).click()]);

    const url = new URL(page.url());
    expect(url.searchParams.get('kind')).toBe('COMPANY');
    await expect(resultsHeading(page)).resolves.toBe(`${facts.germanCompanies} signatories match`);
    const firstPage = await page
      .locator('.register tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) => [
          row.querySelector('th')?.textContent,
          row.querySelectorAll('td')[0]?.textContent,
          row.querySelectorAll('td')[1]?.textContent,
        ]),
      );
    expect(firstPage).toHaveLength(Math.min(25, facts.germanCompanies));
    for (const [, country, kind] of firstPage) expect([country, kind]).toEqual(['Germany', 'Company']);

    // The demo alliance has more than one page of German companies.
    expect(facts.germanCompanies).toBeGreaterThan(25);
    await Promise.all([page.waitForURL(/after=/), page.getByRole('link', { name: 'Next page' }).click()]);
    const next = new URL(page.url());
    expect(next.searchParams.get('country')).toBe('DE');
    expect(next.searchParams.get('kind')).toBe('COMPANY');
    await expect(page.getByLabel('Country').inputValue()).resolves.toBe('DE');
    await expect(page.getByLabel('Kind of organisation').inputValue()).resolves.toBe('COMPANY');
    const secondPage = await organisationNames(page);
    expect(secondPage).toHaveLength(Math.min(25, facts.germanCompanies - 25));
    expect(secondPage.some((name) => firstPage.some(([first]) => first === name))).toBe(false);
    await expect(page.getByRole('link', { name: 'First page' }).isVisible()).resolves.toBe(true);
  });

  test('[REGISTER]: an unknown country in the URL is a 400 with a message, and the form still works', async () => {
    const response = await page.goto(`${register}?country=XX`);
    expect(response?.status()).toBe(400);
    await expect(page.getByRole('heading', { name: 'These filters could not be applied' }).isVisible()).resolves.toBe(
      true,
    );
    await expect(page.locator('#filter-problem').textContent()).resolves.toContain('XX');
    const country = page.getByLabel('Country');
    await expect(country.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(country.getAttribute('aria-describedby')).resolves.toBe('filter-problem');

    await country.selectOption({ label: 'France' });
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('country=FR')),
      page.getByRole('button', { name: 'Show signatories' }).click(),
    ]);
    await page.waitForURL(/country=FR/);
    expect(answer.status()).toBe(200);
    await expect(resultsHeading(page)).resolves.toMatch(/^\d+ (signatories match|signatory matches)$/);
  });

  test('[WORKING-GROUPS]: the six groups of the demo, each with its chairs', async () => {
    await page.goto(workingGroups);
    // Other browser tests share the server and may add groups of their own (meetings.e2e does): the demo's six are
    // found by their addresses, the cards' ids.
    const demoGroups = [
      'packaging',
      'construction',
      'automotive',
      'electrical-electronic-equipment',
      'agriculture',
      'monitoring-data-collection',
    ];
    const groups = page.locator(demoGroups.map((slug) => `article#${slug}`).join(', '));
    await expect(groups.count()).resolves.toBe(6);
    const names = await groups.locator('h3').allTextContents();
    expect(names).toEqual(
      expect.arrayContaining([
        'Packaging',
        'Construction',
        'Automotive',
        'Agriculture',
        'Monitoring and data collection',
      ]),
    );
    for (const group of await groups.all()) {
      const chairs = await group.locator('.chairs li').allTextContents();
      expect(chairs.length).toBeGreaterThan(0);
      expect(chairs.some((chair) => /\((Chair|Co-chair),/.test(chair))).toBe(true);
    }
    await expect(
      page.getByRole('link', { name: 'Working groups', exact: true }).getAttribute('aria-current'),
    ).resolves.toBe('page');
  });

  const pages = [
    { name: 'home', path: home, status: 200 },
    { name: 'register', path: register, status: 200 },
    { name: 'register with filters', path: `${register}?country=DE&kind=COMPANY&stage=RECYCLER&search=a`, status: 200 },
    { name: 'working groups', path: workingGroups, status: 200 },
    { name: 'a page that does not exist', path: `${home}/no-such-page`, status: 404 },
  ];

  test('[A11Y]: axe finds no WCAG 2.1 A/AA violation on any page, on a desktop and on a phone', async () => {
    for (const viewport of [{ width: 1280, height: 900 }, phone]) {
      await page.setViewportSize(viewport);
      for (const { name, path, status } of pages) {
        const response = await page.goto(path);
        expect(response?.status(), `${name} at ${viewport.width}px`).toBe(status);
        expect(await axeViolations(page), `${name} at ${viewport.width}px`).toEqual([]);
        if (viewport === phone) {
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          expect(overflow, `horizontal scroll on ${name} at 375px`).toBeLessThanOrEqual(0);
        }
      }
    }
  });

  test('[KEYBOARD]: the skip link comes first, lands in main, and the filter form works by keyboard alone', async () => {
    await page.goto(register);
    await page.keyboard.press('Tab');
    await expect(focused(page)).resolves.toMatchObject({ text: 'Skip to main content', tag: 'A' });
    await page.keyboard.press('Enter');
    await expect(focused(page)).resolves.toMatchObject({ id: 'main' });

    await page.keyboard.press('Tab');
    await expect(focused(page)).resolves.toMatchObject({ label: 'Name contains' });
    await page.keyboard.type('a');
    await page.keyboard.press('Tab');
    await expect(focused(page)).resolves.toMatchObject({ label: 'Country' });
    // Type-ahead on a closed select, as a keyboard user chooses an option.
    await page.keyboard.type('Germany');
    await page.keyboard.press('Tab');
    await expect(focused(page)).resolves.toMatchObject({ label: 'Kind of organisation' });
    await page.keyboard.press('Tab');
    await expect(focused(page)).resolves.toMatchObject({ label: 'Value-chain stage' });
    await page.keyboard.press('Tab');
    await expect(focused(page)).resolves.toMatchObject({ text: 'Show signatories', tag: 'BUTTON' });
    await Promise.all([page.waitForURL(/country=DE/), page.keyboard.press('Enter')]);

    const url = new URL(page.url());
    expect(url.searchParams.get('search')).toBe('a');
    for (const row of await page.locator('.register tbody tr td:first-of-type').allTextContents())
      expect(row).toBe('Germany');
  });

  test('[NO-JS]: without JavaScript the filter form and the next page still work', async () => {
    const noScript = await browser.newContext({ baseURL: baseUrl, javaScriptEnabled: false });
    try {
      const plain = await noScript.newPage();
      await plain.goto(register);
      await plain.getByLabel('Country').selectOption('DE');
      await plain.getByLabel('Kind of organisation').selectOption('COMPANY');
      await Promise.all([
        plain.waitForURL(/country=DE/),
        plain.getByRole('button', { name: 'Show signatories' }).click(),
      ]);
      await expect(resultsHeading(plain)).resolves.toBe(`${facts.germanCompanies} signatories match`);
      await Promise.all([plain.waitForURL(/after=/), plain.getByRole('link', { name: 'Next page' }).click()]);
      expect(new URL(plain.url()).searchParams.get('kind')).toBe('COMPANY');
      for (const row of await plain.locator('.register tbody tr td:first-of-type').allTextContents())
        expect(row).toBe('Germany');
    } finally {
      await noScript.close();
    }
  });

  test("[SIGNATORY]: an organisation's name in the register leads to its page, which shows its reporting status and pledges", async () => {
    const signatory = await signatoryWithReports();
    const signatoryPath = `${register}/${signatory.id}`;
    await page.goto(`${register}?search=${encodeURIComponent(signatory.legalName)}`);
    const nameLink = page.locator('.register tbody th').getByRole('link', { name: signatory.legalName, exact: true });
    await tabTo(page, nameLink);
    await Promise.all([page.waitForURL((url) => url.pathname === signatoryPath), page.keyboard.press('Enter')]);

    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(signatory.legalName);
    await expect(page.title()).resolves.toBe(`${signatory.legalName} – ${facts.name}`);
    const reporting = page.getByRole('region', { name: 'Reporting status', exact: true });
    await expect(reporting.locator('.badge').textContent()).resolves.toBe(
      reportingStatusWords[signatory.reportingStatus],
    );
    const pledges = page.getByRole('table', { name: `Pledges in force of ${signatory.legalName}` });
    const pledgeLinks = pledges.locator('tbody th a');
    await expect(pledgeLinks.evaluateAll((links) => links.map((a) => a.getAttribute('href')))).resolves.toEqual(
      signatory.pledgeIds.map((id) => `${home}/pledges/${id}`),
    );
    const reports = page.getByRole('table', {
      name: `Validated progress reports of ${signatory.legalName}, latest year first`,
    });
    await expect(reports.locator('tbody tr').count()).resolves.toBe(signatory.validatedReports);
    await expect(page.getByRole('link', { name: 'Back to the signatory register' }).getAttribute('href')).resolves.toBe(
      register,
    );

    for (const viewport of [{ width: 1280, height: 900 }, phone]) {
      await page.setViewportSize(viewport);
      await expectAccessible(page, `the signatory's page at ${viewport.width}px`);
    }

    await Promise.all([
      page.waitForURL((url) => url.pathname === `${home}/pledges/${signatory.pledgeIds[0]}`),
      pledgeLinks.first().click(),
    ]);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      `Pledge of ${signatory.legalName}`,
    );
  });

  test("[SIGNATORY]: without JavaScript the signatory's page shows the same, and an unknown id is a 404", async () => {
    const signatory = await signatoryWithReports();
    const noScript = await browser.newContext({ baseURL: baseUrl, javaScriptEnabled: false });
    try {
      const plain = await noScript.newPage();
      await plain.setViewportSize(phone);
      const response = await plain.goto(`${register}/${signatory.id}`);
      expect(response?.status()).toBe(200);
      await expect(plain.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(signatory.legalName);
      await expect(
        plain.getByRole('region', { name: 'Reporting status', exact: true }).locator('.badge').textContent(),
      ).resolves.toBe(reportingStatusWords[signatory.reportingStatus]);
      await expect(
        plain
          .getByRole('table', { name: `Pledges in force of ${signatory.legalName}` })
          .locator('tbody tr')
          .count(),
      ).resolves.toBe(signatory.pledgeIds.length);
      await expectNoSidewaysScroll(plain, "the signatory's page without JavaScript at 375px");
      await Promise.all([
        plain.waitForURL((url) => url.pathname === register),
        plain.getByRole('link', { name: 'Back to the signatory register' }).click(),
      ]);
    } finally {
      await noScript.close();
    }

    // No organisation has this id; the second is not an id at all.
    for (const id of ['0190a0b0-0000-7000-8000-000000000000', 'no-such-organisation']) {
      const response = await page.goto(`${register}/${id}`);
      expect(response?.status(), id).toBe(404);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Page not found');
      for (const viewport of [{ width: 1280, height: 900 }, phone]) {
        await page.setViewportSize(viewport);
        await expectAccessible(page, `the 404 page of ${id} at ${viewport.width}px`);
      }
    }
  });
});

/** The text a reader sees, with runs of white space (no-break spaces too) as one space. */
async function text(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

function resultsHeading(page: Page): Promise<string | null> {
  return page.locator('#results-heading').textContent();
}

function organisationNames(page: Page): Promise<string[]> {
  return page.locator('.register tbody th').allTextContents();
}

/** What has keyboard focus: its tag, id, text and the text of its label. */
function focused(page: Page) {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    const labels = (element as HTMLInputElement | null)?.labels;
    return {
      tag: element?.tagName,
      id: element?.id,
      text: element?.textContent?.trim(),
      label: labels?.[0]?.textContent?.trim(),
    };
  });
}
