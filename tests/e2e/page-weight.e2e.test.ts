import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measurePages } from '../setup/page-weight.ts';
import { baseUrl, launch, skipReason } from './browser.ts';

const alliance = '/alliances/circular-plastics';

/**
 * What the public's pages cost a browser (docs/adr/0025-reading-pages-without-javascript.md): the pages one only
 * reads ship no JavaScript at all, and no public page moves under the reader's eyes while it loads (Chromium's
 * layout-shift entries). The bytes of the pages that do load JavaScript are written down by `pnpm bench`.
 */
describe.skipIf(skipReason)('[WEIGHT] the public pages in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('loads no JavaScript on a page that is only read', async () => {
    const signatory = await firstLink(`${alliance}/signatories`, /\/signatories\/[0-9a-f-]{36}$/);
    const pledge = await firstLink(`${alliance}/pledges`, /\/pledges\/[0-9a-f-]{36}$/);
    const reading = [
      `${alliance}/signatories`,
      `${alliance}/signatories?country=DE`,
      signatory,
      `${alliance}/progress`,
      `${alliance}/progress/reports`,
      `${alliance}/pledges`,
      pledge,
      `${alliance}/declaration`,
      `${alliance}/working-groups`,
      `${alliance}/announcements`,
      '/fr/open-data',
      '/de/privacy',
      '/verify/audit-log',
    ];
    const weights = await measurePages(browser, baseUrl, reading);
    expect(weights.filter((w) => w.scriptFiles > 0).map((w) => `${w.path}: ${w.scripts.map((s) => s.url)}`)).toEqual(
      [],
    );
    expect(
      weights.filter((w) => w.layoutShift > 0).map((w) => `${w.path}: ${w.layoutShift}: ${w.moved.join('; ')}`),
    ).toEqual([]);
  });

  it('enhances with a script of its own, not the framework, and nothing moves as it arrives', async () => {
    const enhanced = {
      [alliance]: 'live-signatories',
      [`${alliance}/activity`]: 'live-activity',
      '/verify': 'verify-file',
    } as const;
    const forms = ['/login', `${alliance}/sign`];
    const weights = await measurePages(browser, baseUrl, [...Object.keys(enhanced), ...forms]);
    // The live signatory count, the live feed and hashing a file in the browser are each one small module and what it
    // imports (docs/adr/0028-enhancing-without-the-framework.md); the forms are ordinary posts and load nothing.
    expect(
      weights.map((w) => ({
        path: w.path,
        enhancement: w.scripts.find((s) => s.url.startsWith('/_app/enhance/'))?.url ?? null,
        framework: w.scripts.some((s) => s.url.startsWith('/_app/immutable/entry/')),
      })),
    ).toEqual([
      ...Object.entries(enhanced).map(([path, name]) => ({
        path,
        enhancement: `/_app/enhance/${name}.js`,
        framework: false,
      })),
      ...forms.map((path) => ({ path, enhancement: null, framework: false })),
    ]);
    for (const path of forms) expect(weights.find((w) => w.path === path)?.scriptFiles, path).toBe(0);
    expect(
      weights.filter((w) => w.layoutShift > 0).map((w) => `${w.path}: ${w.layoutShift}: ${w.moved.join('; ')}`),
    ).toEqual([]);
    // The control that needs the script is in the first render, and hidden where scripts are off.
    for (const javaScriptEnabled of [true, false]) {
      const context = await browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/verify`);
      await expect.poll(() => page.locator('input[type="file"]').isVisible()).toBe(javaScriptEnabled);
      await context.close();
    }
  });

  it('keeps the header still while the page is still arriving', async () => {
    // A slow network hands the parser a page in pieces and Chromium paints what it has: here the header arrives
    // without its second line. The alliance's mark must not move when that line comes (it did: 0.00003).
    const split = 'class="tagline';
    const slow = createServer(async (request, response) => {
      const answer = await fetch(`${baseUrl}${request.url}`, { headers: { 'accept-language': 'en' } });
      const type = answer.headers.get('content-type') ?? 'application/octet-stream';
      const body = Buffer.from(await answer.arrayBuffer());
      response.writeHead(answer.status, { 'content-type': type });
      const at = type.startsWith('text/html') ? body.indexOf(split) : -1;
      if (at < 0) return void response.end(body);
      response.write(body.subarray(0, at));
      setTimeout(() => response.end(body.subarray(at)), 600);
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    try {
      const slowUrl = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`;
      const weights = await measurePages(browser, slowUrl, ['/login', `${alliance}/declaration`]);
      expect(weights.map((w) => `${w.path}: ${w.layoutShift} ${w.moved.join('; ')}`)).toEqual([
        '/login: 0 ',
        `${alliance}/declaration: 0 `,
      ]);
    } finally {
      await closeServer(slow);
    }
  });

  /** The first link on `path` whose address matches `pattern`. */
  async function firstLink(path: string, pattern: RegExp): Promise<string> {
    const page = await browser.newPage();
    try {
      await page.goto(`${baseUrl}${path}`);
      const hrefs = await page.locator('main a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
      const found = hrefs.find((href): href is string => href !== null && pattern.test(href));
      if (!found) throw new Error(`no link like ${pattern} on ${path}`);
      return found;
    } finally {
      await page.close();
    }
  }
});

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
