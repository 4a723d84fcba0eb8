import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pdfText, scratchDir, squash, writePdf } from '../../services/documents/test/pdf-tools.ts';
import { baseUrl, launch, skipReason } from './browser.ts';
import {
  expectAccessible,
  linkIn,
  nextMail,
  openPage,
  SECRETARIAT,
  sayIn,
  seenMail,
  signInThroughApi,
  slug,
  textOf,
  unique,
} from './journey.ts';

/**
 * The main journeys in French and in German, once each (the English ones, with every branch, keyboard and no-JS,
 * are in signing, pledges and progress.e2e.test.ts): a newcomer signs in from the French (German) address, registers
 * an organisation, signs and confirms by e-mail; the secretariat approves from the review queue in that language;
 * the organisation drafts and submits a pledge, which the secretariat accepts; the certificate is checked;
 * the public follows the pledge register and the progress to the reports behind a figure, and downloads the
 * progress report and the workbook in that language. Every label is looked up in the portal's catalogue, so a
 * page still in English fails the lookup; every page is checked with axe and for sideways scroll.
 */

const LANGUAGES = [{ lang: 'fr' }, { lang: 'de' }] as const;
/** The demo declaration's title in its translations (db/src/seed/declaration-translations.ts). */
const TRANSLATED_TITLE = {
  fr: 'Déclaration de l’Alliance circulaire pour les plastiques',
  de: 'Erklärung der Allianz für Kunststoffkreislaufwirtschaft',
} as const;

describe.skipIf(Boolean(skipReason))('the journeys in French and German', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let scratch: Awaited<ReturnType<typeof scratchDir>>;

  beforeAll(async () => {
    browser = await launch();
    scratch = await scratchDir();
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await scratch?.dispose();
  });

  // The browser asks for English: the address alone must make the pages French or German.
  const newPage = () => openPage(browser, contexts, { locale: 'en-GB' });

  /** The page is in `lang` (its <html lang>) and has nothing axe finds, nor sideways scroll. */
  async function expectPage(page: Page, lang: string, what: string): Promise<void> {
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe(lang);
    await expectAccessible(page, `${what} (${lang})`);
  }

  test.each(LANGUAGES)(
    '[LANGUAGES]: sign in, register, sign, confirm, be approved and pledge in $lang',
    async ({ lang }) => {
      const say = sayIn(lang);
      const home = `/${lang}/alliances/${slug}`;
      const email = `${unique(`lang-${lang}`).replace(' ', '.')}@example.org`;
      const name = unique(lang === 'fr' ? 'Recyclage Polyboucle' : 'Polyschleife Recycling');
      const seen = await seenMail(email);
      const { page } = await newPage();

      await page.goto(home);
      await expectPage(page, lang, 'the alliance’s home');
      await Promise.all([
        page.waitForURL(new RegExp(`/${lang}/login\\?next=`)),
        page
          .getByRole('link', { name: say('home_sign') })
          .first()
          .click(),
      ]);
      await expectPage(page, lang, 'the log-in page');
      await page.getByLabel(say('login_email')).fill(email);
      await page.getByRole('button', { name: say('login_submit') }).click();
      await page.getByRole('heading', { name: say('login_sent_heading') }).waitFor();
      await expectPage(page, lang, 'the check-your-e-mail page');

      // The log-in e-mail is in the page's language, and its link opens the page's language.
      const login = await nextMail(email, /./, seen);
      await page.goto(linkIn(login, `/${lang}/login/verify`));
      await expectPage(page, lang, 'the sign-in button page');
      await Promise.all([
        page.waitForURL(`**/${lang}/alliances/${slug}/sign`),
        page.getByRole('button', { name: say('verify_login_submit') }).click(),
      ]);
      await expectPage(page, lang, 'the signing page without an organisation');

      await Promise.all([
        page.waitForURL(new RegExp(`/${lang}/account/organisations/new`)),
        page.getByRole('link', { name: say('sign_register_first') }).click(),
      ]);
      await expectPage(page, lang, 'the registration form');
      await page.getByLabel(say('register_legal_name')).fill(name);
      await page.getByLabel(say('register_country'), { exact: true }).selectOption('FR');
      await page.getByLabel(say('register_kind')).selectOption('COMPANY');
      await page.getByLabel(say('size_sme')).check();
      await page.getByLabel(say('stage_recycler')).check();
      await page.getByLabel(say('register_registration_number')).fill(unique('SIREN'));
      await page.getByRole('button', { name: say('register_submit') }).click();
      await page.getByRole('heading', { name: say('register_done_heading', { organisation: name }) }).waitFor();
      await expectPage(page, lang, 'the registration notice');
      await Promise.all([
        page.waitForURL(new RegExp(`/${lang}/alliances/${slug}/sign\\?organisation=`)),
        page.getByRole('link', { name: say('register_continue_signing') }).click(),
      ]);

      // The declaration in the page's language: the translation, saying so, the authentic text a link away.
      const declarationText = page.getByRole('region', { name: TRANSLATED_TITLE[lang] });
      await declarationText.waitFor();
      await expect(textOf(declarationText)).resolves.toContain(say('declaration_text_authentic'));
      await expect(
        declarationText.getByRole('link', { name: say('declaration_read_authentic') }).getAttribute('href'),
      ).resolves.toMatch(/^\?organisation=[^&]+&text=en$/);
      await page.getByLabel(say('sign_signer_name')).fill('Marie Curie');
      await page
        .getByLabel(say('sign_signer_job_title'))
        .fill(lang === 'fr' ? 'Directrice générale' : 'Geschäftsführerin');
      await page.getByLabel(say('sign_has_read')).check();
      await expectPage(page, lang, 'the signing form');
      await Promise.all([
        page.waitForURL(`**/${lang}/alliances/${slug}/sign/sent`),
        page.getByRole('button', { name: say('sign_submit') }).click(),
      ]);
      await page.getByRole('heading', { name: say('sign_sent_heading') }).waitFor();
      await expectPage(page, lang, 'the confirm-by-e-mail page');

      // Confirm from the e-mail: whichever language its link carries, the confirmation works.
      const confirmation = await nextMail(email, /./, seen);
      const confirmUrl = confirmation.text
        .match(/https?:\/\/\S+/g)
        ?.find((u) => new URL(u).pathname.endsWith('/signatures/confirm'));
      if (!confirmUrl) throw new Error(`No confirmation link in:\n${confirmation.text}`);
      const confirm = new URL(confirmUrl);
      await page.goto(`/${lang}/signatures/confirm${confirm.search}`);
      await expectPage(page, lang, 'the confirmation page');
      await page.getByRole('button', { name: say('confirm_submit') }).click();
      await page.getByRole('heading', { name: say('confirm_done_heading') }).waitFor();
      await expectPage(page, lang, 'the confirmed page');
      await page.goto(`/${lang}/account`);
      await expect(textOf(page.locator('main'))).resolves.toContain(say('status_pending_review'));
      await expectPage(page, lang, 'the account page');

      // The secretariat approves from the review queue in the same language.
      const { context: staffContext, page: staff } = await newPage();
      await signInThroughApi(staffContext, SECRETARIAT);
      await staff.goto(`${home}/review`);
      await expectPage(staff, lang, 'the review queue');
      await staff.getByRole('button', { name: say('review_approve_label', { organisation: name }) }).click();
      await staff.getByRole('status').filter({ hasText: name }).waitFor();

      // A pledge drafted and submitted in the language; the secretariat accepts it from its queue in the language.
      await page.goto(`/${lang}/account/pledges`);
      await expectPage(page, lang, 'the account’s pledges');
      await Promise.all([
        page.waitForURL(new RegExp(`/${lang}/account/pledges/new\\?`)),
        page.getByRole('link', { name: say('pledge_new_for', { organisation: name }) }).click(),
      ]);
      await expectPage(page, lang, 'the pledge form');
      await page.getByLabel(say('pledge_kind_supply'), { exact: true }).check();
      await page.getByLabel(say('pledge_form_polymer')).selectOption('PET');
      await page.getByLabel(say('pledge_form_sector')).selectOption('PACKAGING');
      await page.getByLabel(say('pledge_form_tonnes')).fill('1500');
      await page.getByLabel(say('pledge_form_target_year')).fill('2027');
      await Promise.all([
        page.waitForURL(new RegExp(`/${lang}/account/pledges/[^/]+\\?done=drafted$`)),
        page.getByRole('button', { name: say('pledge_new_submit') }).click(),
      ]);
      await expectPage(page, lang, 'a draft pledge');
      await page.getByRole('button', { name: say('pledge_submit') }).click();
      await page
        .getByRole('status')
        .filter({ hasText: say('pledge_done_submitted').split('.')[0] ?? '' })
        .waitFor();
      await staff.goto(`${home}/pledge-review`);
      await expectPage(staff, lang, 'the pledge review queue');
      const item = staff.getByRole('article', { name, exact: true });
      await item.getByLabel(say('pledge_decision_accept'), { exact: true }).check();
      await item.getByRole('button', { name: new RegExp(say('pledge_review_submit')) }).click();
      await staff.getByRole('status').filter({ hasText: name }).waitFor();
      await expectPage(staff, lang, 'the pledge review queue after a decision');

      // The certificate: on the account page once the job has rendered it, and it is genuine.
      const certificate = page.getByRole('link', { name: say('signature_certificate') });
      for (let attempt = 0; attempt < 40 && (await certificate.count()) === 0; attempt++) {
        await page.waitForTimeout(250);
        await page.goto(`/${lang}/account`);
      }
      await expect(textOf(page.locator('main'))).resolves.toContain(say('signature_activated_at'));
      await expectPage(page, lang, 'the account page with the certificate');
      const [download] = await Promise.all([page.waitForEvent('download'), certificate.click()]);
      const file = scratch.path(`certificate-${lang}.pdf`);
      await download.saveAs(file);
      // It says which text the signer read: the translation, beside the authentic text that was signed; in the
      // signer's language, which for this newcomer is the language of the page they first signed in on.
      expect(squash(await pdfText(file))).toContain(
        lang === 'fr'
          ? 'Une traduction (français) ; le texte signé est le texte faisant foi (anglais)'
          : 'Eine Übersetzung (Deutsch); unterzeichnet ist der verbindliche Wortlaut (Englisch)',
      );
      await page.goto(`/${lang}/verify`);
      await Promise.all([
        page.waitForURL(new RegExp(`/${lang}/verify\\?sha256=[0-9a-f]{64}$`)),
        page.getByLabel(say('verify_file')).setInputFiles(file),
      ]);
      await page.getByRole('region', { name: say('verify_result_heading') }).waitFor();
      await expect(textOf(page.getByRole('region', { name: say('verify_result_heading') }))).resolves.toContain(name);
      await expectPage(page, lang, 'a verification result');
    },
  );

  test.each(LANGUAGES)('[LANGUAGES]: the pledge register and the progress, to a report, in $lang', async ({ lang }) => {
    const say = sayIn(lang);
    const home = `/${lang}/alliances/${slug}`;
    const { page } = await newPage();

    // The register, a pledge of it, and its workbook headed in the page's language.
    await page.goto(`${home}/pledges`);
    await page
      .getByRole('heading', { name: say('pledge_register_heading') })
      .first()
      .waitFor();
    await expectPage(page, lang, 'the pledge register');
    const xlsx = await page.getByRole('link', { name: say('pledge_download_xlsx') }).getAttribute('href');
    expect(xlsx).toContain(`lang=${lang}`);
    const firstPledge = page.locator(`main a[href^="/${lang}/alliances/${slug}/pledges/"]`).first();
    await Promise.all([page.waitForURL(new RegExp(`/${lang}/alliances/${slug}/pledges/[^/?]+$`)), firstPledge.click()]);
    await expectPage(page, lang, 'a pledge');

    // The progress, a figure followed to the reports behind it, and the progress report in the page's language.
    await page.goto(`${home}/progress`);
    await page
      .getByRole('heading', { name: say('progress_heading') })
      .first()
      .waitFor();
    await expectPage(page, lang, 'the progress page');
    const toReports = page.locator(`main a[href^="/${lang}/alliances/${slug}/progress/reports"]`).first();
    await Promise.all([page.waitForURL(new RegExp(`/${lang}/alliances/${slug}/progress/reports`)), toReports.click()]);
    await page
      .getByRole('heading', { name: say('progress_reports_heading') })
      .first()
      .waitFor();
    await expectPage(page, lang, 'the reports behind a figure');

    await page.goto(`${home}/progress`);
    const pdfLink = page.locator(`a[href^="/documents/progress/${slug}/"]`).first();
    const href = (await pdfLink.getAttribute('href')) ?? '';
    expect(href).toMatch(new RegExp(`\\.pdf\\?lang=${lang}$`));
    const response = await page.request.get(`${baseUrl}${href}`);
    expect(response.status()).toBe(200);
    const path = await writePdf(scratch.path(`progress-${lang}.pdf`), await response.body());
    const text = squash(await pdfText(path));
    expect(text).toContain(lang === 'fr' ? 'Rapport d’avancement' : 'Fortschrittsbericht');
    expect(text).not.toContain('Progress report');
  });
});
