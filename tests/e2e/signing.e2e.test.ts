import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { linkTargets } from '../../services/documents/test/pdf-tools.ts';
import { baseUrl, launch, skipReason } from './browser.ts';
import {
  expectAccessible,
  expectNoSidewaysScroll,
  isFocused,
  linkIn,
  nextMail,
  openPage,
  type PageOptions,
  SECRETARIAT,
  seededSignatory,
  seedSignature,
  seenMail,
  signatoryCount,
  signInThroughApi,
  slug,
  tabTo,
  textOf,
  typeInto,
  unique,
} from './journey.ts';

/**
 * The signing journey as people walk it: ask for a log-in link, open it from the development mailbox,
 * register an organisation, sign, confirm by e-mail; the secretariat approves; the certificate is
 * downloaded and verified. In Chromium with axe on every page, by keyboard alone, and without JavaScript.
 */

const home = `/alliances/${slug}`;
const signPath = `${home}/sign`;
const reviewPath = `${home}/review`;

describe.skipIf(Boolean(skipReason))('signing', () => {
  let browser: Browser;
  let downloads: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launch();
    downloads = await mkdtemp(join(tmpdir(), 'concord-downloads-'));
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    if (downloads) await rm(downloads, { recursive: true, force: true });
  });

  const newPage = (options: PageOptions = {}) => openPage(browser, contexts, { height: 900, ...options });

  /** Opens the newest unread e-mail to `to` on the development mailbox page, as a newcomer would. */
  async function openMailPage(page: Page, to: string, subject: RegExp, seen: Set<string>) {
    const message = await nextMail(to, subject, seen);
    await page.goto(`/dev/mailbox?to=${encodeURIComponent(to)}`);
    await expect(textOf(page.locator('main'))).resolves.toContain('nothing here was sent');
    await expectAccessible(page, 'the development mailbox');
    await Promise.all([
      page.waitForURL(`**/dev/mailbox/${message.id}`),
      // Several unread mails may share a subject (other files sign the same person in): click this one.
      page.locator(`a[href$="/dev/mailbox/${message.id}"]`).click(),
    ]);
    await expectAccessible(page, 'an e-mail in the development mailbox');
    return message;
  }

  test('[SIGNING]: register, sign, confirm, approve, download and verify the certificate', async () => {
    const email = `${unique('ada').replace(' ', '.')}@example.org`;
    const name = unique('Polyloop Recycling');
    const before = await signatoryCount();
    const { page } = await newPage();
    const seen = await seenMail(email);

    // The home page invites to sign; signing needs a session, so the log-in page comes first.
    await page.goto(home);
    await Promise.all([
      page.waitForURL(/\/login\?next=/),
      page.getByRole('link', { name: 'Sign the declaration' }).first().click(),
    ]);
    expect(new URL(page.url()).searchParams.get('next')).toBe(signPath);
    await expectAccessible(page, 'the log-in page');
    await page.getByLabel('E-mail address').fill(email);
    await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
    await page.getByRole('heading', { name: 'Check your e-mail' }).waitFor();
    await expectAccessible(page, 'the check-your-e-mail page');

    // The link comes from the development mailbox; the page it opens asks for a click (scanners don't spend it).
    const login = await openMailPage(page, email, /sign-in/i, seen);
    await Promise.all([
      page.waitForURL(/\/login\/verify\?token=/),
      page.getByRole('link', { name: linkIn(login, '/login/verify') }).click(),
    ]);
    await expectAccessible(page, 'the sign-in button page');
    await Promise.all([page.waitForURL(`**${signPath}`), page.getByRole('button', { name: 'Sign in' }).click()]);
    await expect(page.getByRole('button', { name: 'Sign out' }).isVisible()).resolves.toBe(true);
    await expectAccessible(page, 'the signing page without an organisation');

    // Register the organisation: first with nothing filled in, then a bad Transparency Register number.
    await Promise.all([
      page.waitForURL(/\/account\/organisations\/new/),
      page.getByRole('link', { name: 'Register your organisation first' }).click(),
    ]);
    await expectAccessible(page, 'the registration form');
    await page.getByRole('button', { name: 'Register the organisation' }).click();
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    await expect(isFocused(summary)).resolves.toBe(true);
    await expect(summary.getByRole('link').count()).resolves.toBe(6);
    await expect(page.getByLabel('Legal name').getAttribute('aria-invalid')).resolves.toBe('true');
    await expectAccessible(page, 'the registration form with errors');

    await page.getByLabel('Legal name').fill(name);
    await page.getByLabel('Country', { exact: true }).selectOption('DE');
    await page.getByLabel('Kind of organisation').selectOption('COMPANY');
    await page.getByLabel('SME').check();
    await page.getByLabel('Recycler').check();
    await page.getByLabel('Converter').check();
    await page.getByLabel('Website').fill('https://polyloop.example');
    await page.getByLabel('Registration number').fill(unique('HRB'));
    await page.getByLabel('EU Transparency Register number').fill('1234-5');
    await page.getByRole('button', { name: 'Register the organisation' }).click();
    const transparency = page.getByLabel('EU Transparency Register number');
    await page.waitForFunction(() => document.querySelectorAll('[aria-invalid="true"]').length === 1);
    await expect(transparency.getAttribute('aria-invalid')).resolves.toBe('true');
    const describedBy = (await transparency.getAttribute('aria-describedby')) ?? '';
    await expect(textOf(page.locator(`#${describedBy.split(' ').at(-1)}`))).resolves.toMatch(/9 to 12 digits/);
    // What was typed is still there.
    await expect(page.getByLabel('Legal name').inputValue()).resolves.toBe(name);
    await expect(page.getByLabel('Recycler').isChecked()).resolves.toBe(true);

    await transparency.fill('123456789012-34');
    await page.getByRole('button', { name: 'Register the organisation' }).click();
    await page.getByRole('heading', { name: `${name} is registered` }).waitFor();
    await expect(isFocused(page.getByRole('heading', { name: `${name} is registered` }))).resolves.toBe(true);
    await expectAccessible(page, 'the registration notice');
    await Promise.all([
      page.waitForURL(/\/sign\?organisation=/),
      page.getByRole('link', { name: 'Continue to sign the declaration' }).click(),
    ]);

    // Sign: the declaration in full, the organisation chosen, the box ticked.
    await expect(
      textOf(page.getByRole('region', { name: /Declaration of the Circular Plastics Alliance/ })),
    ).resolves.toContain('We, the signatories');
    await expect(
      page.getByLabel('Organisation', { exact: true }).locator('option:checked').textContent(),
    ).resolves.toContain(name);
    await page.getByLabel('Your full name').fill('Ada Lovelace');
    await page.getByLabel('Your job title').fill('Managing director');
    await page.getByRole('button', { name: 'Sign the declaration' }).click();
    await page.locator('.error-summary').waitFor();
    await expect(textOf(page.locator('.error-summary'))).resolves.toContain(
      'Confirm that you have read the declaration',
    );
    await expectAccessible(page, 'the signing form with an error');
    await page.getByLabel(/I have read the declaration/).check();
    await Promise.all([
      page.waitForURL(`**${signPath}/sent`),
      page.getByRole('button', { name: 'Sign the declaration' }).click(),
    ]);
    await expect(textOf(page.locator('main'))).resolves.toContain(email);
    await expectAccessible(page, 'the confirm-by-e-mail page');

    // Signing again for the same organisation is a conflict, said plainly.
    await page.goto(signPath);
    await page.getByLabel('Organisation', { exact: true }).selectOption({ label: `${name} (Germany)` });
    await page.getByLabel(/I have read the declaration/).check();
    await page.getByLabel('Your job title').fill('Managing director');
    await page.getByLabel('Your full name').fill('Ada Lovelace');
    await page.getByRole('button', { name: 'Sign the declaration' }).click();
    await page.getByRole('heading', { name: 'The declaration could not be signed' }).waitFor();
    await expect(textOf(page.locator('.error-summary'))).resolves.toContain('already signed');

    // Confirm from the e-mail.
    const confirmation = await openMailPage(page, email, /confirm/i, seen);
    await Promise.all([
      page.waitForURL(/\/signatures\/confirm\?token=/),
      page.getByRole('link', { name: linkIn(confirmation, '/signatures/confirm') }).click(),
    ]);
    await expectAccessible(page, 'the confirmation page');
    await page.getByRole('button', { name: 'Confirm the signature' }).click();
    await page.getByRole('heading', { name: 'Thank you: the signature is confirmed' }).waitFor();
    await expectAccessible(page, 'the confirmed page');
    await page.goto('/account');
    await expect(textOf(page.locator('main'))).resolves.toContain("Waiting for the secretariat's review");
    await expectAccessible(page, 'the account page');

    // Someone watching the home page sees the count grow when the secretariat approves.
    const { page: watcher } = await newPage();
    await watcher.goto(home);
    await watcher.waitForLoadState('networkidle');

    // The secretariat signs in through the same pages, and approves.
    const { page: staff } = await newPage();
    const staffSeen = await seenMail(SECRETARIAT);
    await staff.goto(`/login?next=${encodeURIComponent(reviewPath)}`);
    await staff.getByLabel('E-mail address').fill(SECRETARIAT);
    await staff.getByRole('button', { name: 'Send me a sign-in link' }).click();
    await staff.getByRole('heading', { name: 'Check your e-mail' }).waitFor();
    const staffLogin = await openMailPage(staff, SECRETARIAT, /sign-in/i, staffSeen);
    await staff.getByRole('link', { name: linkIn(staffLogin, '/login/verify') }).click();
    await Promise.all([staff.waitForURL(`**${reviewPath}`), staff.getByRole('button', { name: 'Sign in' }).click()]);
    await expectAccessible(staff, 'the review queue');
    await expect(textOf(staff.getByRole('article', { name, exact: true }))).resolves.toContain(
      'Ada Lovelace, Managing director',
    );
    await staff.getByRole('button', { name: `Approve the signature of ${name}` }).click();
    await staff
      .getByRole('status')
      .filter({ hasText: `The signature of ${name} is approved` })
      .waitFor();

    await watcher.waitForFunction(
      (organisation) => document.querySelector('[aria-live="polite"]')?.textContent?.includes(organisation),
      name,
    );
    await expect(textOf(watcher.locator('[aria-live="polite"]'))).resolves.toBe(
      `${name} has just joined: ${before + 1} signatories.`,
    );
    const counted = watcher.locator('dl div', { has: watcher.locator('dt', { hasText: 'Signatories' }) }).locator('dd');
    await expect(counted.textContent()).resolves.toBe(String(before + 1));

    // The certificate: downloaded from the account, then checked on /verify by choosing the file.
    // The certificate is rendered by a job just after the approval; the account says so until it is there.
    const certificate = page.getByRole('link', { name: 'Download the certificate (PDF)' });
    for (let attempt = 0; attempt < 40; attempt++) {
      await page.goto('/account');
      if ((await certificate.count()) > 0) break;
      await expect(textOf(page.locator('main'))).resolves.toContain('The certificate is being prepared');
      await page.waitForTimeout(250);
    }
    await expect(textOf(page.locator('main'))).resolves.toContain('Active since');
    const [download] = await Promise.all([page.waitForEvent('download'), certificate.click()]);
    const file = join(downloads, 'certificate.pdf');
    await download.saveAs(file);
    await page.goto('/verify');
    await expectAccessible(page, 'the verification page');
    await Promise.all([
      page.waitForURL(/\/verify\?sha256=[0-9a-f]{64}$/),
      page.getByLabel('Or choose the PDF to check').setInputFiles(file),
    ]);
    const result = page.getByRole('region', { name: 'Result' });
    await result.waitFor();
    await expect(textOf(result)).resolves.toContain('Genuine: Concord issued this document.');
    await expect(textOf(result)).resolves.toContain('Signature certificate');
    await expect(textOf(result)).resolves.toContain(name);
    await expect(textOf(result)).resolves.toContain('The signature this certificate attests is still active.');
    await expectAccessible(page, 'a verification result');
    const sha256 = new URL(page.url()).searchParams.get('sha256') ?? '';

    // Scanning the printed certificate opens the address of its QR code, which it also prints as a link: the
    // check of that very certificate, shown without JavaScript (a phone's camera opens it in any browser).
    const [link] = (await linkTargets(file)).filter((u) => u.includes('/verify'));
    const scanned = new URL(link ?? '');
    expect(scanned.searchParams.get('certificate')).toMatch(/^[0-9a-f-]{36}$/);
    const { page: phone } = await newPage({ javaScriptEnabled: false, width: 375 });
    await phone.goto(`${scanned.pathname}${scanned.search}`);
    const checked = phone.getByRole('region', { name: 'Result' });
    await expect(textOf(checked)).resolves.toContain('Genuine: Concord issued this document.');
    await expect(textOf(checked)).resolves.toContain(name);
    await expect(textOf(checked)).resolves.toContain('The signature this certificate attests is still active.');
    await expect(textOf(checked)).resolves.toContain(sha256);
    // axe runs in the page, so it checks the same address with JavaScript (without it, it would wait forever).
    await page.goto(`${scanned.pathname}${scanned.search}`);
    await expectAccessible(page, 'the check a certificate’s QR code opens');

    await Promise.all([page.waitForURL(`**${home}`), page.getByRole('button', { name: 'Sign out' }).click()]);
    await expect(page.getByRole('link', { name: 'Sign in' }).isVisible()).resolves.toBe(true);
    await page.goto('/account');
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  test('[SIGNING]: the journey by keyboard alone', async () => {
    const email = `${unique('grace').replace(' ', '.')}@example.org`;
    const name = unique('Keyboard Plastics');
    const { page } = await newPage();
    const seen = await seenMail(email);
    const key = (k: string) => page.keyboard.press(k);

    await page.goto(home);
    await tabTo(page, page.getByRole('link', { name: 'Sign the declaration' }).first());
    await Promise.all([page.waitForURL(/\/login/), key('Enter')]);
    await typeInto(page, page.getByLabel('E-mail address'), email);
    await key('Enter');
    await page.getByRole('heading', { name: 'Check your e-mail' }).waitFor();
    await expect(isFocused(page.getByRole('heading', { name: 'Check your e-mail' }))).resolves.toBe(true);

    await tabTo(page, page.getByRole('link', { name: 'Open the development mailbox' }));
    await Promise.all([page.waitForURL(/\/dev\/mailbox\?to=/), key('Enter')]);
    const login = await nextMail(email, /sign-in/i, seen);
    await page.reload();
    await tabTo(page, page.getByRole('link', { name: login.subject }));
    await Promise.all([page.waitForURL(`**/dev/mailbox/${login.id}`), key('Enter')]);
    await tabTo(page, page.getByRole('link', { name: linkIn(login, '/login/verify') }));
    await Promise.all([page.waitForURL(/\/login\/verify/), key('Enter')]);
    await tabTo(page, page.getByRole('button', { name: 'Sign in' }));
    await Promise.all([page.waitForURL(`**${signPath}`), key('Enter')]);

    await tabTo(page, page.getByRole('link', { name: 'Register your organisation first' }));
    await Promise.all([page.waitForURL(/\/account\/organisations\/new/), key('Enter')]);
    // Submitting with the country missing: the summary takes focus and links to the field.
    await typeInto(page, page.getByLabel('Legal name'), name);
    await tabTo(page, page.getByRole('button', { name: 'Register the organisation' }));
    await key('Enter');
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    await expect(isFocused(summary)).resolves.toBe(true);
    await tabTo(page, summary.getByRole('link', { name: 'Choose the country where the organisation is registered.' }));
    await key('Enter');
    await expect(isFocused(page.getByLabel('Country', { exact: true }))).resolves.toBe(true);
    await page.keyboard.type('Germany');
    await tabTo(page, page.getByLabel('Kind of organisation'));
    await page.keyboard.type('Company');
    await tabTo(page, page.getByLabel('SME'));
    await key('Space');
    await tabTo(page, page.getByLabel('Recycler'));
    await key('Space');
    await typeInto(page, page.getByLabel('Registration number'), unique('HRB'));
    await tabTo(page, page.getByRole('button', { name: 'Register the organisation' }));
    await key('Enter');
    await page.getByRole('heading', { name: `${name} is registered` }).waitFor();
    await tabTo(page, page.getByRole('link', { name: 'Continue to sign the declaration' }));
    await Promise.all([page.waitForURL(/\/sign\?organisation=/), key('Enter')]);

    await typeInto(page, page.getByLabel('Your full name'), 'Grace Hopper');
    await typeInto(page, page.getByLabel('Your job title'), 'Director');
    await tabTo(page, page.getByLabel(/I have read the declaration/));
    await key('Space');
    await tabTo(page, page.getByRole('button', { name: 'Sign the declaration' }));
    await Promise.all([page.waitForURL(`**${signPath}/sent`), key('Enter')]);

    const confirmation = await nextMail(email, /confirm/i, seen);
    await page.goto(`/dev/mailbox/${confirmation.id}`);
    await tabTo(page, page.getByRole('link', { name: linkIn(confirmation, '/signatures/confirm') }));
    await Promise.all([page.waitForURL(/\/signatures\/confirm/), key('Enter')]);
    await tabTo(page, page.getByRole('button', { name: 'Confirm the signature' }));
    await key('Enter');
    await page.getByRole('heading', { name: 'Thank you: the signature is confirmed' }).waitFor();

    // Withdrawing, with its confirmation step, by keyboard too.
    await page.goto('/account');
    await tabTo(page, page.getByRole('link', { name: 'Withdraw this signature' }));
    await key('Enter');
    const confirmHeading = page.getByRole('heading', { name: `Withdraw the signature of ${name}?` });
    await confirmHeading.waitFor();
    await expect(isFocused(confirmHeading)).resolves.toBe(true);
    await typeInto(page, page.getByLabel(/Reason/), 'Signed by mistake');
    await tabTo(page, page.getByRole('button', { name: 'Yes, withdraw the signature' }));
    await Promise.all([page.waitForURL(/\/account\?withdrawn=/), key('Enter')]);
    await expect(textOf(page.getByRole('status'))).resolves.toContain(`The signature of ${name} was withdrawn`);
    await expect(textOf(page.locator('main'))).resolves.toContain('Signed by mistake');
  });

  test('[NO-JS]: every form of the journey works without JavaScript', async () => {
    const email = `${unique('hedy').replace(' ', '.')}@example.org`;
    // Registered again under the name and in the country of an existing signatory: a possible duplicate.
    const { legalName: name, country } = await seededSignatory('AT');
    const { page } = await newPage({ javaScriptEnabled: false, width: 375 });
    const seen = await seenMail(email);

    await page.goto(`/login?next=${encodeURIComponent(signPath)}`);
    await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
    await expect(textOf(page.locator('.error-summary'))).resolves.toContain('Enter your e-mail address.');
    await page.getByLabel('E-mail address').fill(email);
    await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
    await page.getByRole('heading', { name: 'Check your e-mail' }).waitFor();
    const login = await nextMail(email, /sign-in/i, seen);
    await page.goto(`/dev/mailbox/${login.id}`);
    await page.getByRole('link', { name: linkIn(login, '/login/verify') }).click();
    await Promise.all([page.waitForURL(`**${signPath}`), page.getByRole('button', { name: 'Sign in' }).click()]);
    await expectNoSidewaysScroll(page, 'the signing page on a phone');

    await page.getByRole('link', { name: 'Register your organisation first' }).click();
    await page.getByLabel('Legal name').fill(name);
    await page.getByLabel('Country', { exact: true }).selectOption(country);
    await page.getByLabel('Kind of organisation').selectOption('ASSOCIATION');
    await page.getByLabel('Large', { exact: true }).check();
    await page.getByLabel('Brand owner').check();
    await page.getByLabel('Registration number').fill(unique('ZVR'));
    await page.getByLabel('Website').fill('not a website');
    await page.getByRole('button', { name: 'Register the organisation' }).click();
    await expect(page.getByLabel('Website').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByLabel('Legal name').inputValue()).resolves.toBe(name);
    await expect(page.getByLabel('Brand owner').isChecked()).resolves.toBe(true);
    await expect(page.getByLabel('Country', { exact: true }).inputValue()).resolves.toBe(country);
    await expect(page.getByLabel('Large', { exact: true }).isChecked()).resolves.toBe(true);
    await expectNoSidewaysScroll(page, 'the registration form with an API error on a phone');
    await page.getByLabel('Website').fill('https://plain.example');
    await page.getByRole('button', { name: 'Register the organisation' }).click();
    await expect(textOf(page.locator('main'))).resolves.toContain('The secretariat will check for duplicates');
    await expect(textOf(page.locator('main'))).resolves.toContain(`${name} (Austria)`);
    await expectNoSidewaysScroll(page, 'the duplicate notice on a phone');
    await page.getByRole('link', { name: 'Continue to sign the declaration' }).click();

    await page.getByLabel('Your full name').fill('Hedy Lamarr');
    await page.getByLabel('Your job title').fill('Secretary General');
    await page.getByRole('button', { name: 'Sign the declaration' }).click();
    await expect(page.getByLabel(/I have read the declaration/).getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByLabel('Your job title').inputValue()).resolves.toBe('Secretary General');
    await page.getByLabel(/I have read the declaration/).check();
    await Promise.all([
      page.waitForURL(`**${signPath}/sent`),
      page.getByRole('button', { name: 'Sign the declaration' }).click(),
    ]);

    const confirmation = await nextMail(email, /confirm/i, seen);
    await page.goto(linkIn(confirmation, '/signatures/confirm'));
    await page.getByRole('button', { name: 'Confirm the signature' }).click();
    await page.getByRole('heading', { name: 'Thank you: the signature is confirmed' }).waitFor();
    // A used link says so, and asks for nothing more.
    await page.goto(linkIn(confirmation, '/signatures/confirm'));
    await page.getByRole('button', { name: 'Confirm the signature' }).click();
    await page.getByRole('heading', { name: 'This confirmation link does not work' }).waitFor();

    // The secretariat, also without JavaScript: a rejection needs its reason.
    const { context: staffContext, page: staff } = await newPage({ javaScriptEnabled: false });
    await signInThroughApi(staffContext, SECRETARIAT);
    await staff.goto(reviewPath);
    // The seeded organisation is active, so the one waiting under its name is this journey's.
    const item = staff.getByRole('article', { name, exact: true });
    await expect(textOf(item)).resolves.toContain(`Same name and country as ${name} (Austria)`);
    await item.locator('summary').click();
    await item.getByRole('button', { name: 'Reject the signature' }).click();
    const reason = staff.getByRole('article', { name, exact: true }).getByLabel('Reason for rejecting');
    await expect(reason.getAttribute('aria-invalid')).resolves.toBe('true');
    await reason.fill('Already a signatory under this name.');
    await staff
      .getByRole('article', { name, exact: true })
      .getByRole('button', { name: 'Reject the signature' })
      .click();
    await expect(textOf(staff.getByRole('status'))).resolves.toContain(`The signature of ${name} is rejected`);

    await page.goto('/account');
    await expect(textOf(page.locator('main'))).resolves.toContain('Already a signatory under this name.');
    await expect(page.getByRole('link', { name: 'Withdraw this signature' }).count()).resolves.toBe(0);

    // Verification by pasting: a malformed fingerprint, then one nobody issued.
    await page.goto('/verify');
    // The file field needs a script: it is in the page (so nothing moves when the script arrives) but not shown.
    await expect(page.getByLabel('Or choose the PDF to check').isVisible()).resolves.toBe(false);
    await page.getByLabel('SHA-256 fingerprint').fill('not a hash');
    await page.getByRole('button', { name: 'Check' }).click();
    await expect(page.getByLabel('SHA-256 fingerprint').getAttribute('aria-invalid')).resolves.toBe('true');
    await page.getByLabel('SHA-256 fingerprint').fill('0'.repeat(64));
    await page.getByRole('button', { name: 'Check' }).click();
    await expect(textOf(page.getByRole('region', { name: 'Result' }))).resolves.toContain(
      'Concord did not issue a document',
    );
    await expectNoSidewaysScroll(page, 'a negative verification on a phone');

    await Promise.all([page.waitForURL(`**${home}`), page.getByRole('button', { name: 'Sign out' }).click()]);
    await expect(page.getByRole('link', { name: 'Sign in' }).isVisible()).resolves.toBe(true);
  });

  test('[A11Y]: the signing pages on a 375 px phone: axe finds nothing and nothing scrolls sideways', async () => {
    const email = `${unique('rosalind').replace(' ', '.')}@example.org`;
    const { context, page } = await newPage({ width: 375 });
    const cookie = await signInThroughApi(context, email);
    const { signatureId } = await seedSignature(cookie, unique('Stichting Circulair'));
    const mail = await nextMail(email, /confirm/i, new Set());
    const pages = [
      home,
      '/login',
      '/login/verify?token=unused',
      '/verify',
      `/verify?sha256=${'a'.repeat(64)}`,
      `/dev/mailbox?to=${encodeURIComponent(email)}`,
      `/dev/mailbox/${mail.id}`,
      '/account',
      `/account?withdraw=${signatureId}`,
      '/account/organisations/new',
      signPath,
      `${signPath}/sent`,
      '/signatures/confirm?token=unused',
      reviewPath,
    ];
    for (const path of pages) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(path === reviewPath ? 403 : 200);
      await expectAccessible(page, `${path} at 375 px`);
    }

    const { context: staffContext, page: staff } = await newPage({ width: 375 });
    await signInThroughApi(staffContext, SECRETARIAT);
    await staff.goto(reviewPath);
    await staff.locator('summary', { hasText: 'Reject…' }).first().click();
    await expectAccessible(staff, 'the review queue at 375 px, a rejection open');
  });

  test('[ACCESS]: pages that need a person send to log-in; the review needs the secretariat; links work once', async () => {
    const { context, page } = await newPage();
    await page.goto('/account');
    expect(page.url()).toBe(`${baseUrl}/login?next=%2Faccount`);

    const response = await page.goto('/login/verify?token=not-a-real-token&next=/account');
    expect(response?.status()).toBe(200);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'This sign-in link does not work' }).waitFor();
    await expect(page.getByRole('link', { name: 'Ask for a new sign-in link' }).getAttribute('href')).resolves.toBe(
      '/login?next=%2Faccount',
    );
    expect((await context.cookies()).some((c) => c.name.endsWith('concord_session'))).toBe(false);
    await expectAccessible(page, 'the expired-link page');

    await signInThroughApi(context, `${unique('eve').replace(' ', '.')}@example.org`);
    const forbidden = await page.goto(reviewPath);
    expect(forbidden?.status()).toBe(403);
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    await expectAccessible(page, 'the 403 page');

    const missing = await page.goto('/dev/mailbox/00000000-0000-7000-8000-000000000000');
    expect(missing?.status()).toBe(404);
  });
});
