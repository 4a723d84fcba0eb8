import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PSEUDO_CLOSE, PSEUDO_LOCALE, PSEUDO_OPEN } from '../i18n/pseudo-locale.ts';
import { type ApiProcess, startPortalProcess } from '../setup/api-process.ts';
import { pseudoPortalDir, pseudoPortalStatus } from '../setup/pseudo-portal.ts';
import { baseUrl, launch, skipReason } from './browser.ts';
import { expectNoSidewaysScroll, SECRETARIAT, signInThroughApi, slug } from './journey.ts';

/**
 * Issue 13: every page in a pseudo-locale (tests/i18n/pseudo-locale.ts: accented, 40 % longer, between ⟦ ⟧), on a
 * 375 px phone: nothing scrolls sideways, no text is cut off, and no text the portal writes is left in plain English.
 * The portal with `en-XA` is a build of its own (tests/setup/pseudo-portal.ts, started by the browser tests' set-up
 * beside the other tests); it runs here against this worker's server.
 */
const root = new URL('../../', import.meta.url).pathname;
let portal: ApiProcess;
let browser: Browser;
let context: BrowserContext;
let sources = '';
/**
 * The portal's own source, where a text written into a page without the catalogue would stand: a page's text in plain
 * letters found there (between tags, quotes or braces) is such a text. Names and figures come from the database and
 * Intl (months, countries) and are not in it.
 */
function portalSources(): string {
  const files = readdirSync(join(root, 'frontend/portal/src'), { recursive: true, withFileTypes: true }).filter(
    (f) =>
      f.isFile() &&
      /\.(svelte|ts|js|html)$/.test(f.name) &&
      !f.parentPath.includes('/lib/paraglide') &&
      !/\.(test|generated)\.ts$/.test(f.name),
  );
  // Without comments, which quote examples of what pages show ("DE" → "Germany").
  const withoutComments = (code: string) =>
    code
      .replace(/\/\*[\s\S]*?\*\//g, ' ')
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(/(^|[^:])\/\/.*$/gm, '$1');
  return files.map((f) => withoutComments(readFileSync(join(f.parentPath, f.name), 'utf8'))).join('\n');
}
/** Names that are the same in every language: file formats, and the certification schemes a report may name. */
const NAMES = new Set([
  'PDF',
  'CSV',
  'XLSX',
  'JSON',
  'Atom',
  'iCalendar',
  'Markdown',
  'RecyClass',
  'EuCertPlast',
  'EN 15343',
]);

async function builtPortal(): Promise<void> {
  const deadline = Date.now() + 600_000;
  while (!existsSync(pseudoPortalStatus)) {
    if (Date.now() > deadline) throw new Error('The pseudo-locale portal was not built within 10 minutes');
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const status = readFileSync(pseudoPortalStatus, 'utf8').trim();
  if (status !== 'ok') throw new Error(`The pseudo-locale portal did not build:\n${status}`);
}

describe.skipIf(Boolean(skipReason))(`the portal in the pseudo-locale ${PSEUDO_LOCALE}`, () => {
  beforeAll(async () => {
    await builtPortal();
    portal = await startPortalProcess(
      { CONCORD_API_URL: `${baseUrl}/graphql`, LOG_LEVEL: 'warn' },
      { build: relative(root, `${pseudoPortalDir}/build`) },
    );
    sources = portalSources();
    browser = await launch();
    context = await browser.newContext({ baseURL: portal.baseUrl, viewport: { width: 375, height: 800 } });
  }, 660_000);
  afterAll(async () => {
    await browser?.close();
    portal?.signal('SIGTERM');
    await portal?.exited;
  });

  /** Visible text in plain letters that the portal's source writes: text that did not go through the catalogue. */
  async function plainText(path: string): Promise<string[]> {
    const page = await context.newPage();
    const response = await page.goto(`/${PSEUDO_LOCALE}${path}`);
    expect(response?.status(), path).toBe(200);
    expect(await page.getAttribute('html', 'lang'), path).toBe(PSEUDO_LOCALE);
    await expectNoSidewaysScroll(page, `${path} in ${PSEUDO_LOCALE} at 375 px`);
    const cut = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('body *')]
        .filter((el) => {
          const style = getComputedStyle(el);
          const clips = style.overflowX === 'hidden' || style.overflowX === 'clip' || style.textOverflow === 'ellipsis';
          // A visually hidden text (for screen readers: one pixel, clipped) is cut off on purpose.
          const shown = el.clientWidth > 1 && el.clientHeight > 1;
          return clips && shown && el.scrollWidth > el.clientWidth + 1;
        })
        .map((el) => `${el.tagName.toLowerCase()}: ${el.textContent?.trim().slice(0, 60)}`),
    );
    expect(cut, `text cut off on ${path}`).toEqual([]);
    const texts = await page.evaluate(
      ({ open, close, locale }) => {
        const out: string[] = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const parent = node.parentElement;
          const text = node.textContent?.replace(/\s+/g, ' ').trim() ?? '';
          if (!parent || !/[A-Za-z]{2}/.test(text)) continue;
          if (parent.closest('script, style, noscript, [hidden], [aria-hidden="true"]')) continue;
          // Machine names (a file's field names) and what the page marks as not to be translated.
          if (parent.closest('code, [translate="no"]')) continue;
          // Text marked as another language (a language's own name, the authentic declaration) is not the page's.
          if ((parent.closest('[lang]')?.getAttribute('lang') ?? locale) !== locale) continue;
          if (parent.getClientRects().length === 0) continue;
          if (text.includes(open) || text.includes(close)) continue;
          out.push(text);
        }
        return out;
      },
      { open: PSEUDO_OPEN, close: PSEUDO_CLOSE, locale: PSEUDO_LOCALE },
    );
    await page.close();
    return texts.filter((text) => !NAMES.has(text) && writtenInSource(text));
  }

  function writtenInSource(text: string): boolean {
    const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(^|[>"'\`}\\s])${escaped}($|[<"'\`{\\s])`).test(sources);
  }

  test('the public pages: nothing in plain English, nothing cut off or scrolling sideways', async () => {
    const pages = [
      '/',
      `/alliances/${slug}`,
      `/alliances/${slug}/signatories`,
      `/alliances/${slug}/working-groups`,
      `/alliances/${slug}/pledges`,
      `/alliances/${slug}/progress`,
      `/alliances/${slug}/meetings`,
      `/alliances/${slug}/activity`,
      '/login',
      '/open-data',
      '/verify',
      '/privacy',
    ];
    const found: Record<string, string[]> = {};
    for (const path of pages) {
      const plain = await plainText(path);
      if (plain.length > 0) found[path] = plain;
    }
    expect(found).toEqual({});
  });

  test('the signed-in pages of the journeys: the account, the secretariat’s reporting and review', async () => {
    await signInThroughApi(context, SECRETARIAT);
    // The session cookie is the API's, for this host: the portal on its own port sends it on too.
    const pages = ['/account', `/alliances/${slug}/reporting`, `/alliances/${slug}/review`, `/alliances/${slug}/sign`];
    const found: Record<string, string[]> = {};
    for (const path of pages) {
      const plain = await plainText(path);
      if (plain.length > 0) found[path] = plain;
    }
    expect(found).toEqual({});
  });
});
