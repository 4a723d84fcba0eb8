import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { baseUrl, launch, skipReason } from './browser.ts';

/**
 * Issue 10, item 8, for the portal as people get it from the all-in-one process: every page and static file
 * carries the security headers, pages a Content-Security-Policy whose scripts need the page's nonce, and the
 * pages still run their scripts under it (no violation; the live counter's WebSocket, from the portal's own
 * origin, is accepted). The API's side is in services/api/test/security-headers.db.test.ts.
 */

const slug = 'circular-plastics';
const pages = ['/', `/alliances/${slug}`, `/alliances/${slug}/signatories`, '/login', '/open-data', '/no-such-page'];

function expectCommonHeaders(headers: Headers, what: string) {
  expect(headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(headers.get('referrer-policy'), what).toBe('same-origin');
  expect(headers.get('permissions-policy'), what).toMatch(/camera=\(\).*geolocation=\(\).*microphone=\(\)/);
  // The suite's PUBLIC_URL is http: no HSTS (the API test checks it over https).
  expect(headers.get('strict-transport-security'), what).toBeNull();
}

describe.skipIf(skipReason)('[HEADERS] the portal', () => {
  test('each page: the headers, and a CSP that allows only its own scripts and no framing', async () => {
    for (const path of pages) {
      const response = await fetch(`${baseUrl}${path}`);
      const html = await response.text();
      expectCommonHeaders(response.headers, path);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, path).toMatch(/frame-ancestors 'none'/);
      expect(csp, path).toMatch(/object-src 'none'/);
      expect(csp, path).toMatch(/default-src 'self'/);
      if (/<script(?![^>]*\ssrc=)/.test(html)) {
        // The page's inline start-up script carries the nonce the header names.
        expect(csp, path).toMatch(/(^|; )script-src 'self' 'nonce-[\w+/=-]+'(;|$)/);
        const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
        expect(html, path).toContain(`nonce="${nonce}"`);
      } else {
        // A page rendered without the framework has no inline script (ADR 0025, 0028), and its policy allows none;
        // the scripts it loads, if any, are the portal's own files.
        expect(csp, path).toMatch(/(^|; )script-src 'self'(;|$)/);
        for (const [, src] of html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)) expect(src, path).toMatch(/^\/_app\//);
      }
    }
  });

  test('a static file of the portal and an API answer carry the headers too', async () => {
    const html = await (await fetch(`${baseUrl}/alliances/${slug}`)).text();
    const asset = /(\/_app\/[^"]+\.js)/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const script = await fetch(`${baseUrl}${asset}`);
    expect(script.status).toBe(200);
    expectCommonHeaders(script.headers, String(asset));
    const api = await fetch(`${baseUrl}/graphql?query=${encodeURIComponent('{ __typename }')}`);
    expectCommonHeaders(api.headers, '/graphql');
    expect(api.headers.get('content-security-policy')).toMatch(/default-src 'none'.*frame-ancestors 'none'/);
  });

  describe('in the browser', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launch();
    });
    afterAll(() => browser?.close());

    test('pages run their scripts with no CSP violation, and the live counter connects', async () => {
      const context = await browser.newContext({ baseURL: baseUrl });
      await context.addInitScript(() => {
        const seen: string[] = [];
        (window as unknown as { cspViolations: string[] }).cspViolations = seen;
        document.addEventListener('securitypolicyviolation', (e) =>
          seen.push(`${e.violatedDirective} ${e.blockedURI}`),
        );
      });
      const page = await context.newPage();
      const consoleErrors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text())) {
          consoleErrors.push(message.text());
        }
      });

      // The alliance home opens the signatureAdded subscription once its script runs.
      const acknowledged = page.waitForEvent('websocket').then(
        (socket) =>
          new Promise<boolean>((resolve) => {
            socket.on('framereceived', ({ payload }) => {
              if (String(payload).includes('connection_ack')) resolve(true);
            });
            socket.on('close', () => resolve(false));
          }),
      );
      await page.goto(`/alliances/${slug}`);
      expect(await acknowledged).toBe(true);
      for (const path of pages) {
        await page.goto(path);
        await page.waitForLoadState('networkidle');
        const violations = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
        expect(violations, path).toEqual([]);
      }
      expect(consoleErrors).toEqual([]);
      await context.close();
    });
  });
});
