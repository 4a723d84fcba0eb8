import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { baseUrl, launch, skipReason } from './browser.ts';
import { expectAccessible, openPage, SECRETARIAT, signInThroughApi } from './journey.ts';

/**
 * The audit log's head as anyone meets it: /verify links to it, the page shows the head /audit/head publishes,
 * and its GET form checks a head kept earlier, without JavaScript; axe (which needs JavaScript to run) then
 * checks every answer at a phone's width.
 */
describe.skipIf(Boolean(skipReason))('the audit log page', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
  });

  const newPage = async (javaScriptEnabled: boolean) =>
    (await openPage(browser, contexts, { javaScriptEnabled, width: 375, height: 800 })).page;

  test('[AUDIT]: shows the published head and says whether the log still reaches a head, without JavaScript', async () => {
    // A sign-in is an audit event: the log has a head whatever ran before.
    const staff = await browser.newContext({ baseURL: baseUrl });
    contexts.push(staff);
    await signInThroughApi(staff, SECRETARIAT);
    const head = (await (await fetch(new URL('/audit/head', baseUrl))).json()) as { seq: number; hash: string };
    expect(head.seq).toBeGreaterThan(0);

    const page = await newPage(false);
    await page.goto('/verify');
    await page.getByRole('link', { name: 'Check the audit log' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Check the audit log');
    const shown = (await page.locator('dl.head dd.hash').textContent())?.trim() ?? '';
    expect(shown).toMatch(/^[0-9a-f]{64}$/);

    await page.getByLabel('Event number').fill(String(head.seq));
    await page.getByLabel('Hash', { exact: true }).fill(head.hash.toUpperCase());
    await page.getByRole('button', { name: 'Check' }).click();
    await expect(page.locator('.result').textContent()).resolves.toContain(
      `Unchanged: the audit log still reaches event ${head.seq.toLocaleString('en')}`,
    );
    const contained = page.url();

    const other = head.hash.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    const changed = `/verify/audit-log?seq=${head.seq}&hash=${other}`;
    await page.goto(changed);
    await expect(page.locator('.result').textContent()).resolves.toContain('Changed: event');
    await page.goto(`/verify/audit-log?seq=999999999&hash=${head.hash}`);
    await expect(page.locator('.result').textContent()).resolves.toContain('Not found: the audit log has no event');

    const invalid = '/verify/audit-log?seq=-1&hash=xyz';
    await page.goto(invalid);
    expect(await page.getByText('An event number is a whole number, 0 or more.').count()).toBe(1);
    expect(await page.locator('.field.has-error').count()).toBe(2);
    expect(await page.locator('.result').count()).toBe(0);

    const scripted = await newPage(true);
    for (const [what, path] of [
      ['the audit log page', '/verify/audit-log'],
      ['a head that is contained', contained],
      ['a head whose hash changed', changed],
      ['a check with two invalid fields', invalid],
    ] as const) {
      await scripted.goto(path);
      await expectAccessible(scripted, what);
    }
  });
});
