import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launch, skipReason } from './browser.ts';
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
 * [COMMENTS] Public challenge and input, on a phone's width and without JavaScript: a person who represents no
 * organisation comments on a decision of published minutes and sees it waiting; the group's chair answers it from the
 * moderation queue; the public reads the comment and the answer on the meeting's page. Axe on the three pages (axe
 * needs JavaScript in the page, so those visits have it). The meeting and its minutes are seeded through the API.
 */
describe.skipIf(Boolean(skipReason))('comments on minutes', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let chairCookie = '';
  let citizenCookie = '';
  let meetingPath = '';
  const title = unique('Sorting capacity');
  const question = unique('Were the small sorting plants counted too?');
  const answer = 'Yes, all 41 of them; the map lists them by country.';

  const newPage = (options: PageOptions = {}) => openPage(browser, contexts, { width: 375, height: 800, ...options });

  const decisionId = async () => {
    const { data } = await graphql<{ meeting: { minutes: { decisions: { id: string }[] } } }>(
      'query ($id: ID!) { meeting(id: $id) { minutes { decisions { id } } } }',
      { id: meetingPath.split('/').at(-1) },
    );
    return data.meeting.minutes.decisions[0]?.id ?? '';
  };

  beforeAll(async () => {
    browser = await launch();
    const { context } = await newPage();
    const staffCookie = await signInThroughApi(context, SECRETARIAT);
    // A representative of the demo's packaging group's chair, as the secretariat sees them.
    const { data } = await graphql<{
      alliance: {
        workingGroup: {
          id: string;
          chairs: { role: string; organisation: { representatives: { person: { email: string } }[] } }[];
        };
      };
    }>(
      `query ($slug: String!) { alliance(slug: $slug) { workingGroup(slug: "packaging") { id
        chairs { role organisation { representatives { person { email } } } } } } }`,
      { slug },
      staffCookie,
    );
    const group = data.alliance.workingGroup;
    const chairEmail = group.chairs.find((c) => c.role === 'CHAIR')?.organisation.representatives[0]?.person.email;
    if (!chairEmail) throw new Error('the demo packaging group has no chair with a representative');
    chairCookie = await signInThroughApi(context, chairEmail);
    citizenCookie = await signInThroughApi(context, `${unique('citizen').replace(' ', '.')}@example.org`);
    const year = new Date().getUTCFullYear() + 1;
    const scheduled = await graphql<{ scheduleMeeting: { id: string } }>(
      `mutation ($g: ID!, $input: MeetingInput!) { scheduleMeeting(allianceSlug: "${slug}", workingGroupId: $g,
        input: $input) { id } }`,
      {
        g: group.id,
        input: {
          title,
          purpose: 'Where can the chain sort more PET trays?',
          start: `${year}-02-10T10:00`,
          end: `${year}-02-10T12:00`,
          timeZone: 'Europe/Brussels',
          place: 'Brussels',
          capacity: 20,
        },
      },
      chairCookie,
    );
    const meetingId = scheduled.data.scheduleMeeting.id;
    await graphql(
      'mutation ($m: ID!, $input: MeetingMinutesInput!) { saveMeetingMinutes(meetingId: $m, input: $input) { text } }',
      {
        m: meetingId,
        input: { text: 'We mapped the sorting plants.', decisions: ['Publish the map of sorting plants.'] },
      },
      chairCookie,
    );
    await graphql(
      'mutation ($m: ID!) { publishMeetingMinutes(meetingId: $m) { publishedAt } }',
      { m: meetingId },
      chairCookie,
    );
    meetingPath = `/alliances/${slug}/meetings/${meetingId}`;
    await context.close();
  }, 120_000);
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
  });

  test('[COMMENTS]: a person comments on a decision, the chair answers it, the public reads both (375 px, no JavaScript)', async () => {
    // The writer, without JavaScript: the form under the minutes, a refusal beside its field, then the comment sent.
    const { page: writer } = await newPage({ javaScriptEnabled: false, cookie: citizenCookie });
    await writer.goto(meetingPath);
    await writer.getByRole('button', { name: 'Send the comment' }).click();
    await expect.poll(() => textOf(writer.locator('.field.has-error'))).toContain('Write your comment.');
    await writer.getByLabel('About').selectOption({ label: 'Decision 1: Publish the map of sorting plants.' });
    await writer.getByLabel('Your comment').fill(question);
    await writer.getByRole('button', { name: 'Send the comment' }).click();
    await expect.poll(() => textOf(writer.locator('main'))).toContain('Your comment waits for the chair');
    const mine = writer.locator('ol.comments > li', { hasText: question });
    expect(await textOf(mine)).toContain('Awaiting moderation: only you and the chair see it.');
    expect(await textOf(mine)).toContain('On decision 1');
    await expectNoSidewaysScroll(writer, 'the meeting page with a pending comment');

    // The public does not see it yet.
    const { page: early } = await newPage({ javaScriptEnabled: false });
    await early.goto(meetingPath);
    expect(await textOf(early.locator('main'))).not.toContain(question);

    // Axe on the writer's page and the chair's queue while the comment waits (axe needs JavaScript in the page).
    for (const [cookie, path, what] of [
      [citizenCookie, meetingPath, 'the meeting page with a pending comment and the form'],
      [chairCookie, `/alliances/${slug}/comments`, 'the moderation queue'],
    ] as const) {
      const { page } = await newPage({ cookie });
      await page.goto(path);
      await expectAccessible(page, what);
    }

    // The chair, without JavaScript: the queue, an answer, and the comment leaves the queue.
    const { page: chair } = await newPage({ javaScriptEnabled: false, cookie: chairCookie });
    await chair.goto(`/alliances/${slug}/comments`);
    const item = chair.locator('ol.queue > li', { hasText: question });
    await item.getByLabel('Your answer (public)').fill(answer);
    await item.getByRole('button', { name: 'Publish with this answer' }).click();
    await expect.poll(() => textOf(chair.locator('main'))).toContain('The comment and your answer are published');
    expect(await chair.locator('ol.queue > li', { hasText: question }).count()).toBe(0);

    // The public reads the comment and the answer under the decision's minutes.
    const { page: reader } = await newPage({ javaScriptEnabled: false });
    await reader.goto(meetingPath);
    const published = reader.locator('ol.comments > li', { hasText: question });
    expect(await textOf(published)).toContain(answer);
    expect(await textOf(published)).toContain('The chair’s answer');
    expect(await textOf(published)).not.toContain('Awaiting moderation');
    await expect.poll(() => textOf(reader.locator('main'))).toContain('Sign in with your e-mail address to comment');
    await expectNoSidewaysScroll(reader, 'the meeting page with its comments');
    const { page: withScript } = await newPage();
    await withScript.goto(meetingPath);
    await expectAccessible(withScript, 'the meeting page with an answered comment');
  }, 120_000);

  test('[COMMENTS]: the chair publishes a comment first and answers it later, from the meeting page, without JavaScript', async () => {
    const later = 'Which plants take black trays?';
    const { data } = await graphql<{ commentOnMinutes: { id: string } }>(
      'mutation ($m: ID!, $t: String!) { commentOnMinutes(meetingId: $m, text: $t) { id } }',
      { m: meetingPath.split('/').at(-1), t: later },
      citizenCookie,
    );
    const { page: chair } = await newPage({ javaScriptEnabled: false, cookie: chairCookie });
    await chair.goto(`/alliances/${slug}/comments`);
    await chair
      .locator('ol.queue > li', { hasText: later })
      .getByRole('button', { name: 'Publish', exact: true })
      .click();
    await expect.poll(() => textOf(chair.locator('main'))).toContain('The comment is published');

    const { page: withScript } = await newPage({ cookie: chairCookie });
    await withScript.goto(`/alliances/${slug}/comments?answer=${data.commentOnMinutes.id}`);
    expect(await withScript.getByRole('region', { name: 'Answer a published comment' }).count()).toBe(1);
    await expectAccessible(withScript, 'the moderation queue with a published comment to answer');

    // From the meeting page: the published comment offers its answer; a blank answer is refused beside the field.
    await chair.goto(meetingPath);
    await chair
      .locator(`#comment-${data.commentOnMinutes.id}`)
      .getByRole('link', { name: 'Answer this comment in the open' })
      .click();
    const form = chair.getByRole('region', { name: 'Answer a published comment' });
    expect(await textOf(form)).toContain(later);
    await form.getByRole('button', { name: 'Publish the answer' }).click();
    await expect
      .poll(() => textOf(chair.getByRole('region', { name: 'Answer a published comment' }).locator('.field.has-error')))
      .toContain('Write the answer');
    await chair.getByLabel('Your answer (public)').fill('Two of them, both in Flanders: see the map.');
    await chair.getByRole('button', { name: 'Publish the answer' }).click();
    await expect.poll(() => textOf(chair.locator('main'))).toContain('The comment and your answer are published');

    const { page: reader } = await newPage({ javaScriptEnabled: false, width: 375 });
    await reader.goto(meetingPath);
    const answered = reader.locator(`#comment-${data.commentOnMinutes.id}`);
    expect(await textOf(answered)).toContain('Two of them, both in Flanders: see the map.');
    expect(await answered.getByRole('link', { name: 'Answer this comment in the open' }).count()).toBe(0);
    // Answered now: nothing more to answer there.
    await withScript.reload();
    expect(await withScript.getByRole('region', { name: 'Answer a published comment' }).count()).toBe(0);
  }, 120_000);

  test('[COMMENTS]: the chair records a commitment from the decision without JavaScript; it links back to it', async () => {
    const { page } = await newPage({ javaScriptEnabled: false, cookie: chairCookie });
    await page.goto(meetingPath);
    await page.getByRole('link', { name: 'Record a commitment from this decision' }).click();
    expect(await textOf(page.getByRole('heading', { level: 1 }))).toBe('Record a commitment');
    expect(await page.getByLabel('What is to be done').inputValue()).toBe('Publish the map of sorting plants.');
    await page.getByRole('button', { name: 'Record the commitment' }).click();
    await expect.poll(() => textOf(page.locator('main'))).toContain('Choose the organisation that takes it on.');
    await page.getByLabel('Taskholder').selectOption({ index: 1 });
    await page.getByLabel('Deadline').fill(`${new Date().getUTCFullYear() + 1}-06-30`);
    await page.getByRole('button', { name: 'Record the commitment' }).click();
    await expect.poll(() => page.url()).toMatch(/\/commitments\/[0-9a-f-]{36}$/);
    expect(await textOf(page.locator('main'))).toContain(`Decision 1 of “${title}”`);
    await expectNoSidewaysScroll(page, 'the commitment from a decision');
    // The meeting's page lists it under its decision.
    const { page: reader } = await newPage({ javaScriptEnabled: false });
    await reader.goto(meetingPath);
    expect(await textOf(reader.locator('ol.decisions'))).toContain('Publish the map of sorting plants.');
    expect(await reader.locator('ol.decisions .decision-commitments li').count()).toBe(1);
    const { page: withScript } = await newPage({ cookie: chairCookie });
    await withScript.goto(`${meetingPath}/commitments/new?decision=${await decisionId()}`);
    await expectAccessible(withScript, 'the form recording a commitment from a decision');
  }, 60_000);
});
