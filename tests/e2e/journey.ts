import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { axeViolations, baseUrl } from './browser.ts';

/**
 * Helpers for the signing journey: the API (to seed, to read the development mailbox, to sign in without
 * the log-in pages where the test is not about them), the keyboard, and axe on every page.
 */

export const slug = 'circular-plastics';
export const SECRETARIAT = 'secretariat@concord.example';

/**
 * A cap for one browser step (a click and the page it leads to) while two browser files share a busy 2-core machine.
 * It fails a stuck step long before the test's own time runs out; 10 s was too short for a wait in the progress
 * journey on a loaded CI machine.
 */
export const STEP_TIMEOUT_MS = 20_000;

export interface PageOptions {
  /** True unless said otherwise, as in a browser. */
  javaScriptEnabled?: boolean;
  /** The viewport; 1280 by 720 unless said otherwise, Playwright's own default. */
  width?: number;
  height?: number;
  /** The browser's language; Playwright's own unless said otherwise. */
  locale?: string;
  /**
   * A session as `name=value` (what signInThroughApi answers): one sign-in serves several browsers (with and without
   * JavaScript), since log-in links are rate-limited.
   */
  cookie?: string;
  /** Another server than the suite's (a test that starts its own); the suite's by default. */
  base?: string;
}

/**
 * A page in a browser context of its own, with STEP_TIMEOUT_MS for each step. The context goes into `contexts`
 * for the file to close after its tests. Downloads are accepted (Playwright's default): some journeys read a PDF.
 */
export async function openPage(
  browser: Browser,
  contexts: BrowserContext[],
  options: PageOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const base = options.base ?? baseUrl;
  const context = await browser.newContext({
    baseURL: base,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    viewport: { width: options.width ?? 1280, height: options.height ?? 720 },
    locale: options.locale,
  });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  contexts.push(context);
  if (options.cookie) await giveSession(context, options.cookie, base);
  return { context, page: await context.newPage() };
}

/** Gives `context` the session `cookie` (`name=value`, what signInThroughApi answers) on `base`. */
export async function giveSession(context: BrowserContext, cookie: string, base = baseUrl): Promise<void> {
  const [name = '', value = ''] = cookie.split('=');
  await context.addCookies([{ name, value, url: base, httpOnly: true, sameSite: 'Lax' }]);
}

/** `base`: another server than the suite's (a test that starts its own); the suite's by default. */
export async function graphql<T>(
  query: string,
  variables: Record<string, unknown> = {},
  cookie?: string,
  base = baseUrl,
): Promise<{ data: T; headers: Headers }> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data: T; errors?: unknown[] };
  if (body.errors) throw new Error(`GraphQL: ${JSON.stringify(body.errors)}`);
  return { data: body.data, headers: response.headers };
}

interface MailSummary {
  id: string;
  subject: string;
  text: string;
}

async function mailbox(to: string, base = baseUrl): Promise<MailSummary[]> {
  const { data } = await graphql<{ devMailbox: { nodes: MailSummary[] } }>(
    'query ($to: String) { devMailbox(first: 50, to: $to) { nodes { id subject text } } }',
    { to },
    undefined,
    base,
  );
  return data.devMailbox.nodes;
}

/**
 * Waits for the next e-mail to `to` whose subject matches (e-mail goes out through the job queue, so it
 * arrives a moment after the action); `seen` are ids already read, so an older message never counts.
 */
export async function nextMail(to: string, subject: RegExp, seen: Set<string>, base = baseUrl): Promise<MailSummary> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const message = (await mailbox(to, base)).find((m) => !seen.has(m.id) && subject.test(m.subject));
    if (message) {
      seen.add(message.id);
      return message;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`No e-mail to ${to} matching ${subject} arrived`);
}

/** The first link in a message's text that leads to `path` on this site. */
export function linkIn(message: MailSummary, path: string): string {
  const url = message.text.match(/https?:\/\/\S+/g)?.find((u) => new URL(u).pathname === path);
  if (!url) throw new Error(`No link to ${path} in:\n${message.text}`);
  return url;
}

/** Marks every existing message to `to` as read. */
export async function seenMail(to: string, base = baseUrl): Promise<Set<string>> {
  return new Set((await mailbox(to, base)).map((m) => m.id));
}

/**
 * Signs in through the API (log-in link from the mailbox, then the session cookie) and gives the session to
 * `context`; answers the `Cookie` header for calling the API as that person.
 */
export async function signInThroughApi(context: BrowserContext, email: string, base = baseUrl): Promise<string> {
  const seen = await seenMail(email, base);
  await graphql(
    'mutation ($email: String!) { requestLoginLink(email: $email) { accepted } }',
    { email },
    undefined,
    base,
  );
  const token = new URL(linkIn(await nextMail(email, /sign-in/i, seen, base), '/login/verify')).searchParams.get(
    'token',
  );
  const { headers } = await graphql(
    'mutation ($token: String!) { signInWithLink(token: $token) { expiresAt } }',
    { token },
    undefined,
    base,
  );
  const [pair = ''] = (headers.getSetCookie()[0] ?? '').split(';');
  const [name = '', value = ''] = pair.split('=');
  expect(name).toMatch(/concord_session$/);
  await context.addCookies([{ name, value, url: base, httpOnly: true, sameSite: 'Lax' }]);
  return `${name}=${value}`;
}

/** Registers an organisation and signs the declaration for it through the API, as `cookie`'s person. */
export async function seedSignature(
  cookie: string,
  legalName: string,
): Promise<{ organisationId: string; signatureId: string }> {
  const { data: registered } = await graphql<{ registerOrganisation: { organisation: { id: string } } }>(
    `mutation ($input: OrganisationInput!) { registerOrganisation(input: $input) { organisation { id } } }`,
    {
      input: {
        legalName,
        country: 'NL',
        kind: 'NGO',
        size: 'SME',
        stages: ['CONSUMER_ORGANISATION'],
        registrationNumber: unique('KVK'),
      },
    },
    cookie,
  );
  const organisationId = registered.registerOrganisation.organisation.id;
  const { data: signed } = await graphql<{ signDeclaration: { id: string } }>(
    `mutation ($input: SignDeclarationInput!) { signDeclaration(input: $input) { id } }`,
    {
      input: {
        allianceSlug: slug,
        organisationId,
        declarationVersion: 1,
        signerName: 'Rosalind Franklin',
        signerJobTitle: 'Chair',
      },
    },
    cookie,
  );
  return { organisationId, signatureId: signed.signDeclaration.id };
}

/** A seeded signatory, for a registration that duplicates it by name and country. */
export async function seededSignatory(country: string): Promise<{ legalName: string; country: string }> {
  const { data } = await graphql<{
    alliance: { signatories: { nodes: { organisation: { legalName: string; country: string } }[] } };
  }>(
    'query ($slug: String!, $country: CountryCode!) { alliance(slug: $slug) { signatories(first: 1, filter: { country: $country }) { nodes { organisation { legalName country } } } } }',
    { slug, country },
  );
  const [first] = data.alliance.signatories.nodes;
  if (!first) throw new Error('no seeded signatory');
  return first.organisation;
}

export async function signatoryCount(): Promise<number> {
  const { data } = await graphql<{ alliance: { counts: { signatories: number } } }>(
    'query ($slug: String!) { alliance(slug: $slug) { counts { signatories } } }',
    { slug },
  );
  return data.alliance.counts.signatories;
}

/** axe finds nothing, and the page does not scroll sideways. (axe needs JavaScript in the page.) */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  expect(await axeViolations(page), `axe on ${what} (${page.url()})`).toEqual([]);
  await expectNoSidewaysScroll(page, what);
}

export async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `horizontal scroll on ${what}`).toBeLessThanOrEqual(0);
}

export async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

/** Presses Tab (Shift+Tab with `backwards`) until `target` has focus, as a keyboard user would. */
export async function tabTo(page: Page, target: Locator, { max = 80, backwards = false } = {}): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    if (await isFocused(target)) return;
  }
  throw new Error(`Tab never reached ${target}`);
}

/** Tabs to a control and types into it. */
export async function typeInto(page: Page, target: Locator, text: string): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.type(text);
}

/** The text a reader sees, with runs of white space as one space. */
export async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

export function unique(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

type Catalogue = Record<string, unknown>;
const catalogue = (lang: string): Catalogue =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../../frontend/portal/messages', `${lang}.json`), 'utf8'));

/** A message of `lang`'s catalogue with its placeholders filled in; a message with variants is not looked up here. */
export function sayIn(lang: string) {
  const messages = catalogue(lang);
  return (key: string, values: Record<string, string | number> = {}): string => {
    const message = messages[key];
    if (typeof message !== 'string') throw new Error(`${lang}: no plain message ${key}`);
    return message.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));
  };
}
