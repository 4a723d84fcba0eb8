import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';

/** What a page cost the browser: the JavaScript it loaded (bytes as sent, usually compressed) and its layout shift. */
export interface PageWeight {
  path: string;
  scriptFiles: number;
  scriptBytes: number;
  /** The same scripts gzipped (zlib's default level), the measure budgets are usually given in. */
  scriptGzipBytes: number;
  /** The Cumulative Layout Shift score over the load and a short settle, as Chromium's layout-shift entries give it. */
  layoutShift: number;
  /** What moved in each layout shift: the element and its box before and after. */
  moved: string[];
  /** Each script's address (without the origin), bytes as sent and gzipped, largest first. */
  scripts: { url: string; bytes: number; gzipBytes: number }[];
}

/**
 * Opens each path of `baseUrl` in a fresh context of `browser` (nothing cached), at a phone's width, and adds up
 * every script response's body as it crossed the network (Content-Length, else the body's length) and gzipped, after
 * the page settled (load, then the network idle).
 */
export async function measurePages(browser: Browser, baseUrl: string, paths: string[]): Promise<PageWeight[]> {
  const results: PageWeight[] = [];
  for (const path of paths) {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    await page.addInitScript(() => {
      const shifts = { value: 0, moved: [] as string[] };
      (window as unknown as { __concordShift: typeof shifts }).__concordShift = shifts;
      type Source = { node?: Node; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly };
      type Shift = PerformanceEntry & { value: number; hadRecentInput: boolean; sources: Source[] };
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as Shift[]) {
          if (entry.hadRecentInput) continue;
          shifts.value += entry.value;
          for (const source of entry.sources) {
            const node = source.node;
            const name =
              node instanceof Element
                ? `${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ''}${node.getAttribute('class') ? `.${node.getAttribute('class')?.split(' ').join('.')}` : ''}`
                : (node?.nodeName ?? '?');
            const { previousRect: a, currentRect: b } = source;
            shifts.moved.push(`${name} (${a.x},${a.y} ${a.width}×${a.height} → ${b.x},${b.y} ${b.width}×${b.height})`);
          }
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    const sizes: Promise<{ url: string; bytes: number; gzipBytes: number }>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      sizes.push(
        (async () => {
          const header = (await response.allHeaders())['content-length'];
          // A redirect has no body to read (Playwright refuses): nothing gzipped for it.
          const body = await response.body().catch(() => Buffer.alloc(0));
          const bytes = header !== undefined ? Number(header) : body.length;
          return { url: response.url().replace(baseUrl, ''), bytes, gzipBytes: gzipSync(body).length };
        })(),
      );
    });
    const answer = await page.goto(`${baseUrl}${path}`, { waitUntil: 'networkidle' });
    if (!answer?.ok()) throw new Error(`${path} answered ${answer?.status()}`);
    await page.waitForTimeout(300);
    const { value: layoutShift, moved } = await page.evaluate(
      () => (window as unknown as { __concordShift: { value: number; moved: string[] } }).__concordShift,
    );
    const scripts = (await Promise.all(sizes)).sort((a, b) => b.bytes - a.bytes);
    const scriptBytes = scripts.reduce((sum, s) => sum + s.bytes, 0);
    const scriptGzipBytes = scripts.reduce((sum, s) => sum + s.gzipBytes, 0);
    results.push({ path, scriptFiles: scripts.length, scriptBytes, scriptGzipBytes, layoutShift, moved, scripts });
    await context.close();
  }
  return results;
}
