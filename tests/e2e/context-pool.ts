import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';

/**
 * Browser contexts used again instead of made afresh. A new context and its first page cost Chromium about 1.8 s
 * of CPU (a renderer process started, the portal's scripts and styles fetched and compiled again); the same visit
 * in a context that already has a page costs about 0.5 s (measured on this suite's 2-core machine, December 2026).
 * A suite that opens hundreds of contexts spent most of its browser time there.
 *
 * A context handed out is a lease: `close()` gives it back; a context made during a test is given back when the
 * test ends, since tests leave them open until their file ends. Before a context goes out again it is made as a
 * new one would be: no cookies, no permissions, Playwright's default timeouts, one page at `about:blank` with the
 * context's viewport. A context is closed instead of kept when a test changed something that cannot be undone
 * (routes, init scripts, headers, event listeners, permissions granted, …: any method not known to be harmless), and
 * a page on which a test set something that lasts (its own timeouts, routes, listeners, …) is not the page kept. A
 * lease used after it was given back throws, so that a test that kept one across tests fails where it does.
 */

/** Context methods that change nothing a later lease could notice, or whose change the pool undoes. */
const HARMLESS = new Set<PropertyKey>([
  'addCookies',
  'browser',
  'clearCookies',
  'cookies',
  'pages',
  'setDefaultNavigationTimeout',
  'setDefaultTimeout',
  'storageState',
  'waitForEvent',
]);
/** Page methods whose change outlives the test (a page on which one was called is closed, not kept). */
const LASTING_ON_A_PAGE = new Set<PropertyKey>([
  'addInitScript',
  'addListener',
  'addLocatorHandler',
  'emulateMedia',
  'exposeBinding',
  'exposeFunction',
  'on',
  'once',
  'prependListener',
  'route',
  'routeFromHAR',
  'routeWebSocket',
  'setDefaultNavigationTimeout',
  'setDefaultTimeout',
  'setExtraHTTPHeaders',
]);
/** Playwright's default for actions and navigations when a context sets none. */
const PLAYWRIGHT_DEFAULT_TIMEOUT_MS = 30_000;

interface Pooled {
  context: BrowserContext;
  key: string;
  viewport: { width: number; height: number } | null;
  /** A method outside HARMLESS was called, or the context closed itself: it is not handed out again. */
  spoiled: boolean;
  /** The page kept open between leases (its renderer and the context's cache are what saves the time). */
  idle: Page | undefined;
}

export class ContextPool {
  readonly #browser: Browser;
  readonly #free = new Map<string, Pooled[]>();
  /** Leases of the running test, given back when it ends. */
  readonly #ofTest = new Set<() => Promise<void>>();
  #inTest = false;

  constructor(browser: Browser) {
    this.#browser = browser;
  }

  testStarted(): void {
    this.#inTest = true;
  }

  async testEnded(): Promise<void> {
    this.#inTest = false;
    const giveBack = [...this.#ofTest];
    this.#ofTest.clear();
    for (const release of giveBack) await release();
  }

  async newContext(options: BrowserContextOptions = {}): Promise<BrowserContext> {
    const key = JSON.stringify(Object.entries(options).sort(([a], [b]) => a.localeCompare(b)));
    const pooled = this.#free.get(key)?.pop() ?? (await this.#make(key, options));
    return this.#lease(pooled);
  }

  async #make(key: string, options: BrowserContextOptions): Promise<Pooled> {
    const context = await this.#browser.newContext(options);
    const viewport = options.viewport === undefined ? { width: 1280, height: 720 } : options.viewport;
    const pooled: Pooled = { context, key, viewport, spoiled: false, idle: undefined };
    context.once('close', () => {
      pooled.spoiled = true;
    });
    return pooled;
  }

  #lease(pooled: Pooled): BrowserContext {
    let released = false;
    const pages = new Map<Page, Page>();
    const release = async () => {
      if (released) return;
      released = true;
      this.#ofTest.delete(release);
      await this.#giveBack(pooled);
    };
    if (this.#inTest) this.#ofTest.add(release);
    const pageLease = (page: Page): Page => {
      const known = pages.get(page);
      if (known) return known;
      const handle = new Proxy(page, {
        get(target, property) {
          if (released) throw new Error('A page of a browser context given back to the pool was used again.');
          if (property === 'context') return () => lease;
          if (LASTING_ON_A_PAGE.has(property)) changedPages.add(target);
          const value = Reflect.get(target, property, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      pages.set(page, handle);
      return handle;
    };
    const take = async (): Promise<Page> => {
      const idle = pooled.idle;
      pooled.idle = undefined;
      if (idle && !idle.isClosed()) {
        return pageLease(idle);
      }
      const page = await pooled.context.newPage();
      listenedAtFirst.set(page, listening(page));
      return pageLease(page);
    };
    const lease: BrowserContext = new Proxy(pooled.context, {
      get(target, property) {
        if (property === 'close') return release;
        if (released) throw new Error('A browser context given back to the pool was used again.');
        if (property === 'newPage') return take;
        const value = Reflect.get(target, property, target);
        if (typeof value !== 'function') return value;
        if (!HARMLESS.has(property)) pooled.spoiled = true;
        return value.bind(target);
      },
    });
    return lease;
  }

  /** Makes the context as a new one would be and puts it back, or closes it if that cannot be done. */
  async #giveBack(pooled: Pooled): Promise<void> {
    const { context } = pooled;
    const open = context.pages();
    const kept = open.find(
      (page) => !page.isClosed() && !changedPages.has(page) && listenedAtFirst.get(page) === listening(page),
    );
    if (pooled.spoiled || !kept) {
      await context.close().catch(() => {});
      return;
    }
    try {
      await Promise.all(open.filter((page) => page !== kept).map((page) => page.close()));
      await kept.goto('about:blank');
      if (pooled.viewport) await kept.setViewportSize(pooled.viewport);
      await context.clearCookies();
      await context.clearPermissions();
      context.setDefaultTimeout(PLAYWRIGHT_DEFAULT_TIMEOUT_MS);
      context.setDefaultNavigationTimeout(PLAYWRIGHT_DEFAULT_TIMEOUT_MS);
    } catch {
      await context.close().catch(() => {});
      return;
    }
    pooled.idle = kept;
    const free = this.#free.get(pooled.key) ?? [];
    free.push(pooled);
    this.#free.set(pooled.key, free);
  }
}

/**
 * The events listened to on a page, with how many listeners each: Playwright listens to some itself. A page a test
 * listened to too (console, dialogs, downloads, …) would tell the next test what it no longer asks: it is not kept.
 */
function listening(page: Page): string {
  const emitter = page as unknown as {
    eventNames(): (string | symbol)[];
    listenerCount(event: string | symbol): number;
  };
  return emitter
    .eventNames()
    .map((event) => `${String(event)}:${emitter.listenerCount(event)}`)
    .sort()
    .join(',');
}

/** Pages on which a test called a method in LASTING_ON_A_PAGE. */
const changedPages = new WeakSet<Page>();

/** What a page the pool made listened to when it was new. */
const listenedAtFirst = new WeakMap<Page, string>();
