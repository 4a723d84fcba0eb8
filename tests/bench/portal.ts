import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../setup/e2e.ts';
import { measurePages, type PageWeight } from '../setup/page-weight.ts';
import { startStandalone } from '../setup/standalone.ts';

export type PortalWeightResult = Omit<PageWeight, 'scripts'>[];

const alliance = '/alliances/circular-plastics';
/** The public's pages: those only read first, then those that enhance with JavaScript. */
export const PUBLIC_PAGES = [
  `${alliance}/signatories`,
  `${alliance}/progress`,
  `${alliance}/progress/reports`,
  `${alliance}/pledges`,
  `${alliance}/declaration`,
  `${alliance}/working-groups`,
  '/open-data',
  '/privacy',
  '/verify/audit-log',
  alliance,
  `${alliance}/working-groups/packaging`,
  `${alliance}/sign`,
  '/login',
  '/verify',
];

/**
 * The JavaScript each public page of the built portal (demo alliance, embedded database) loads in Debian's Chromium,
 * as the browser tests run it: bytes as sent (brotli) and gzipped, files, and the layout shift while it loads.
 */
export async function measurePortal(): Promise<PortalWeightResult> {
  const app = await startStandalone({ SEED_DEMO: 'true' });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    const weights = await measurePages(browser, app.baseUrl, PUBLIC_PAGES);
    return weights.map(({ scripts: _scripts, ...weight }) => weight);
  } finally {
    await browser.close();
    await app.stop();
  }
}

export function portalSection(result: PortalWeightResult, measured: string): string[] {
  const title = '## JavaScript of the public pages (built portal, Chromium, a 375 px phone)';
  if (result.length === 0) return [title, '', 'Not measured yet: `BENCH_ONLY=portal`.', ''];
  const kb = (bytes: number) => (bytes / 1000).toFixed(1);
  return [
    title,
    '',
    `${measured} Each page in a fresh browser context (nothing cached), until the network is idle; bytes as sent ` +
      '(adapter-node serves brotli) and the same scripts gzipped (zlib, default level), the measure of the target: ' +
      'under 50 KB a page gzipped and no layout shift. Pages one only reads ship no ' +
      'JavaScript (docs/adr/0025-reading-pages-without-javascript.md); before that, every public page loaded ' +
      '54–78 KB in 35–51 files.',
    '',
    '| page | script files | KB as sent | KB gzipped | layout shift |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...result.map(
      (w) =>
        `| \`${w.path}\` | ${w.scriptFiles} | ${kb(w.scriptBytes)} | ${w.scriptGzipBytes === undefined ? '–' : kb(w.scriptGzipBytes)} | ${w.layoutShift.toFixed(3)} |`,
    ),
    '',
  ];
}
