import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tinyPdf } from '../../services/documents/src/tiny-pdf.ts';
import { baseUrl, launch, skipReason } from './browser.ts';
import {
  expectAccessible,
  expectNoSidewaysScroll,
  giveSession,
  graphql,
  isFocused,
  linkIn,
  nextMail,
  openPage,
  type PageOptions,
  SECRETARIAT,
  sayIn,
  seedSignature,
  signInThroughApi,
  slug,
  tabTo,
  textOf,
  unique,
} from './journey.ts';

/**
 * Progress and reporting as people meet them: the public progress page (charts with their tables, the trend
 * in words, every total followed to the reports that sum to it), the secretariat's reporting dashboard (open
 * a campaign, see who reported, validate, query and reopen reports) and a representative's reports (submit,
 * correct, answer a query). In Chromium with axe on every page, by keyboard alone, and without JavaScript.
 * Expected figures come from the API, so the test follows the demo data rather than copying it.
 */

const home = `/alliances/${slug}`;
const progressPath = `${home}/progress`;
const reportsPath = `${progressPath}/reports`;
const reportingPath = `${home}/reporting`;
/** A deadline for the 2025 campaign within its reach (the API refuses one that is not, such as 2099). */
const DEADLINE_2025 = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);

interface Trajectory {
  basedOnYears: number;
  projectedTonnes: string;
  targetYear: number;
  isOnTrack: boolean;
  shortfallTonnes: string;
  predictionIntervalTonnes: string | null;
  confidence: string;
}

interface ProgressFacts {
  year: number;
  achievedTonnes: string;
  target: { flow: 'SUPPLY' | 'UPTAKE' };
  byYear: { year: number; achievedTonnes: string; reportCount: number }[];
  trajectory: Trajectory;
  byWorkingGroup: { key: string; achievedTonnes: string }[];
  byOrganisationKind: { key: string; achievedTonnes: string }[];
}

async function progressFacts(): Promise<ProgressFacts> {
  const { data } = await graphql<{
    alliance: { target: ProgressFacts['target']; progress: Omit<ProgressFacts, 'target'> };
  }>(
    `query ($slug: String!) { alliance(slug: $slug) {
      target { flow }
      progress {
        year achievedTonnes
        byYear { year achievedTonnes reportCount }
        trajectory { basedOnYears projectedTonnes targetYear isOnTrack shortfallTonnes predictionIntervalTonnes confidence }
        byWorkingGroup: breakdown(by: WORKING_GROUP) { key achievedTonnes }
        byOrganisationKind: breakdown(by: ORGANISATION_KIND) { key achievedTonnes }
      }
    } }`,
    { slug },
  );
  return { ...data.alliance.progress, target: data.alliance.target };
}

/** Exact sum of decimal strings (tonnes with at most three decimals). */
function sumTonnes(values: readonly string[]): string {
  const kg = values.reduce((sum, v) => {
    const [whole = '0', fraction = ''] = v.split('.');
    return sum + BigInt(whole) * 1000n + BigInt(fraction.padEnd(3, '0').slice(0, 3));
  }, 0n);
  return `${kg / 1000n}.${(kg % 1000n).toString().padStart(3, '0')}`;
}

/** Millions of tonnes as the portal writes them: at most two decimals, "6.11 Mt". */
const mt = (tonnes: string) =>
  `${new Intl.NumberFormat('en', { maximumFractionDigits: 2 }).format(Math.round(Number(tonnes) / 10_000) / 100)} Mt`;

/** Every tonnes figure of the reports list, following "Next page" to the end. */
async function listedTonnes(page: Page): Promise<string[]> {
  const all: string[] = [];
  for (;;) {
    all.push(
      ...(await page
        .locator('table.reports tbody td data')
        .evaluateAll((els) => els.map((e) => e.getAttribute('value') ?? ''))),
    );
    const next = page.getByRole('link', { name: 'Next page' });
    if ((await next.count()) === 0) return all;
    await Promise.all([page.waitForURL(/after=/), next.click()]);
  }
}

/** The figure a reports page explains, as shown at its top. */
async function shownTotal(page: Page): Promise<{ value: string | null; text: string }> {
  const figure = page.locator('#reports-total data');
  return { value: await figure.getAttribute('value'), text: await textOf(figure) };
}

interface QueueReport {
  id: string;
  year: number;
  status: string;
  pledge: { kind: string; organisation: { legalName: string } };
}

async function validationQueue(cookie: string): Promise<QueueReport[]> {
  const { data } = await graphql<{ alliance: { reportValidationQueue: { nodes: QueueReport[] } } }>(
    'query ($slug: String!) { alliance(slug: $slug) { reportValidationQueue(first: 50) { nodes { id year status pledge { kind organisation { legalName } } } } } }',
    { slug },
    cookie,
  );
  return data.alliance.reportValidationQueue.nodes;
}

async function reportStatus(
  id: string,
  cookie: string,
): Promise<{ status: string; tonnesAchieved: string; revision: number }> {
  const { data } = await graphql<{
    alliance: {
      progressReports: { nodes: { id: string; status: string; tonnesAchieved: string; revision: number }[] };
    };
  }>(
    'query ($slug: String!) { alliance(slug: $slug) { progressReports(first: 50, filter: { year: 2025 }) { nodes { id status tonnesAchieved revision } } } }',
    { slug },
    cookie,
  );
  const found = data.alliance.progressReports.nodes.find((r) => r.id === id);
  if (!found) throw new Error(`report ${id} not found`);
  return found;
}

/** Opens the 2025 campaign through the API unless the secretariat's test opened it already. */
async function ensureCampaign2025(staffCookie: string): Promise<void> {
  const { data } = await graphql<{ alliance: { reportingCampaigns: { year: number }[] } }>(
    'query ($slug: String!) { alliance(slug: $slug) { reportingCampaigns { year } } }',
    { slug },
  );
  if (data.alliance.reportingCampaigns.some((c) => c.year === 2025)) return;
  const today = new Date().toISOString().slice(0, 10);
  await graphql(
    'mutation ($slug: String!, $input: ReportingCampaignInput!) { openReportingCampaign(allianceSlug: $slug, input: $input) { id } }',
    { slug, input: { year: 2025, opensOn: today, deadline: DEADLINE_2025 } },
    staffCookie,
  );
}

/**
 * A representative whose organisation is an active signatory with one accepted supply pledge, seeded through
 * the API: register and sign, confirm from the e-mail, the secretariat approves; draft, submit, accept.
 */
async function seedRepresentative(
  context: BrowserContext,
  staffCookie: string,
): Promise<{ email: string; cookie: string; organisation: string; pledgeId: string }> {
  const email = `${unique('grace').replace(' ', '.')}@example.org`;
  const organisation = unique('Recyclaat Noord');
  const cookie = await signInThroughApi(context, email);
  const { organisationId, signatureId } = await seedSignature(cookie, organisation);
  const confirmation = await nextMail(email, /confirm/i, new Set());
  const token = new URL(linkIn(confirmation, '/signatures/confirm')).searchParams.get('token');
  await graphql('mutation ($token: String!) { confirmSignature(token: $token) { id } }', { token }, cookie);
  await graphql('mutation ($id: ID!) { approveSignature(id: $id) { id } }', { id: signatureId }, staffCookie);
  const { data } = await graphql<{ draftPledge: { id: string } }>(
    'mutation ($input: DraftPledgeInput!) { draftPledge(input: $input) { id } }',
    {
      input: {
        allianceSlug: slug,
        organisationId,
        pledge: { kind: 'SUPPLY', polymer: 'PET', sector: 'PACKAGING', tonnesPerYear: '2000', targetYear: 2025 },
      },
    },
    cookie,
  );
  const pledgeId = data.draftPledge.id;
  await graphql('mutation ($id: ID!) { submitPledge(pledgeId: $id) { id } }', { id: pledgeId }, cookie);
  await graphql(
    'mutation ($id: ID!) { reviewPledge(pledgeId: $id, decision: ACCEPT) { id } }',
    { id: pledgeId },
    staffCookie,
  );
  return { email, cookie, organisation, pledgeId };
}

/** A small well-formed PDF standing for an audit certificate: the API parses every upload. */
const CERTIFICATE = tinyPdf('RecyClass audit certificate RCS-2025-00042');

describe.skipIf(Boolean(skipReason))('progress and reporting', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  /** The secretariat's session, opened once: log-in links are rate-limited per address (5 in 15 minutes). */
  let staffCookie: string;

  beforeAll(async () => {
    browser = await launch();
    const context = await browser.newContext({ baseURL: baseUrl });
    staffCookie = await signInThroughApi(context, SECRETARIAT);
    await context.close();
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
  });

  /** Gives `context` the secretariat's session. */
  const asSecretariat = (context: BrowserContext) => giveSession(context, staffCookie);

  const newPage = (options: PageOptions = {}) => openPage(browser, contexts, { height: 900, ...options });

  test('[PROGRESS]: every chart is an image with its table beside it, and the trend is said in words', async () => {
    const facts = await progressFacts();
    const { page } = await newPage();
    await page.goto(home);
    await Promise.all([
      page.waitForURL(`**${progressPath}`),
      page.getByRole('link', { name: 'Progress', exact: true }).click(),
    ]);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Progress toward the target');
    await expect(page.getByRole('link', { name: 'Progress', exact: true }).getAttribute('aria-current')).resolves.toBe(
      'page',
    );

    // Years with the trend, the gap by polymer, and four breakdowns: each an SVG image with a table beside it.
    const charts = page.locator('.chart-and-table');
    await expect(charts.count()).resolves.toBe(6);
    for (const chart of await charts.all()) {
      const image = chart.locator('svg[role="img"]').first();
      const titleId = await image.getAttribute('aria-labelledby');
      await expect(textOf(chart.locator(`[id="${titleId}"]`))).resolves.not.toBe('');
      await expect(image.getAttribute('aria-describedby')).resolves.toBeTruthy();
      const table = chart.locator('table');
      await expect(table.count()).resolves.toBe(1);
      await expect(textOf(table.locator('caption'))).resolves.toBe(await textOf(chart.locator(`[id="${titleId}"]`)));
      await expect(chart.getByRole('region').getAttribute('tabindex')).resolves.toBe('0');
    }
    const years = page.getByRole('table', { name: /Tonnes achieved by year/ });
    await expect(years.locator('tbody tr').count()).resolves.toBe(facts.byYear.length + 1);
    // The chart draws a bar for each reported year.
    await expect(charts.first().locator('svg[role="img"] rect.series-achieved').count()).resolves.toBe(
      facts.byYear.length,
    );

    // The trend in words with its uncertainty, not only a flag.
    const t = facts.trajectory;
    const expected =
      `Based on ${t.basedOnYears} reported years, the trend projects ${mt(t.projectedTonnes)} in ${t.targetYear}` +
      (t.predictionIntervalTonnes ? ` (± ${mt(t.predictionIntervalTonnes)})` : '') +
      (t.isOnTrack ? ': on track to reach the target.' : `: ${mt(t.shortfallTonnes)} short of the target.`);
    const sentence = await textOf(page.locator('#trajectory-sentence'));
    expect(sentence).toContain(expected);
    expect(sentence).toMatch(new RegExp(`Confidence: ${t.confidence.toLowerCase()}\\.$`));

    // Downloads: the open-data files and the report PDF of the year.
    const downloads = page.getByRole('region', { name: 'Download the figures' });
    await expect(
      downloads.getByRole('link', { name: `Progress report ${facts.year} (PDF)` }).getAttribute('href'),
    ).resolves.toBe(`/documents/progress/${slug}/${facts.year}.pdf?lang=en`);
    const csv = downloads.getByRole('link', { name: 'Progress figures, CSV' });
    const response = await page.request.get(`${baseUrl}${await csv.getAttribute('href')}`);
    expect(response.status()).toBe(200);
    expect((await response.text()).split(/\r?\n/)[0]).toMatch(/^year,/);
    const pdf = await page.request.get(`${baseUrl}/documents/progress/${slug}/${facts.year}.pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    await expectAccessible(page, 'the progress page');
  });

  test('[PROGRESS]: a total followed to its reports: the list sums to the figure it explains', async () => {
    const facts = await progressFacts();
    const { page } = await newPage();
    await page.goto(progressPath);

    // The headline figure of the latest year, from the table beside the chart.
    const row = page
      .getByRole('table', { name: /Tonnes achieved by year/ })
      .locator('tr', { has: page.locator('th', { hasText: String(facts.year) }) });
    const link = row.getByRole('link', { name: mt(facts.achievedTonnes) });
    await expect(link.locator('data').getAttribute('value')).resolves.toBe(facts.achievedTonnes);
    await Promise.all([page.waitForURL(/\/progress\/reports\?/), link.click()]);
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({ year: String(facts.year), kind: facts.target.flow });
    await expect(shownTotal(page)).resolves.toEqual({ value: facts.achievedTonnes, text: mt(facts.achievedTonnes) });
    const reportCount = facts.byYear.find((y) => y.year === facts.year)?.reportCount ?? 0;
    await expect(textOf(page.locator('#list-heading'))).resolves.toBe(`${reportCount} reports`);
    await expectAccessible(page, 'the reports behind a figure');
    const tonnes = await listedTonnes(page);
    expect(tonnes).toHaveLength(reportCount);
    expect(sumTonnes(tonnes)).toBe(facts.achievedTonnes);

    // A working group's total, followed the same way.
    const packaging = facts.byWorkingGroup.find((g) => g.key === 'packaging');
    expect(packaging).toBeDefined();
    await page.goto(progressPath);
    const groups = page.getByRole('table', { name: /By working group/ });
    // Supply and uptake achieved stand side by side; the target's flow is the column that adds up to the headline.
    const groupLink = groups
      .locator('tr', { has: page.locator('th', { hasText: /^Packaging$/ }) })
      .locator('td.counts a');
    await expect(groupLink.locator('data').getAttribute('value')).resolves.toBe(packaging?.achievedTonnes);
    await Promise.all([page.waitForURL(/workingGroup=packaging/), groupLink.click()]);
    await expect(shownTotal(page).then((s) => s.value)).resolves.toBe(packaging?.achievedTonnes);
    expect(sumTonnes(await listedTonnes(page))).toBe(packaging?.achievedTonnes);

    // The pledges in no working group, and a kind of organisation, have their reports too.
    const followed = [
      {
        table: /By working group/,
        row: /^No working group$/,
        url: /workingGroup=NONE/,
        facts: facts.byWorkingGroup,
        key: 'NONE',
      },
      {
        table: /By kind of organisation/,
        row: /^Company$/,
        url: /organisationKind=COMPANY/,
        facts: facts.byOrganisationKind,
        key: 'COMPANY',
      },
    ];
    for (const { table, row: rowName, url: expectedUrl, facts: rows, key } of followed) {
      const expected = rows.find((r) => r.key === key)?.achievedTonnes;
      expect(expected).toBeDefined();
      await page.goto(progressPath);
      const rowLink = page
        .getByRole('table', { name: table })
        .locator('tr', { has: page.locator('th', { hasText: rowName }) })
        .locator('td.counts a');
      await expect(rowLink.locator('data').getAttribute('value')).resolves.toBe(expected);
      await Promise.all([page.waitForURL(expectedUrl), rowLink.click()]);
      await expect(shownTotal(page).then((s) => s.value)).resolves.toBe(expected);
    }

    // A value the portal cannot use is refused in words, not with GraphQL's.
    const refused = await page.goto(`${reportsPath}?polymer=PLA`);
    expect(refused?.status()).toBe(400);
    await expect(textOf(page.locator('main'))).resolves.toContain('“PLA” cannot be used to select reports');
  });

  test('[KEYBOARD]: from the navigation to a total and its reports, by keyboard alone', async () => {
    const facts = await progressFacts();
    const { page } = await newPage();
    await page.goto(home);
    const nav = page.getByRole('link', { name: 'Progress', exact: true });
    await tabTo(page, nav);
    await Promise.all([page.waitForURL(`**${progressPath}`), page.keyboard.press('Enter')]);

    // Tables scroll inside regions that take focus; the summary's link leads to the reports.
    const summaryLink = page.getByRole('link', { name: /validated reports behind/ });
    await tabTo(page, summaryLink);
    await expect(isFocused(summaryLink)).resolves.toBe(true);
    await Promise.all([page.waitForURL(/\/progress\/reports\?/), page.keyboard.press('Enter')]);
    await expect(shownTotal(page).then((s) => s.value)).resolves.toBe(facts.achievedTonnes);

    // The filter form, by keyboard: another year of the same flow.
    const earlier = facts.byYear.at(-2);
    expect(earlier).toBeDefined();
    const toggle = page.locator('summary', { hasText: 'Show the reports behind another figure' });
    await tabTo(page, toggle);
    await page.keyboard.press('Enter');
    const year = page.getByLabel('Year', { exact: true });
    await tabTo(page, year);
    // Type-ahead on a closed select, as a keyboard user chooses an option.
    await page.keyboard.type(String(earlier?.year));
    await tabTo(page, page.getByRole('button', { name: 'Show reports' }));
    await Promise.all([page.waitForURL(new RegExp(`year=${earlier?.year}`)), page.keyboard.press('Enter')]);
    await expect(shownTotal(page).then((s) => s.value)).resolves.toBe(earlier?.achievedTonnes);
  });

  test('[NO-JS]: without JavaScript the charts, the tables and the filter form all work', async () => {
    const facts = await progressFacts();
    const { page } = await newPage({ javaScriptEnabled: false, width: 375 });
    await page.goto(progressPath);
    await expect(page.locator('svg[role="img"]').count()).resolves.toBe(6);
    await expect(textOf(page.locator('#trajectory-sentence'))).resolves.toMatch(/^Based on \d+ reported years/);
    await expectNoSidewaysScroll(page, 'the progress page at 375 px without JavaScript');

    // A figure's reports come with the form closed; another figure is one choice away.
    const earlier = facts.byYear.at(-2);
    await page.goto(`${reportsPath}?year=${earlier?.year}&kind=${facts.target.flow}`);
    await expect(shownTotal(page).then((s) => s.value)).resolves.toBe(earlier?.achievedTonnes);
    await page.locator('summary', { hasText: 'Show the reports behind another figure' }).click();
    await page.getByLabel('Year', { exact: true }).selectOption(String(facts.year));
    await Promise.all([
      page.waitForURL(new RegExp(`year=${facts.year}`)),
      page.getByRole('button', { name: 'Show reports' }).click(),
    ]);
    await expect(shownTotal(page).then((s) => s.value)).resolves.toBe(facts.achievedTonnes);
  });

  test('[ACCESS]: the reporting dashboard sends the signed-out to log in and refuses all but the secretariat', async () => {
    const { context, page } = await newPage();
    await page.goto(reportingPath);
    expect(page.url()).toBe(`${baseUrl}/login?next=${encodeURIComponent(reportingPath)}`);
    await page.goto('/account/reports');
    expect(page.url()).toBe(`${baseUrl}/login?next=${encodeURIComponent('/account/reports')}`);

    await signInThroughApi(context, `${unique('mallory').replace(' ', '.')}@example.org`);
    const forbidden = await page.goto(reportingPath);
    expect(forbidden?.status()).toBe(403);
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
  });

  test('[REPORTING]: the secretariat opens a campaign, follows it, and validates, queries and reopens reports', async () => {
    const { context, page } = await newPage();
    await asSecretariat(context);
    await page.goto('/account');
    await Promise.all([
      page.waitForURL(`**${reportingPath}`),
      page.getByRole('link', { name: /^Reporting campaigns and validation of/ }).click(),
    ]);
    await expectAccessible(page, 'the reporting dashboard');

    // Open the 2025 campaign: a mistake first, said beside its field and in the summary.
    const hasCampaign = (
      await graphql<{ alliance: { reportingCampaigns: { year: number }[] } }>(
        'query ($slug: String!) { alliance(slug: $slug) { reportingCampaigns { year } } }',
        { slug },
      )
    ).data.alliance.reportingCampaigns.some((c) => c.year === 2025);
    expect(hasCampaign, 'the demo has no 2025 campaign yet').toBe(false);
    const form = page.locator('form', { has: page.getByRole('button', { name: 'Open the campaign' }) });
    await expect(form.getByLabel('Year reported on').inputValue()).resolves.toBe('2025');
    await form.getByLabel('Reminders, days before the deadline').fill('30, seven');
    await form.getByRole('button', { name: 'Open the campaign' }).click();
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    await expect(isFocused(summary)).resolves.toBe(true);
    await expect(textOf(summary)).resolves.toContain('Enter whole numbers of days');
    const reminders = page.getByLabel('Reminders, days before the deadline');
    await expect(reminders.getAttribute('aria-invalid')).resolves.toBe('true');
    await expectAccessible(page, 'the campaign form with an error');
    await reminders.fill('30, 7, 1');
    await page.getByLabel('Deadline', { exact: true }).fill(DEADLINE_2025);
    await Promise.all([
      page.waitForURL(/year=2025&opened=2025/),
      page.getByRole('button', { name: 'Open the campaign' }).click(),
    ]);
    await expect(textOf(page.getByRole('status'))).resolves.toContain('The reporting campaign for 2025 is open');

    // Its status: every organisation with an accepted pledge is expected, none has reported yet.
    const { data } = await graphql<{
      alliance: { reportingCampaign: { expectedOrganisations: number; reportedOrganisations: number } };
    }>(
      'query ($slug: String!) { alliance(slug: $slug) { reportingCampaign(year: 2025) { expectedOrganisations reportedOrganisations } } }',
      { slug },
      staffCookie,
    );
    const { expectedOrganisations, reportedOrganisations } = data.alliance.reportingCampaign;
    expect(expectedOrganisations).toBeGreaterThan(0);
    const campaign = page.getByRole('region', { name: 'The 2025 campaign' });
    const bar = campaign.getByRole('progressbar', { name: 'Organisations that reported for 2025' });
    await expect(bar.getAttribute('aria-valuetext')).resolves.toBe(
      `${reportedOrganisations} of ${expectedOrganisations} organisations reported for every accepted pledge`,
    );
    const missing = expectedOrganisations - reportedOrganisations;
    await expect(textOf(campaign.getByRole('heading', { level: 3, name: /have not reported/ }))).resolves.toBe(
      `${missing} organisations have not reported`,
    );
    await expect(campaign.locator('.missing li').count()).resolves.toBe(missing);
    const row = page.getByRole('table', { name: 'Reporting campaigns, newest first' }).locator('tbody tr').first();
    const cells = (await row.locator('th, td').allTextContents()).map((c) => c.trim());
    expect([cells[0], cells[2], cells[3]]).toEqual(['2025', 'Open', `0 of ${expectedOrganisations}`]);
    await expectAccessible(page, 'the dashboard with the new campaign');

    // The queue: validate the first report, query the second (a question is required).
    const before = await validationQueue(staffCookie);
    expect(before.length).toBeGreaterThanOrEqual(2);
    const [first, second] = before;
    if (!first || !second) throw new Error('queue too short');
    const queue = page.getByRole('region', { name: /reports? waits? for validation/ });
    await expect(textOf(queue.getByRole('heading', { level: 2 }))).resolves.toBe(
      `${before.length} reports wait for validation`,
    );
    await queue
      .getByRole('button', { name: `Validate the ${first.year} report of ${first.pledge.organisation.legalName}` })
      .first()
      .click();
    await page.getByRole('status').filter({ hasText: 'is validated' }).waitFor();
    await expect(textOf(page.getByRole('status').filter({ hasText: 'is validated' }))).resolves.toBe(
      `The report of ${first.pledge.organisation.legalName} is validated and counts in the figures.`,
    );
    const afterValidation = await validationQueue(staffCookie);
    expect(afterValidation.map((r) => r.id)).not.toContain(first.id);
    await expect(textOf(queue.getByRole('heading', { level: 2 }))).resolves.toBe(
      `${before.length - 1} reports wait for validation`,
    );

    const item = queue.getByRole('article', { name: second.pledge.organisation.legalName }).first();
    await item.locator('summary', { hasText: 'Ask a question' }).click();
    await item.getByRole('button', { name: 'Send the question' }).click();
    const question = item.getByLabel('Your question to the organisation');
    await page.waitForFunction(() => document.querySelector('[aria-invalid="true"]') !== null);
    await expect(question.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(textOf(item)).resolves.toContain('Enter the question for the organisation.');
    await expectAccessible(page, 'a question refused for being empty');
    await question.fill('Which audit certificate covers these tonnes?');
    await item.getByRole('button', { name: 'Send the question' }).click();
    await page.getByRole('status').filter({ hasText: 'Your question was sent' }).waitFor();
    const queried = (await validationQueue(staffCookie)).map((r) => r.id);
    expect(queried).not.toContain(second.id);

    // The year's queried and validated reports; reopening a validated one takes a reason.
    await page.goto(`${reportingPath}?year=${second.year}`);
    const queriedList = page.getByRole('region', { name: new RegExp(`^${second.year}: \\d+ queried reports? wait`) });
    await expect(textOf(queriedList)).resolves.toContain('Which audit certificate covers these tonnes?');
    const validated = page.getByRole('region', { name: new RegExp(`^${second.year}: \\d+ validated reports?`) });
    const reopen = validated.locator('details').first();
    const reopened = await reopen.locator('summary').getAttribute('aria-label');
    await reopen.locator('summary').click();
    await reopen.getByLabel('Why the report must change').fill('The certificate number does not match the audit body.');
    await expectAccessible(page, 'the dashboard with a reopening open');
    await reopen.getByRole('button', { name: 'Reopen the report' }).click();
    await page.getByRole('status').filter({ hasText: 'is reopened' }).waitFor();
    expect(reopened).toMatch(/^Reopen the \d{4} report of /);
  });

  test('[REPORTING]: a representative reports, corrects, answers the query, and the validated report counts', async () => {
    const { context: staffContext, page: staff } = await newPage();
    await asSecretariat(staffContext);
    await ensureCampaign2025(staffCookie);
    const { context, page } = await newPage();
    const rep = await seedRepresentative(context, staffCookie);

    // The account shows the organisation's reporting status and leads to its reports.
    await page.goto('/account');
    await expect(textOf(page.locator('.reporting-status'))).resolves.toBe('Reporting status: New');
    await Promise.all([
      page.waitForURL('**/account/reports'),
      page.getByRole('link', { name: 'Report progress on your pledges' }).click(),
    ]);
    await expectAccessible(page, 'the reports page of a representative');
    const pledge = page.getByRole('article', { name: 'Supply · PET · Packaging' });
    await expect(textOf(pledge)).resolves.toContain('Not reported for 2025 yet');

    // Nothing typed: the summary says so and leads to the field.
    await pledge.getByRole('button', { name: 'Send the report' }).click();
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    await expect(isFocused(summary)).resolves.toBe(true);
    await summary.getByRole('link', { name: 'Enter the tonnes achieved.' }).click();
    const tonnes = pledge.getByLabel('Tonnes achieved in 2025');
    await expect(isFocused(tonnes)).resolves.toBe(true);
    await expectAccessible(page, 'the report form with an error');

    await tonnes.fill('1250.5');
    await pledge.getByLabel(/Certification scheme/).fill('RecyClass');
    await expect(
      pledge.locator('datalist option').evaluateAll((options) => options.map((o) => o.getAttribute('value'))),
    ).resolves.toEqual(['RecyClass', 'EuCertPlast', 'EN 15343']);
    await pledge.getByLabel(/Certificate number/).fill('RCS-2025-00042');
    await pledge.getByLabel(/Auditor/).fill('Veritrace Audit GmbH');
    await pledge.getByLabel(/Evidence file \(PDF\)/).setInputFiles({
      name: 'recyclass-certificate.pdf',
      mimeType: 'application/pdf',
      buffer: CERTIFICATE,
    });
    await Promise.all([page.waitForURL(/submitted=/), pledge.getByRole('button', { name: 'Send the report' }).click()]);
    await expect(textOf(page.getByRole('status'))).resolves.toContain('Your report is sent');
    // The file went with the figures: the report links to the very bytes sent.
    const evidence = pledge.getByRole('link', { name: 'Download the evidence (PDF)' });
    const evidenceHref = (await evidence.getAttribute('href')) ?? '';
    const served = await context.request.get(evidenceHref);
    expect(Buffer.from(await served.body()).equals(CERTIFICATE)).toBe(true);
    await expectAccessible(page, 'a submitted report with its evidence and the form to replace it');
    await expect(textOf(pledge)).resolves.toContain("Submitted: waiting for the secretariat's validation");
    await expect(textOf(pledge)).resolves.toContain('1,250.5 t');

    // Before validation it can be corrected; the correction replaces it.
    await pledge.locator('summary', { hasText: 'Correct this report' }).click();
    await pledge.getByLabel('Tonnes achieved in 2025').fill('1300');
    await pledge.getByRole('button', { name: 'Send the corrected report' }).click();
    await pledge.getByText('Revision 2').waitFor();
    const reportId = (
      await graphql<{ alliance: { pledge: { reports: { id: string; year: number }[] } } }>(
        'query ($slug: String!, $id: ID!) { alliance(slug: $slug) { pledge(id: $id) { reports { id year } } } }',
        { slug, id: rep.pledgeId },
        rep.cookie,
      )
    ).data.alliance.pledge.reports.find((r) => r.year === 2025)?.id;
    if (!reportId) throw new Error('no 2025 report');
    await expect(reportStatus(reportId, staffCookie)).resolves.toMatchObject({ status: 'SUBMITTED', revision: 2 });

    // The secretariat queries it from the queue, once the page is hydrated (its live queue mounted): a question typed
    // and sent while the page was still starting did not always arrive (twice in eight full runs, never alone).
    await staff.goto(reportingPath);
    await staff.locator('[data-live-announcer]').waitFor({ state: 'attached' });
    const item = staff.getByRole('article', { name: rep.organisation });
    await expect(item.getByRole('link', { name: 'Download the evidence (PDF)' }).getAttribute('href')).resolves.toBe(
      evidenceHref,
    );
    await item.locator('summary', { hasText: 'Ask a question' }).click();
    await item.getByLabel('Your question to the organisation').fill('Does the figure include the pre-consumer scrap?');
    await item.getByRole('button', { name: 'Send the question' }).click();
    await staff.getByRole('status').filter({ hasText: 'Your question was sent' }).waitFor();

    // The representative answers, by keyboard, with a corrected figure.
    await page.goto('/account/reports');
    await expect(textOf(pledge)).resolves.toContain('Does the figure include the pre-consumer scrap?');
    await expect(textOf(pledge)).resolves.toContain('Queried: the secretariat has a question');
    const answer = pledge.getByLabel('Your answer');
    await tabTo(page, answer);
    await page.keyboard.type('It did; without the scrap the figure is 1,280 t.');
    await tabTo(page, pledge.getByLabel(/Corrected tonnes for 2025/));
    await page.keyboard.type('1280');
    await tabTo(page, pledge.getByRole('button', { name: 'Send the answer' }));
    await Promise.all([page.waitForURL(/answered=/), page.keyboard.press('Enter')]);
    await expect(textOf(page.getByRole('status'))).resolves.toContain('Your answer is sent');
    await expect(reportStatus(reportId, staffCookie)).resolves.toMatchObject({
      status: 'SUBMITTED',
      tonnesAchieved: '1280.000',
    });

    // Validated, it counts: the public reports of 2025 supply are exactly this one.
    await staff.goto(reportingPath);
    await staff.locator('[data-live-announcer]').waitFor({ state: 'attached' });
    await staff.getByRole('button', { name: `Validate the 2025 report of ${rep.organisation}` }).click();
    await staff.getByRole('status').filter({ hasText: 'is validated' }).waitFor();
    await page.goto('/account/reports');
    await expect(textOf(pledge)).resolves.toContain('Validated: counted in the figures');
    await expect(pledge.getByRole('button').count()).resolves.toBe(0);
    await page.goto(`${reportsPath}?year=2025&kind=SUPPLY`);
    await expect(shownTotal(page)).resolves.toEqual({ value: '1280.000', text: '1.3 kt' });
    await expect(textOf(page.locator('table.reports tbody'))).resolves.toContain(rep.organisation);
    // Its evidence is public with it: the row links to the file the representative sent.
    const row = page.locator('table.reports tbody tr', { hasText: rep.organisation });
    await expect(row.getByRole('link', { name: 'Evidence file (PDF)' }).getAttribute('href')).resolves.toBe(
      evidenceHref,
    );
  });

  test.each(['fr', 'de'])('[LANGUAGES]: a representative reports progress in %s', async (lang) => {
    // The English journey above has every branch; here the same report, once, in each language: every label looked
    // up in the catalogue (a page still in English fails the lookup), and axe on the page it ends on.
    const say = sayIn(lang);
    await ensureCampaign2025(staffCookie);
    const { context, page } = await newPage();
    await seedRepresentative(context, staffCookie);
    await page.goto(`/${lang}/account`);
    await Promise.all([
      page.waitForURL(`**/${lang}/account/reports`),
      page.getByRole('link', { name: say('reporting_account_link') }).click(),
    ]);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe(lang);
    const pledge = page.locator('main article').filter({ hasText: 'PET' });
    await expect(textOf(pledge)).resolves.toContain(say('reporting_not_reported', { year: 2025 }));
    await pledge.getByRole('button', { name: say('reporting_form_submit') }).click();
    await page.locator('.error-summary').waitFor();
    await expect(textOf(page.locator('.error-summary'))).resolves.toContain(say('reporting_form_tonnes_required'));
    await pledge.getByLabel(say('reporting_form_tonnes', { year: 2025 })).fill('1250.5');
    await pledge.getByLabel(new RegExp(say('reporting_form_scheme'))).fill('RecyClass');
    await pledge.getByLabel(new RegExp(say('reporting_form_certificate'))).fill('RCS-2025-00043');
    await Promise.all([
      page.waitForURL(new RegExp(`/${lang}/account/reports\\?submitted=`)),
      pledge.getByRole('button', { name: say('reporting_form_submit') }).click(),
    ]);
    await expect(textOf(page.getByRole('status'))).resolves.toContain(say('reporting_submitted_notice'));
    // The tonnes as the language writes them: 1 250,5 t in French, 1.250,5 t in German.
    await expect(textOf(pledge)).resolves.toMatch(lang === 'fr' ? /1\s250,5\st/ : /1\.250,5\st/);
    await expectAccessible(page, `a submitted report (${lang})`);
  });

  test('[NO-JS]: without JavaScript the secretariat queries a report and a representative reports', async () => {
    const { context: staffContext, page: staff } = await newPage({ javaScriptEnabled: false });
    await asSecretariat(staffContext);
    await ensureCampaign2025(staffCookie);
    const [waiting] = await validationQueue(staffCookie);
    if (!waiting) throw new Error('the queue is empty');
    await staff.goto(reportingPath);
    const item = staff.getByRole('article', { name: waiting.pledge.organisation.legalName }).first();
    await item.locator('summary', { hasText: 'Ask a question' }).click();
    await item.getByLabel('Your question to the organisation').fill('Please attach the audit certificate.');
    await item.getByRole('button', { name: 'Send the question' }).click();
    await staff.getByRole('status').filter({ hasText: 'Your question was sent' }).waitFor();
    expect((await validationQueue(staffCookie)).map((r) => r.id)).not.toContain(waiting.id);

    const { context, page } = await newPage({ javaScriptEnabled: false, width: 375 });
    await seedRepresentative(context, staffCookie);
    await page.goto('/account/reports');
    const pledge = page.getByRole('article', { name: 'Supply · PET · Packaging' });
    await pledge.getByLabel('Tonnes achieved in 2025').fill('12 500.25');
    await Promise.all([page.waitForURL(/submitted=/), pledge.getByRole('button', { name: 'Send the report' }).click()]);
    await expect(textOf(pledge)).resolves.toContain('12,500.25 t');
    await expect(textOf(pledge)).resolves.toMatch(/Evidence file\s*None attached/);

    // The evidence follows on its own form: a file that is not a PDF is refused beside the field, a PDF is taken.
    const attach = pledge.getByLabel(/Attach an evidence file \(PDF\)/);
    await attach.setInputFiles({ name: 'certificate.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html>') });
    await pledge.getByRole('button', { name: 'Attach the file' }).click();
    await page.locator('.error-summary').getByText('The evidence must be a PDF file.').waitFor();
    await expect(attach.getAttribute('aria-invalid')).resolves.toBe('true');
    await pledge.getByLabel(/Attach an evidence file \(PDF\)/).setInputFiles({
      name: 'certificate.pdf',
      mimeType: 'application/pdf',
      buffer: CERTIFICATE,
    });
    await Promise.all([
      page.waitForURL(/evidence=attached/),
      pledge.getByRole('button', { name: 'Attach the file' }).click(),
    ]);
    await expect(textOf(page.getByRole('status'))).resolves.toContain('The evidence file is attached to your report.');
    await pledge.getByRole('link', { name: 'Download the evidence (PDF)' }).waitFor();
    await expect(pledge.getByLabel(/Replace the evidence file \(PDF\)/).count()).resolves.toBeGreaterThan(0);
    await expectNoSidewaysScroll(page, 'the reports page at 375 px without JavaScript');
  });

  // Axe on a long page takes a few seconds: ten pages at one width make a test of their own.
  for (const width of [1280, 375]) {
    test(`[A11Y]: axe finds nothing on any progress or reporting page at ${width} px`, {
      timeout: 180_000,
    }, async () => {
      const facts = await progressFacts();
      const { context, page } = await newPage({ width });
      await asSecretariat(context);
      const pages = [
        progressPath,
        `${reportsPath}?year=${facts.year}&kind=${facts.target.flow}`,
        `${reportsPath}?year=${facts.year}&country=DE`,
        `${home}/signatories`,
        home,
        '/open-data',
        reportingPath,
        `${reportingPath}?year=2023`,
        '/account',
        '/account/reports',
      ];
      for (const path of pages) {
        const response = await page.goto(path);
        expect(response?.status(), `${path} at ${width}px`).toBe(200);
        await expectAccessible(page, `${path} at ${width}px`);
      }
      // The register says each signatory's reporting status in words.
      await page.goto(`${home}/signatories`);
      const statuses = await page.locator('.register tbody td[data-label="Reporting"]').allTextContents();
      expect(statuses.length).toBeGreaterThan(0);
      for (const status of statuses) expect(status.trim()).toMatch(/^(New|Reporting|Not reporting|Inactive)$/);
    });
  }
});

/** The open-data page documents each file, and the footer leads to it. */
describe.skipIf(Boolean(skipReason))('open data', () => {
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    browser = await launch();
    context = await browser.newContext({ baseURL: baseUrl });
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  test('[OPEN-DATA]: every documented file downloads, and its fields are the file’s own', async () => {
    const page = await context.newPage();
    await page.goto(home);
    await Promise.all([page.waitForURL('**/open-data'), page.getByRole('link', { name: /^Open data/ }).click()]);
    for (const [file, heading] of [
      ['progress', 'Progress figures'],
      ['signatories', 'Signatories'],
      ['pledges', 'Accepted pledges'],
    ] as const) {
      const documented = await page
        .getByRole('region', { name: heading, exact: true })
        .locator('tbody tr')
        .evaluateAll((rows) =>
          rows.map((row) => ({
            name: row.querySelector('th code')?.textContent ?? '',
            isJsonOnly: (row.querySelector('th')?.textContent ?? '').includes('JSON only'),
          })),
        );
      const inEveryFormat = documented.filter((f) => !f.isJsonOnly).map((f) => f.name);
      const csv = await page.request.get(`${baseUrl}/exports/${file}.csv?alliance=${slug}`);
      expect(csv.status(), `${file}.csv`).toBe(200);
      const header = (await csv.text()).split(/\r?\n/)[0]?.split(',') ?? [];
      // The progress CSV holds the first of its two tables; the others hold all their columns, in order.
      expect(header, `${file}.csv`).toEqual(
        file === 'progress' ? inEveryFormat.slice(0, header.length) : inEveryFormat,
      );

      const json = await page.request.get(`${baseUrl}/exports/${file}.json?alliance=${slug}`);
      expect(json.status(), `${file}.json`).toBe(200);
      const body = (await json.json()) as Record<string, unknown>[] | Record<string, Record<string, unknown>[]>;
      const first = Array.isArray(body) ? body[0] : body.years?.[0];
      const keys = Object.keys(first ?? {});
      expect(keys, `${file}.json`).toEqual(
        file === 'progress' ? documented.map((f) => f.name).slice(0, keys.length) : documented.map((f) => f.name),
      );
      const xlsx = await page.request.get(`${baseUrl}/exports/${file}.xlsx?alliance=${slug}`);
      expect(xlsx.status(), `${file}.xlsx`).toBe(200);
    }
    await expectAccessible(page, 'the open-data page');
  });
});
