import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tinyPdf } from '../../services/documents/src/tiny-pdf.ts';
import { baseUrl, launch, skipReason } from './browser.ts';
import {
  expectAccessible,
  expectNoSidewaysScroll,
  graphql,
  isFocused,
  linkIn,
  nextMail,
  openPage,
  type PageOptions,
  SECRETARIAT,
  seedSignature,
  seenMail,
  signInThroughApi,
  slug,
  tabTo,
  textOf,
  typeInto,
  unique,
} from './journey.ts';

/**
 * Pledges and working groups as people use them: a signatory drafts a pledge with its signed statement,
 * submits it, changes it when the chair asks, amends it once accepted and withdraws another; a chair joins
 * a group, reviews the group's pledges and removes a member; the public sees the register, the group's
 * totals and who is missing. In Chromium with axe on every page, by keyboard alone, and without JavaScript.
 *
 * Seeded through the API: two new organisations with active signatures (the pledger's and the chair's); the
 * chair's joins a group and the secretariat makes it co-chair (`appointChair`), as no demo chair's e-mail
 * address can be read from the API. Each test can run on its own (`-t`).
 */

const home = `/alliances/${slug}`;
const registerPath = `${home}/pledges`;
const reviewPath = `${home}/pledge-review`;
const GROUP = 'agriculture';
const groupPath = `${home}/working-groups/${GROUP}`;
const GROUP_NAME = 'Agriculture';

/** A minimal well-formed PDF (the API parses every upload); the register keeps its SHA-256. */
const statementPdf = (label: string) => ({
  name: 'pledge-statement.pdf',
  mimeType: 'application/pdf',
  buffer: tinyPdf(label),
});

interface Signatory {
  email: string;
  cookie: string;
  organisationId: string;
  signatureId: string;
  name: string;
}

describe.skipIf(Boolean(skipReason))('pledges', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let staffCookie: string;
  let pledger: Signatory;
  let chair: Signatory;
  let groupId: string;

  const newPage = (options: PageOptions = {}) => openPage(browser, contexts, { height: 900, ...options });

  /** A new person and organisation whose signature the secretariat has approved: it may pledge and join. */
  async function activeSignatory(prefix: string, legalName: string): Promise<Signatory> {
    const { context } = await newPage();
    const email = `${unique(prefix).replace(' ', '.')}@example.org`;
    const seen = await seenMail(email);
    const cookie = await signInThroughApi(context, email);
    const { organisationId, signatureId } = await seedSignature(cookie, legalName);
    const mail = await nextMail(email, /confirm/i, seen);
    const token = new URL(linkIn(mail, '/signatures/confirm')).searchParams.get('token');
    await graphql('mutation ($token: String!) { confirmSignature(token: $token) { id } }', { token });
    await graphql('mutation ($id: ID!) { approveSignature(id: $id) { id } }', { id: signatureId }, staffCookie);
    await context.close();
    return { email, cookie, organisationId, signatureId, name: legalName };
  }

  async function draftThroughApi(who: Signatory, pledge: Record<string, unknown>): Promise<string> {
    const { data } = await graphql<{ draftPledge: { id: string } }>(
      'mutation ($input: DraftPledgeInput!) { draftPledge(input: $input) { id } }',
      { input: { allianceSlug: slug, organisationId: who.organisationId, pledge } },
      who.cookie,
    );
    return data.draftPledge.id;
  }

  /** Makes the organisation a member of GROUP (as it must be to pledge there), whether or not it was. */
  async function joinGroup(who: Signatory): Promise<void> {
    await graphql(
      'mutation ($g: ID!, $o: ID!) { joinWorkingGroup(workingGroupId: $g, organisationId: $o) { role } }',
      { g: groupId, o: who.organisationId },
      who.cookie,
    ).catch((error: Error) => expect(error.message).toContain('CONFLICT'));
  }

  /** Takes the organisation out of GROUP, whether or not it was in. */
  async function leaveGroup(who: Signatory): Promise<void> {
    await graphql(
      'mutation ($g: ID!, $o: ID!) { leaveWorkingGroup(workingGroupId: $g, organisationId: $o) }',
      { g: groupId, o: who.organisationId },
      who.cookie,
    ).catch(() => undefined);
  }

  const pledgeIdOf = (page: Page) => new URL(page.url()).pathname.split('/')[3] ?? '';
  const notice = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text });

  beforeAll(async () => {
    browser = await launch();
    const { context: staff } = await newPage();
    staffCookie = await signInThroughApi(staff, SECRETARIAT);
    [pledger, chair] = await Promise.all([
      activeSignatory('pia', unique('Agrofilm Recycling')),
      activeSignatory('carl', unique('Landbouwfolie Kring')),
    ]);
    const { data } = await graphql<{ alliance: { workingGroup: { id: string } } }>(
      'query ($slug: String!, $group: String!) { alliance(slug: $slug) { workingGroup(slug: $group) { id } } }',
      { slug, group: GROUP },
    );
    groupId = data.alliance.workingGroup.id;
    // The chair's organisation joins the group and the secretariat makes it co-chair: it reviews the group's pledges.
    await graphql(
      'mutation ($g: ID!, $o: ID!) { joinWorkingGroup(workingGroupId: $g, organisationId: $o) { role } }',
      { g: groupId, o: chair.organisationId },
      chair.cookie,
    );
    const chairPerson = await graphql<{ me: { person: { id: string } } }>('{ me { person { id } } }', {}, chair.cookie);
    await graphql(
      'mutation ($g: ID!, $o: ID!, $p: ID!) { appointChair(workingGroupId: $g, organisationId: $o, personId: $p, role: CO_CHAIR) { role } }',
      { g: groupId, o: chair.organisationId, p: chairPerson.data.me.person.id },
      staffCookie,
    );
  });

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await browser?.close();
  });

  test("[WORKING-GROUP]: a group's page says who is missing; a signatory joins and leaves; a co-chair may remove members", async () => {
    const { page } = await newPage({ cookie: pledger.cookie });
    await page.goto(`${home}/working-groups`);
    await Promise.all([
      page.waitForURL(`**${groupPath}`),
      page.getByRole('link', { name: GROUP_NAME, exact: true }).click(),
    ]);
    await expectAccessible(page, "a working group's page");
    await expect(textOf(page.getByRole('region', { name: 'Who is missing' }))).resolves.toMatch(/no member from/);
    await expect(
      page.getByRole('table', { name: /Accepted pledges of the group by polymer/ }).isVisible(),
    ).resolves.toBe(true);
    await expect(page.getByRole('img', { name: /Bar chart of supply and uptake/ }).isVisible()).resolves.toBe(true);
    await expect(textOf(page.getByRole('region', { name: 'Chairs' }))).resolves.toContain(`${chair.name} (Co-chair, `);
    // Members see no way to remove others.
    await expect(page.getByRole('link', { name: /^Remove… / }).count()).resolves.toBe(0);

    await page.getByRole('button', { name: `Join ${GROUP_NAME} for ${pledger.name}` }).click();
    await notice(page, `${pledger.name} has joined the ${GROUP_NAME} working group.`).waitFor();
    await expect(textOf(page.getByRole('table', { name: 'Members of the working group' }))).resolves.toContain(
      pledger.name,
    );
    await expectAccessible(page, 'a working group after joining');
    await page.getByRole('button', { name: `Take ${pledger.name} out of this group` }).click();
    await notice(page, `${pledger.name} has left the ${GROUP_NAME} working group.`).waitFor();
    await expect(
      page.getByRole('button', { name: `Join ${GROUP_NAME} for ${pledger.name}` }).isVisible(),
    ).resolves.toBe(true);

    // The co-chair may remove members, never the chair.
    const { page: chairPage } = await newPage({ cookie: chair.cookie });
    await chairPage.goto(groupPath);
    const removable = await chairPage.getByRole('link', { name: /^Remove… / }).count();
    const members = await chairPage
      .getByRole('table', { name: 'Members of the working group' })
      .locator('tbody tr')
      .count();
    expect(removable).toBe(members - 1);
    await expectAccessible(chairPage, 'a working group as its co-chair');
  });

  test('[PLEDGES]: draft with a statement, submit, changes requested, accepted, amended; in the register and the totals', async () => {
    const { page } = await newPage({ cookie: pledger.cookie });
    const { page: chairPage } = await newPage({ cookie: chair.cookie });
    const { page: staffPage } = await newPage({ cookie: staffCookie });
    // A pledge is made in a group of one's own (its chair reviews it).
    await joinGroup(pledger);

    // Drafting: first with nothing filled in, then with everything, the signed statement attached.
    await page.goto('/account');
    await Promise.all([
      page.waitForURL('**/account/pledges'),
      page.getByRole('link', { name: /Your organisations’ pledges/ }).click(),
    ]);
    await expect(textOf(page.locator('main'))).resolves.toContain(`${pledger.name} has no pledge yet.`);
    await expectAccessible(page, 'the account pledges without any');
    await Promise.all([
      page.waitForURL(/\/account\/pledges\/new\?/),
      page.getByRole('link', { name: `Draft a pledge for ${pledger.name}` }).click(),
    ]);
    await expectAccessible(page, 'the pledge form');
    await page.getByRole('button', { name: 'Save the draft' }).click();
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    await expect(isFocused(summary)).resolves.toBe(true);
    await expect(summary.getByRole('link').count()).resolves.toBe(5);
    await expectAccessible(page, 'the pledge form with errors');

    await page.getByLabel('Supply', { exact: true }).check();
    await page.getByLabel('Polymer').selectOption('LDPE');
    await page.getByLabel('Application sector').selectOption('AGRICULTURE');
    await page.getByLabel('Tonnes a year').fill('1,234.5');
    await page.getByLabel('Target year').fill('2027');
    await page.getByLabel('Conditions').fill('As long as farm films are collected separately.');
    await page.getByLabel('Working group').selectOption(GROUP);
    await page.getByLabel(/Signed pledge statement/).setInputFiles(statementPdf('draft'));
    await Promise.all([
      page.waitForURL(/\/account\/pledges\/[^/]+\?done=drafted$/),
      page.getByRole('button', { name: 'Save the draft' }).click(),
    ]);
    const pledgeId = pledgeIdOf(page);
    await notice(page, 'The draft is saved').waitFor();
    await expect(page.getByRole('link', { name: 'Signed statement of version 1 (PDF)' }).count()).resolves.toBe(2);
    await expect(textOf(page.locator('main'))).resolves.toContain(
      `the chair of the ${GROUP_NAME} working group reviews it`,
    );
    await expectAccessible(page, 'a draft pledge');
    // A draft is private: the public gets a 404.
    const { page: anonymous } = await newPage();
    expect((await anonymous.goto(`${registerPath}/${pledgeId}`))?.status()).toBe(404);
    // Its 404 page leads back to the register, without the register's filter form.
    await expect(anonymous.getByRole('link', { name: 'Back to the pledge register' }).count()).resolves.toBe(1);
    await expect(anonymous.locator('main form').count()).resolves.toBe(0);
    await expectAccessible(anonymous, 'the 404 page of a pledge');

    await page.getByRole('button', { name: 'Submit for review' }).click();
    await notice(page, 'The pledge is submitted for review').waitFor();
    await expect(textOf(page.locator('main'))).resolves.toContain('Waiting for review');

    // The co-chair asks for changes: the comment is required.
    await chairPage.goto(reviewPath);
    await expectAccessible(chairPage, 'the pledge review queue');
    // The pledger's other pledges (drafted by the other tests) may wait too: this one is its LDPE pledge.
    const item = () => chairPage.getByRole('article', { name: pledger.name, exact: true }).filter({ hasText: 'LDPE' });
    await expect(textOf(item())).resolves.toContain('1,234.5 t');
    await item().getByLabel('Request changes').check();
    await item()
      .getByRole('button', { name: `Record the decision on the pledge of ${pledger.name}` })
      .click();
    await chairPage.locator('.error-summary').waitFor();
    await expect(item().getByLabel('Comment to the organisation').getAttribute('aria-invalid')).resolves.toBe('true');
    await expectAccessible(chairPage, 'the review queue with an error');
    await item().getByLabel('Comment to the organisation').fill('Please add your 2018 baseline.');
    await item()
      .getByRole('button', { name: `Record the decision on the pledge of ${pledger.name}` })
      .click();
    await notice(chairPage, `Changes to the pledge of ${pledger.name} are requested`).waitFor();
    await expect(item().count()).resolves.toBe(0);

    // The pledger reads the comment, changes the draft and submits it again.
    await page.goto(`/account/pledges/${pledgeId}`);
    await expect(textOf(page.locator('main'))).resolves.toContain('Please add your 2018 baseline.');
    await Promise.all([page.waitForURL('**/edit'), page.getByRole('link', { name: 'Change the draft' }).click()]);
    await expect(page.getByLabel('Tonnes a year').inputValue()).resolves.toBe('1234.5');
    await expectAccessible(page, 'the form to change a draft');
    await page.getByLabel('Baseline tonnes').fill('400');
    await page.getByLabel('Baseline year').fill('2018');
    await Promise.all([
      page.waitForURL(/\?done=updated$/),
      page.getByRole('button', { name: 'Save the changes' }).click(),
    ]);
    await page.getByRole('button', { name: 'Submit for review again' }).click();
    await notice(page, 'The pledge is submitted for review').waitFor();

    // The co-chair accepts.
    await chairPage.goto(reviewPath);
    await expect(textOf(item())).resolves.toContain('400 t in 2018');
    await item().getByLabel('Accept', { exact: true }).check();
    await item()
      .getByRole('button', { name: `Record the decision on the pledge of ${pledger.name}` })
      .click();
    await notice(chairPage, `The pledge of ${pledger.name} is accepted`).waitFor();

    // In the public register, filtered, and in the download that carries the same filters.
    const { page: reader } = await newPage();
    await reader.goto(registerPath);
    await expectAccessible(reader, 'the pledge register');
    await reader.getByLabel('Working group').selectOption(GROUP);
    await reader.getByLabel('Polymer').selectOption('LDPE');
    await Promise.all([
      reader.waitForURL(/workingGroup=agriculture/),
      reader.getByRole('button', { name: 'Show pledges' }).click(),
    ]);
    const row = reader.getByRole('row').filter({ hasText: pledger.name });
    await expect(textOf(row)).resolves.toContain('1,234.5 t');
    await expect(textOf(reader.locator('#results-heading'))).resolves.toMatch(/^\d+ pledges? match(es)?$/);
    await expectAccessible(reader, 'the filtered pledge register');
    const csvHref = (await reader.getByRole('link', { name: 'CSV' }).getAttribute('href')) ?? '';
    expect(csvHref).toContain(`alliance=${slug}`);
    expect(csvHref).toContain('polymer=LDPE');
    expect(csvHref).toContain(`workingGroup=${GROUP}`);
    // The workbook's headings are in the page's language (docs/exports.md); the CSV keeps the field names alone.
    expect(await reader.getByRole('link', { name: 'Excel (XLSX)' }).getAttribute('href')).toBe(
      `${csvHref.replace('pledges.csv', 'pledges.xlsx')}&lang=en`,
    );
    const csv = await fetch(new URL(csvHref, baseUrl));
    expect(csv.status).toBe(200);
    await expect(csv.text()).resolves.toContain(pledger.name);

    // The group's page lists it and counts it in its totals.
    await reader.goto(groupPath);
    await expect(
      textOf(reader.getByRole('table', { name: `Accepted pledges of the ${GROUP_NAME} working group` })),
    ).resolves.toContain(pledger.name);

    // Amending: the accepted version stays in force until the amendment is accepted.
    await page.goto(`/account/pledges/${pledgeId}`);
    await Promise.all([page.waitForURL('**/amend'), page.getByRole('link', { name: 'Amend the pledge' }).click()]);
    await expect(textOf(page.locator('main'))).resolves.toContain('Version 1 stays in force while you amend it');
    await expectAccessible(page, 'the amendment form');
    await page.getByLabel('Tonnes a year').fill('2000');
    await Promise.all([
      page.waitForURL(/\?done=amended$/),
      page.getByRole('button', { name: 'Save the amendment' }).click(),
    ]);
    await page.getByRole('button', { name: 'Submit the amendment for review' }).click();
    await notice(page, 'The pledge is submitted for review').waitFor();
    await expect(textOf(page.locator('main'))).resolves.toContain('Version 1 stays in force');
    await expectAccessible(page, 'an accepted pledge with its amendment under review');
    await reader.goto(`${registerPath}/${pledgeId}`);
    await expect(textOf(reader.locator('main'))).resolves.toContain('1,234.5 t');
    await expect(textOf(reader.locator('main'))).resolves.not.toContain('2,000 t');
    await expectAccessible(reader, "a pledge's public page");

    // Both reviewers open the queue; the co-chair decides first. The secretariat's page drops the pledge as the
    // decision is made (it follows reviewQueueChanged); one opened without JavaScript is told so when it decides.
    const { page: staffStill } = await newPage({ cookie: staffCookie, javaScriptEnabled: false });
    await chairPage.goto(reviewPath);
    await staffPage.goto(reviewPath);
    await staffStill.goto(reviewPath);
    const comparison = item().getByRole('table', { name: /Figures in force and amendment/ });
    await expect(textOf(comparison.getByRole('row', { name: /Tonnes a year/ }))).resolves.toMatch(
      /^Tonnes a year\s*changed\s*1,234\.5 t\s*2,000 t$/,
    );
    await expectAccessible(chairPage, 'an amendment in the review queue');
    await item().getByLabel('Accept', { exact: true }).check();
    await item()
      .getByRole('button', { name: `Record the decision on the pledge of ${pledger.name}` })
      .click();
    await notice(chairPage, `The pledge of ${pledger.name} is accepted`).waitFor();
    const inQueue = (reviewer: Page) =>
      reviewer.getByRole('article', { name: pledger.name, exact: true }).filter({ hasText: 'LDPE' });
    await expect.poll(() => inQueue(staffPage).count(), { timeout: 10_000 }).toBe(0);
    await expectAccessible(staffPage, 'the review queue after another reviewer decided');
    await inQueue(staffStill).getByLabel('Accept', { exact: true }).check();
    await inQueue(staffStill)
      .getByRole('button', { name: `Record the decision on the pledge of ${pledger.name}` })
      .click();
    await staffStill.getByRole('heading', { name: 'Someone decided first' }).waitFor();
    await expect(textOf(staffStill.locator('.error-summary'))).resolves.toContain(
      `Another reviewer decided on the pledge of ${pledger.name}`,
    );

    await reader.reload();
    await expect(textOf(reader.locator('main'))).resolves.toContain('2,000 t');
    await expect(textOf(reader.locator('main'))).resolves.toContain('Replaced by a later version');
  }, 180_000);

  test('[KEYBOARD]: drafting, submitting, deciding and withdrawing by keyboard alone', async () => {
    await joinGroup(pledger);
    const { page } = await newPage({ cookie: pledger.cookie });
    const key = (k: string) => page.keyboard.press(k);

    await page.goto('/account/pledges');
    await tabTo(page, page.getByRole('link', { name: `Draft a pledge for ${pledger.name}` }));
    await Promise.all([page.waitForURL(/\/account\/pledges\/new/), key('Enter')]);
    await tabTo(page, page.getByLabel('Supply', { exact: true }));
    await key('Space');
    await tabTo(page, page.getByLabel('Polymer'));
    await page.keyboard.type('PET');
    await tabTo(page, page.getByLabel('Application sector'));
    await page.keyboard.type('Agri');
    await typeInto(page, page.getByLabel('Tonnes a year'), '750');
    // The year is left out: the summary takes focus and leads to the field.
    await tabTo(page, page.getByLabel('Working group'));
    await page.keyboard.type('Agri');
    await tabTo(page, page.getByRole('button', { name: 'Save the draft' }));
    await key('Enter');
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    await expect(isFocused(summary)).resolves.toBe(true);
    await tabTo(page, summary.getByRole('link', { name: 'Enter the target year.' }));
    await key('Enter');
    await expect(isFocused(page.getByLabel('Target year'))).resolves.toBe(true);
    await page.keyboard.type('2026');
    await expect(page.getByLabel('Polymer').inputValue()).resolves.toBe('PET');
    await tabTo(page, page.getByRole('button', { name: 'Save the draft' }));
    await Promise.all([page.waitForURL(/\?done=drafted$/), key('Enter')]);
    const pledgeId = pledgeIdOf(page);
    await tabTo(page, page.getByRole('button', { name: 'Submit for review' }));
    await key('Enter');
    await notice(page, 'The pledge is submitted for review').waitFor();

    // The co-chair requests changes by keyboard: arrow keys move within the decision's radios.
    const { page: chairPage } = await newPage({ cookie: chair.cookie });
    await chairPage.goto(reviewPath);
    const item = chairPage.getByRole('article', { name: pledger.name, exact: true }).filter({ hasText: '750 t' });
    await tabTo(chairPage, item.getByLabel('Accept', { exact: true }));
    await chairPage.keyboard.press('ArrowDown');
    await expect(item.getByLabel('Request changes').isChecked()).resolves.toBe(true);
    await typeInto(chairPage, item.getByLabel('Comment to the organisation'), 'Which PET grade?');
    await tabTo(chairPage, item.getByRole('button', { name: `Record the decision on the pledge of ${pledger.name}` }));
    await chairPage.keyboard.press('Enter');
    await notice(chairPage, `Changes to the pledge of ${pledger.name} are requested`).waitFor();

    // Withdrawing, with its confirmation step and its required reason.
    await page.goto(`/account/pledges/${pledgeId}`);
    await tabTo(page, page.getByRole('link', { name: 'Withdraw the pledge' }));
    await key('Enter');
    const heading = page.getByRole('heading', { name: `Withdraw the pledge of ${pledger.name}?` });
    await heading.waitFor();
    await expect(isFocused(heading)).resolves.toBe(true);
    await tabTo(page, page.getByRole('button', { name: 'Yes, withdraw the pledge' }));
    await key('Enter');
    await page.locator('#withdraw-reason[aria-invalid="true"]').waitFor();
    await typeInto(page, page.getByLabel('Reason'), 'The PET line closes.');
    await tabTo(page, page.getByRole('button', { name: 'Yes, withdraw the pledge' }));
    await Promise.all([page.waitForURL(/\?done=withdrawn$/), key('Enter')]);
    await notice(page, 'The pledge is withdrawn').waitFor();
    await expect(textOf(page.locator('main'))).resolves.toContain('The PET line closes.');
  }, 120_000);

  test('[NO-JS]: drafting with a statement, deciding, joining, leaving and removing work without JavaScript', async () => {
    await joinGroup(pledger);
    const { page } = await newPage({ cookie: pledger.cookie, javaScriptEnabled: false, width: 375 });
    await page.goto('/account/pledges/new');
    await page.getByLabel('Uptake', { exact: true }).check();
    await page.getByLabel('Polymer').selectOption('PP');
    await page.getByLabel('Application sector').selectOption('AGRICULTURE');
    await page.getByLabel('Tonnes a year').fill('1,5');
    await page.getByLabel('Target year').fill('2028');
    await page.getByLabel('Working group').selectOption(GROUP);
    await page.getByLabel(/Signed pledge statement/).setInputFiles(statementPdf('no-js'));
    await page.getByRole('button', { name: 'Save the draft' }).click();
    // An ambiguous decimal comma is refused, and what was typed stays.
    await expect(page.getByLabel('Tonnes a year').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByLabel('Target year').inputValue()).resolves.toBe('2028');
    await expect(page.getByLabel('Uptake', { exact: true }).isChecked()).resolves.toBe(true);
    await expectNoSidewaysScroll(page, 'the pledge form with an error on a phone');
    await page.getByLabel('Tonnes a year').fill('1.5');
    await page.getByLabel(/Signed pledge statement/).setInputFiles(statementPdf('no-js'));
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await page.waitForURL(/\?done=drafted$/);
    await expect(page.getByRole('link', { name: 'Signed statement of version 1 (PDF)' }).count()).resolves.toBe(2);
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await page.waitForURL(/\?done=submitted$/);
    await expectNoSidewaysScroll(page, 'a submitted pledge on a phone');

    const { page: chairPage } = await newPage({ cookie: chair.cookie, javaScriptEnabled: false, width: 375 });
    await chairPage.goto(`${reviewPath}?workingGroup=${GROUP}&kind=UPTAKE`);
    const item = () => chairPage.getByRole('article', { name: pledger.name, exact: true }).filter({ hasText: '1.5 t' });
    await item().getByLabel('Reject').check();
    await item()
      .getByRole('button', { name: `Record the decision on the pledge of ${pledger.name}` })
      .click();
    // The filter survives the post.
    expect(new URL(chairPage.url()).searchParams.get('workingGroup')).toBe(GROUP);
    await expect(item().getByLabel('Comment to the organisation').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(item().getByLabel('Reject').isChecked()).resolves.toBe(true);
    await item().getByLabel('Comment to the organisation').fill('PP film is not pledged by the tonne here.');
    await item()
      .getByRole('button', { name: `Record the decision on the pledge of ${pledger.name}` })
      .click();
    await expect(textOf(chairPage.getByRole('status'))).resolves.toContain(`The pledge of ${pledger.name} is rejected`);
    await expectNoSidewaysScroll(chairPage, 'the review queue on a phone');

    // Joining as an observer and leaving again (the pledger pledged in the group as a member until now).
    await leaveGroup(pledger);
    await page.goto(groupPath);
    await page.getByLabel('Observer').check();
    await page.getByRole('button', { name: `Join ${GROUP_NAME} for ${pledger.name}` }).click();
    await expect(textOf(page.getByRole('status'))).resolves.toContain(`${pledger.name} has joined`);
    await expect(textOf(page.locator('main'))).resolves.toContain(
      `${pledger.name} is in this group. Its role: Observer.`,
    );
    await page.getByRole('button', { name: `Take ${pledger.name} out of this group` }).click();
    await expect(textOf(page.getByRole('status'))).resolves.toContain(`${pledger.name} has left`);
    await page.getByRole('button', { name: `Join ${GROUP_NAME} for ${pledger.name}` }).click();

    // The co-chair removes the member: the reason is required.
    await chairPage.goto(groupPath);
    await chairPage.getByRole('link', { name: `Remove… ${pledger.name}` }).click();
    const confirm = chairPage.getByRole('group', {
      name: `Remove ${pledger.name} from the ${GROUP_NAME} working group?`,
    });
    await confirm.getByRole('button', { name: 'Yes, remove it' }).click();
    await expect(chairPage.getByLabel('Reason for removing').getAttribute('aria-invalid')).resolves.toBe('true');
    await chairPage.getByLabel('Reason for removing').fill('Joined the wrong group.');
    await chairPage.getByRole('button', { name: 'Yes, remove it' }).click();
    await expect(textOf(chairPage.getByRole('status'))).resolves.toContain(
      `${pledger.name} is no longer a member of the ${GROUP_NAME} working group`,
    );
    await expect(textOf(chairPage.getByRole('table', { name: 'Members of the working group' }))).resolves.not.toContain(
      pledger.name,
    );
    await expectNoSidewaysScroll(chairPage, "a working group's page on a phone");

    // The register's filter is a GET form.
    await page.goto(registerPath);
    await page.getByLabel('Kind of pledge').selectOption('UPTAKE');
    await page.getByRole('button', { name: 'Show pledges' }).click();
    expect(new URL(page.url()).searchParams.get('kind')).toBe('UPTAKE');
    await expect(textOf(page.locator('#results-heading'))).resolves.toMatch(/match/);
  }, 120_000);

  test('[ACCESS]: the review needs a chair or the secretariat; drafts and others’ pledges are private', async () => {
    const { page: anonymous } = await newPage();
    await anonymous.goto(reviewPath);
    expect(anonymous.url()).toBe(`${baseUrl}/login?next=${encodeURIComponent(reviewPath)}`);
    await anonymous.goto('/account/pledges');
    expect(anonymous.url()).toBe(`${baseUrl}/login?next=${encodeURIComponent('/account/pledges')}`);
    // A refused filter is said next to the form, not as a developer's message.
    const refused = await anonymous.goto(`${registerPath}?polymer=PAPER`);
    expect(refused?.status()).toBe(400);
    await expect(textOf(anonymous.locator('main'))).resolves.toContain('“PAPER” is not a polymer in the register.');
    await expect(anonymous.getByLabel('Polymer').getAttribute('aria-invalid')).resolves.toBe('true');
    await expectAccessible(anonymous, 'the register with a refused filter');

    // The pledger chairs nothing: the queue is not theirs to see.
    const { page } = await newPage({ cookie: pledger.cookie });
    const forbidden = await page.goto(reviewPath);
    expect(forbidden?.status()).toBe(403);
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    await expectAccessible(page, 'the 403 page of the pledge review');

    // Someone else's draft: not in the chair's account, and not public.
    const draftId = await draftThroughApi(pledger, {
      kind: 'SUPPLY',
      polymer: 'HDPE',
      sector: 'AGRICULTURE',
      tonnesPerYear: '10',
      targetYear: 2030,
    });
    const { page: chairPage } = await newPage({ cookie: chair.cookie });
    expect((await chairPage.goto(`/account/pledges/${draftId}`))?.status()).toBe(404);
    expect((await anonymous.goto(`${registerPath}/${draftId}`))?.status()).toBe(404);
    // The link in the API's e-mails to reviewers leads to the queue.
    await chairPage.goto(`${registerPath}/review`);
    expect(new URL(chairPage.url()).pathname).toBe(reviewPath);
  });

  test('[LAPSED]: a signatory that withdraws its signature sees its pledge lapse, and so does the public', async () => {
    const leaver = await activeSignatory('lena', unique('Lapsing Films'));
    const pledgeId = await draftThroughApi(leaver, {
      kind: 'UPTAKE',
      polymer: 'LDPE',
      sector: 'AGRICULTURE',
      tonnesPerYear: '75',
      targetYear: 2030,
    });
    await graphql('mutation ($id: ID!) { submitPledge(pledgeId: $id) { id } }', { id: pledgeId }, leaver.cookie);
    await graphql(
      'mutation ($id: ID!) { reviewPledge(pledgeId: $id, decision: ACCEPT) { id } }',
      { id: pledgeId },
      staffCookie,
    );
    await graphql(
      'mutation ($id: ID!, $reason: String) { withdrawSignature(id: $id, reason: $reason) { id } }',
      { id: leaver.signatureId, reason: 'Leaving the sector' },
      leaver.cookie,
    );

    const { page } = await newPage({ cookie: leaver.cookie });
    await page.goto('/account/pledges');
    await expect(textOf(page.locator('main'))).resolves.toContain('Lapsed');
    await page.goto(`/account/pledges/${pledgeId}`);
    await expect(textOf(page.locator('main'))).resolves.toMatch(
      /Lapsed on .*when your organisation withdrew its signature/,
    );
    await expect(page.getByRole('link', { name: /Amend/ }).count()).resolves.toBe(0);
    await expectAccessible(page, 'a lapsed pledge in the account');

    const { page: reader } = await newPage({ javaScriptEnabled: false });
    await reader.goto(`${registerPath}/${pledgeId}`);
    await expect(textOf(reader.locator('main'))).resolves.toMatch(/Lapsed on .*no longer counts in any total/);
    await page.goto(`${registerPath}/${pledgeId}`);
    await expectAccessible(page, 'a lapsed pledge in the public register');
  });

  test('[A11Y]: the pledge pages on a 375 px phone: axe finds nothing and nothing scrolls sideways', async () => {
    await joinGroup(pledger);
    const pledgeId = await draftThroughApi(pledger, {
      kind: 'UPTAKE',
      polymer: 'OTHER',
      sector: 'HOUSEHOLD_GOODS',
      tonnesPerYear: '12500.125',
      targetYear: 2029,
      baselineTonnes: '100',
      baselineYear: 2019,
      conditions: 'A condition that is long enough to wrap on a phone, and then some more words.',
      workingGroupSlug: GROUP,
    });
    // A member, so that the co-chair's confirmation step for removing it has someone to remove.
    await graphql(
      'mutation ($g: ID!, $o: ID!) { joinWorkingGroup(workingGroupId: $g, organisationId: $o) { role } }',
      { g: groupId, o: pledger.organisationId },
      pledger.cookie,
    ).catch(() => undefined); // already a member when an earlier test stopped half-way
    const { page } = await newPage({ cookie: pledger.cookie, width: 375 });
    const { page: chairPage } = await newPage({ cookie: chair.cookie, width: 375 });
    const pages: [Page, string][] = [
      [page, registerPath],
      [page, `${registerPath}?kind=SUPPLY&polymer=PET&sector=PACKAGING&country=DE`],
      [page, groupPath],
      [page, '/account/pledges'],
      [page, '/account/pledges/new'],
      [page, `/account/pledges/${pledgeId}`],
      [page, `/account/pledges/${pledgeId}?withdraw`],
      [page, `/account/pledges/${pledgeId}/edit`],
      [chairPage, `${groupPath}?remove=${pledger.organisationId}`],
    ];
    for (const [p, path] of pages) {
      const response = await p.goto(path);
      expect(response?.status(), path).toBe(200);
      await expectAccessible(p, `${path} at 375 px`);
    }
    // The last page is the co-chair's confirmation step for removing the pledger's organisation.
    await chairPage
      .getByRole('group', { name: `Remove ${pledger.name} from the ${GROUP_NAME} working group?` })
      .waitFor();
    await graphql('mutation ($id: ID!) { submitPledge(pledgeId: $id) { id } }', { id: pledgeId }, pledger.cookie);
    await chairPage.goto(reviewPath);
    await expectAccessible(chairPage, 'the review queue at 375 px');
  }, 120_000);
});
