import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { baseUrl, launch, skipReason } from './browser.ts';
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
  textOf,
  unique,
} from './journey.ts';

/**
 * The one e-mail a person may stop, as people meet it: the "Stop these e-mails" link of a review e-mail opens a
 * page that only asks, its button stops them (without JavaScript, as a mail client's browser may be), and the
 * account page turns them back on. Axe on every page, at phone width too.
 */

const PREFERENCE = 'query { me { emailPreferences { reviewEmails } } }';
const SET = 'mutation ($on: Boolean!) { setEmailPreferences(input: { reviewEmails: $on }) { reviewEmails } }';

describe.skipIf(Boolean(skipReason))('e-mail preferences', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let staffCookie = '';

  beforeAll(async () => {
    browser = await launch();
    const context = await browser.newContext({ baseURL: baseUrl });
    staffCookie = await signInThroughApi(context, SECRETARIAT);
    await context.close();
  });
  afterAll(async () => {
    // The other browser tests expect the secretariat to hear of what waits for review.
    if (staffCookie) await graphql(SET, { on: true }, staffCookie);
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
  });

  const newPage = async (options: PageOptions = {}) =>
    (await openPage(browser, contexts, { height: 900, ...options })).page;

  const reviewEmails = async () =>
    (await graphql<{ me: { emailPreferences: { reviewEmails: boolean } } }>(PREFERENCE, {}, staffCookie)).data.me
      .emailPreferences.reviewEmails;

  /** A signature confirmed by a new organisation: the secretariat gets "Signature to review" with its opt-out link. */
  async function reviewMailWithOptOut(): Promise<string> {
    const seen = await seenMail(SECRETARIAT);
    const page = await newPage();
    const email = `${unique('opt').replace(' ', '.')}@example.org`;
    const cookie = await signInThroughApi(page.context(), email);
    await seedSignature(cookie, unique('Opt-out Recyclers'));
    const confirmation = await nextMail(email, /confirm/i, new Set());
    const token = new URL(linkIn(confirmation, '/signatures/confirm')).searchParams.get('token');
    await graphql('mutation ($token: String!) { confirmSignature(token: $token) { id } }', { token }, cookie);
    return linkIn(await nextMail(SECRETARIAT, /^Signature to review/, seen), '/email/opt-out');
  }

  test('[OPT-OUT]: the link in a review e-mail asks first, then stops them, without JavaScript, on a phone', {
    timeout: 120_000,
  }, async () => {
    await graphql(SET, { on: true }, staffCookie);
    const link = await reviewMailWithOptOut();
    const page = await newPage({ javaScriptEnabled: false, width: 375 });

    // Opening the link changes nothing: link checkers and previews open links too.
    await page.goto(link);
    await expect(textOf(page.getByRole('heading', { level: 1 }))).resolves.toBe('Stop e-mail about reviews?');
    await expect(reviewEmails()).resolves.toBe(true);
    await expectNoSidewaysScroll(page, 'the opt-out page at 375 px');

    await Promise.all([
      page.waitForURL(/\/email\/opt-out\?done=1$/),
      page.getByRole('button', { name: 'Stop these e-mails' }).click(),
    ]);
    await expect(textOf(page.getByRole('heading', { level: 1 }))).resolves.toBe(
      'You will get no more e-mail about reviews',
    );
    await expect(reviewEmails()).resolves.toBe(false);

    // A link cut short in the mail client says so, and leads to the account.
    await page.goto('/email/opt-out?token=cut-short');
    await expect(textOf(page.getByRole('heading', { level: 1 }))).resolves.toBe('This link does not work');

    // axe runs in the page, so with JavaScript, on each of the three states (a GET never acts).
    const checked = await newPage({ width: 375 });
    for (const [address, state] of [
      [link, 'asking'],
      ['/email/opt-out?done=1', 'done'],
      ['/email/opt-out?token=cut-short', 'with a broken link'],
    ] as const) {
      await checked.goto(address);
      await expectAccessible(checked, `the opt-out page, ${state}, at 375 px`);
    }
    await expect(reviewEmails()).resolves.toBe(false);
  });

  test('[ACCOUNT]: the account chooses how review e-mail comes (at once, a digest), with and without JavaScript', async () => {
    await graphql(SET, { on: false }, staffCookie);
    for (const [javaScriptEnabled, choice, frequency] of [
      [true, 'In a daily digest', 'DAILY'],
      [false, 'At once, one e-mail each', 'IMMEDIATELY'],
    ] as const) {
      const page = await newPage({ javaScriptEnabled });
      const [name = '', value = ''] = staffCookie.split('=');
      await page.context().addCookies([{ name, value, url: baseUrl, httpOnly: true, sameSite: 'Lax' }]);
      await page.goto('/account');
      const activity = () =>
        page
          .getByRole('group', { name: 'E-mail about signatures and pledges waiting for my review' })
          .getByLabel(choice);
      await activity().check();
      await Promise.all([
        page.waitForURL(/email-saved/),
        page.getByRole('button', { name: 'Save e-mail preferences' }).click(),
      ]);
      await expect(textOf(page.getByRole('status'))).resolves.toContain('Your e-mail preferences are saved.');
      await expect(activity().isChecked()).resolves.toBe(true);
      await expect(
        graphql<{ me: { emailPreferences: { activity: string } } }>(
          '{ me { emailPreferences { activity } } }',
          {},
          staffCookie,
        ).then((r) => r.data.me.emailPreferences.activity),
      ).resolves.toBe(frequency);
      // axe runs in the page: with JavaScript only.
      if (javaScriptEnabled) await expectAccessible(page, 'the account page with e-mail preferences');
    }
  });
});
