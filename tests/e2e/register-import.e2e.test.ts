import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launch, skipReason } from './browser.ts';
import {
  expectAccessible,
  expectNoSidewaysScroll,
  nextMail,
  openPage,
  SECRETARIAT,
  seenMail,
  signInThroughApi,
  slug,
  textOf,
  unique,
} from './journey.ts';

/**
 * [IMPORT] The secretariat brings in a register without JavaScript at a phone's width: uploads the organisations and
 * then their representatives as CSV files, reads each dry run, confirms it, and is offered to invite the people it
 * brought in; invites them, and each gets one e-mail. Axe on the page before, at a dry run and after.
 */
describe.skipIf(Boolean(skipReason))('[IMPORT] the register import page', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let staffCookie = '';
  const tag = unique('Imp').replace(/\W/g, '');
  const email = `${tag.toLowerCase()}@imported.example`;
  const importPath = `/alliances/${slug}/import`;

  const csv = (lines: string[]) => Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
  const organisations = csv([
    'organisation_key,legal_name,country,kind,size,stages,website,registration_number,transparency_register_number',
    `${tag}-1,${tag} Recycling SA,BE,COMPANY,SME,RECYCLER,,${tag}-REG-1,`,
  ]);
  const representatives = csv(['organisation_key,name,email,job_title', `${tag}-1,Ines ${tag},${email},Director`]);

  beforeAll(async () => {
    browser = await launch();
    const { context } = await openPage(browser, contexts);
    staffCookie = await signInThroughApi(context, SECRETARIAT);
  }, 120_000);
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
  });

  test('[IMPORT]: two files uploaded, checked and confirmed without JavaScript; the people invited once', async () => {
    const seen = await seenMail(email);
    const { page } = await openPage(browser, contexts, { javaScriptEnabled: false, width: 375, cookie: staffCookie });
    for (const [sheet, label, file] of [
      ['organisations', 'Organisations', organisations],
      ['representatives', 'Representatives', representatives],
    ] as const) {
      await page.goto(importPath);
      await page.setInputFiles('#import-file', { name: `${sheet}.csv`, mimeType: 'text/csv', buffer: file });
      await page.getByLabel('What a CSV file holds').selectOption(sheet);
      await page.getByRole('button', { name: 'Check the file' }).click();
      await expect.poll(() => page.url()).toMatch(/\?import=[0-9a-f-]{36}$/);
      const totals = page.locator('table').first();
      expect(await textOf(totals)).toContain(label);
      await expectNoSidewaysScroll(page, `the dry run of ${sheet}`);
      await page.getByRole('button', { name: 'Confirm the import' }).click();
      await expect.poll(() => page.url()).toContain('confirmed=1');
    }

    // Nobody was e-mailed by the import; the page offers to invite the person it brought in.
    await page.goto(importPath);
    const invite = page.getByRole('region', { name: 'Invite the people the imports brought in' });
    expect(await textOf(invite)).toContain('never signed in');
    const { page: withScript } = await openPage(browser, contexts, { cookie: staffCookie });
    await withScript.goto(importPath);
    await expectAccessible(withScript, 'the import page with people to invite');

    await invite.getByRole('button', { name: /^Invite \d+ (person|people)$/ }).click();
    await expect.poll(() => textOf(page.getByRole('status'))).toMatch(/\d+ (person|people) invited by e-mail/);
    const mail = await nextMail(email, /register in Concord/, seen);
    expect(mail.text.replace(/\s+/g, ' ')).toContain(`${tag} Recycling SA`);
    await page.goto(importPath);
    expect(await page.getByRole('region', { name: 'Invite the people the imports brought in' }).count()).toBe(0);
  }, 180_000);
});
