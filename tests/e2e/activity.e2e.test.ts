import type { Browser, BrowserContext } from 'playwright-core';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { baseUrl, launch, skipReason } from './browser.ts';
import {
  expectAccessible,
  expectNoSidewaysScroll,
  graphql,
  openPage,
  type PageOptions,
  SECRETARIAT,
  signInThroughApi,
  slug,
  textOf,
  unique,
} from './journey.ts';

/**
 * [ACTIVITY] Working out loud: the secretariat schedules a plenary and a packaging meeting through the API; the
 * alliance's and the group's activity pages list them (each where it belongs), axe-clean on a desktop and a phone,
 * without JavaScript, with the Atom feed announced in the head; the feeds parse back as Atom (RFC 4287) in the
 * language asked for, with tag URIs that name an event the same way in both feeds.
 */
interface Element {
  name: string;
  attributes: Record<string, string>;
  text: string;
  children: Element[];
}

/** The feed as a tree, read by an XML parser that refuses anything not well-formed (and namespace errors). */
function parseXml(xml: string): Element {
  const parser = new SaxesParser({ xmlns: true });
  const stack: Element[] = [];
  let root: Element | undefined;
  parser.on('opentag', (tag) => {
    const element: Element = {
      name: `{${tag.uri}}${tag.local}`,
      attributes: Object.fromEntries(Object.values(tag.attributes).map((a) => [a.name, a.value])),
      text: '',
      children: [],
    };
    stack.at(-1)?.children.push(element);
    root ??= element;
    stack.push(element);
  });
  parser.on('text', (text) => {
    const current = stack.at(-1);
    if (current) current.text += text;
  });
  parser.on('closetag', () => stack.pop());
  parser.write(xml).close();
  if (!root) throw new Error('no root element');
  return root;
}

const ATOM = 'http://www.w3.org/2005/Atom';
const child = (element: Element, local: string) => element.children.filter((c) => c.name === `{${ATOM}}${local}`);
const one = (element: Element, local: string) => {
  const found = child(element, local);
  expect(found, `exactly one atom:${local} in ${element.name}`).toHaveLength(1);
  return found[0] as Element;
};
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Checks what RFC 4287 requires of a feed and its entries, and answers the entries as id, title and link. */
function readAtom(xml: string) {
  const feed = parseXml(xml);
  expect(feed.name).toBe(`{${ATOM}}feed`);
  expect(one(feed, 'id').text).toMatch(/^tag:[a-z0-9.-]+,2026:/);
  expect(one(feed, 'updated').text.trim()).toMatch(RFC3339);
  expect(one(feed, 'title').text.trim()).not.toBe('');
  expect(one(one(feed, 'author'), 'name').text.trim()).not.toBe('');
  const links = child(feed, 'link');
  expect(links.find((l) => l.attributes.rel === 'self')?.attributes.href).toMatch(/^https?:\/\/.+\.atom/);
  const entries = child(feed, 'entry').map((entry) => {
    expect(one(entry, 'updated').text.trim()).toMatch(RFC3339);
    const link = child(entry, 'link').find((l) => l.attributes.rel === 'alternate');
    expect(link?.attributes.href).toMatch(/^https?:\/\//);
    return {
      id: one(entry, 'id').text.trim(),
      title: one(entry, 'title').text.trim(),
      href: link?.attributes.href ?? '',
    };
  });
  expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
  for (const { id } of entries) expect(id).toMatch(/^tag:[a-z0-9.-]+,2026:circular-plastics\/activity\/\d+$/);
  return { feed, lang: feed.attributes['xml:lang'], entries };
}

describe.skipIf(Boolean(skipReason))('activity', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const plenary = unique('Plenary on recycled content');
  const groupMeeting = unique('Trays to the sorters');
  const alliancePath = `/alliances/${slug}/activity`;
  const groupPath = `/alliances/${slug}/working-groups/packaging/activity`;

  const newPage = async (options: PageOptions = {}) =>
    (await openPage(browser, contexts, { height: 900, ...options })).page;

  beforeAll(async () => {
    browser = await launch();
    const context = await browser.newContext({ baseURL: baseUrl });
    contexts.push(context);
    const staff = await signInThroughApi(context, SECRETARIAT);
    const { data: group } = await graphql<{ alliance: { workingGroup: { id: string } } }>(
      `query { alliance(slug: "${slug}") { workingGroup(slug: "packaging") { id } } }`,
    );
    const input = (title: string) => ({
      title,
      purpose: 'How much recycled content can trays take?',
      start: '2031-05-06T09:30',
      end: '2031-05-06T12:00',
      timeZone: 'Europe/Brussels',
      place: 'Brussels',
      capacity: 40,
    });
    const schedule = `mutation ($g: ID, $input: MeetingInput!) {
      scheduleMeeting(allianceSlug: "${slug}", workingGroupId: $g, input: $input) { id } }`;
    await graphql(schedule, { input: input(plenary) }, staff);
    await graphql(schedule, { g: group.alliance.workingGroup.id, input: input(groupMeeting) }, staff);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  test('[A11Y] both pages list what belongs to them; they and the group page are axe-clean on a desktop and a phone', async () => {
    for (const width of [1280, 375]) {
      const page = await newPage({ width });
      // The group's page too: its activity link and its members by stage and country are new there.
      for (const path of [alliancePath, groupPath, `/alliances/${slug}/working-groups/packaging`]) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(200);
        await expectAccessible(page, `${path} at ${width}px`);
        await expectNoSidewaysScroll(page, `${path} at ${width}px`);
      }
    }
    const page = await newPage();
    await page.goto(alliancePath);
    const list = page.getByRole('list', { name: 'Changes, newest first' });
    expect(await textOf(list)).toContain(`Meeting scheduled: ${plenary}`);
    expect(await textOf(list)).toContain(`Meeting scheduled: ${groupMeeting}`);
    await page.goto(groupPath);
    const groupList = await textOf(page.getByRole('list', { name: 'Changes, newest first' }));
    expect(groupList).toContain(groupMeeting);
    expect(groupList).not.toContain(plenary);
  });

  test('[NO-JS] without JavaScript the page lists, links and announces its feed; the group page links to it', async () => {
    const page = await newPage({ javaScriptEnabled: false });
    await page.goto(`/alliances/${slug}/working-groups/packaging`);
    await Promise.all([
      page.waitForURL(`**${groupPath}`),
      page.getByRole('link', { name: 'Activity: what changed, with its feed' }).click(),
    ]);
    expect(await page.locator('h1').textContent()).toBe('Activity of the Packaging working group');
    const alternate = page.locator('head link[rel="alternate"][type="application/atom+xml"]');
    expect(await alternate.count()).toBe(1);
    const feedHref = (await alternate.getAttribute('href')) ?? '';
    expect(feedHref).toBe(`${groupPath}.atom`);
    const feed = await fetch(new URL(feedHref, baseUrl));
    expect(feed.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect(readAtom(await feed.text()).entries.map((e) => e.title)).toContain(`Meeting scheduled: ${groupMeeting}`);

    await Promise.all([
      page.waitForURL(/\/meetings\/[0-9a-f-]{36}$/),
      page.getByRole('link', { name: `Meeting scheduled: ${groupMeeting}` }).click(),
    ]);
    expect(await page.locator('h1').textContent()).toBe(groupMeeting);
  });

  test('[ATOM] the feeds parse back as Atom, in the language asked for, an event with one id in both', async () => {
    const read = async (path: string) => {
      const response = await fetch(`${baseUrl}${path}`);
      expect(response.status, path).toBe(200);
      return readAtom(await response.text());
    };
    const alliance = await read(`${alliancePath}.atom`);
    expect(alliance.lang).toBe('en');
    const french = await read(`${alliancePath}.atom?lang=fr`);
    expect(french.lang).toBe('fr');
    expect(french.entries.map((e) => e.title)).toContain(`Réunion prévue : ${groupMeeting}`);
    expect(french.entries.map((e) => e.id)).toEqual(alliance.entries.map((e) => e.id));
    const german = await read(`/de${groupPath}.atom`);
    expect(german.lang).toBe('de');
    const inGroup = german.entries.find((e) => e.title === `Sitzung angesetzt: ${groupMeeting}`);
    const inAlliance = alliance.entries.find((e) => e.title === `Meeting scheduled: ${groupMeeting}`);
    expect(inGroup?.id).toBeDefined();
    expect(inGroup?.id).toBe(inAlliance?.id);
    expect(inGroup?.href).toMatch(/\/de\/alliances\/circular-plastics\/meetings\/[0-9a-f-]{36}$/);
    expect(german.entries.some((e) => e.title.includes(plenary))).toBe(false);
    expect((await fetch(`${baseUrl}${alliancePath}.atom?lang=<x>`)).status).toBe(400);
    expect((await fetch(`${baseUrl}/alliances/${slug}/working-groups/no-such-group/activity.atom`)).status).toBe(404);
  });
});
