import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { baseUrl, launch, skipReason } from './browser.ts';
import {
  expectAccessible,
  graphql,
  linkIn,
  nextMail,
  openPage,
  type PageOptions,
  SECRETARIAT,
  seedSignature,
  seenMail,
  signInThroughApi,
  slug,
  textOf,
  unique,
} from './journey.ts';

/**
 * [MEETINGS] A new working group with a chair and a member (seeded through the API). The chair, without JavaScript,
 * schedules a meeting from the group's page (told beside the field when it ends before it starts), scripts it with
 * two items and moves one up, and publishes minutes with a decision; the member follows the link of the invitation
 * e-mail to the meeting's page and, without JavaScript, registers and lands on the waiting list of a full meeting;
 * the public reads the page at a phone's width with no online link, and the lists and the live view. Axe on each page.
 */
describe.skipIf(Boolean(skipReason))('meetings', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let staffCookie = '';
  let chair: { email: string; cookie: string; organisationId: string };
  let member: { email: string; cookie: string; organisationId: string };
  const groupSlug = `meetings-${Date.now().toString(36)}`;
  const groupName = unique('Meeting Practice');
  const title = unique('Design for recycling');
  const commitmentTitle = unique('Collect the sorting results');
  let meetingPath = '';
  let memberSeen = new Set<string>();
  const year = new Date().getUTCFullYear() + 1;

  const newPage = (options: PageOptions = {}) => openPage(browser, contexts, { height: 900, ...options });

  /** A new person and organisation whose signature the secretariat approved, joined to the group. */
  async function groupMember(prefix: string, groupId: string) {
    const { context } = await newPage();
    const email = `${unique(prefix).replace(' ', '.')}@example.org`;
    const seen = await seenMail(email);
    const cookie = await signInThroughApi(context, email);
    const { organisationId, signatureId } = await seedSignature(cookie, unique(`${prefix} Recyclers`));
    const token = new URL(linkIn(await nextMail(email, /confirm/i, seen), '/signatures/confirm')).searchParams.get(
      'token',
    );
    await graphql('mutation ($token: String!) { confirmSignature(token: $token) { id } }', { token });
    await graphql('mutation ($id: ID!) { approveSignature(id: $id) { id } }', { id: signatureId }, staffCookie);
    await graphql(
      'mutation ($g: ID!, $o: ID!) { joinWorkingGroup(workingGroupId: $g, organisationId: $o) { role } }',
      { g: groupId, o: organisationId },
      cookie,
    );
    await context.close();
    return { email, cookie, organisationId };
  }

  beforeAll(async () => {
    browser = await launch();
    const { context } = await newPage();
    staffCookie = await signInThroughApi(context, SECRETARIAT);
    await context.close();
    // A group of its own: its invitations go to these two people only.
    const { data } = await graphql<{ createWorkingGroup: { id: string } }>(
      `mutation ($input: WorkingGroupInput!) { createWorkingGroup(allianceSlug: "${slug}", input: $input) { id } }`,
      {
        input: {
          slug: groupSlug,
          name: groupName,
          kind: 'HORIZONTAL',
          mandate: 'Tries out scripted meetings.',
          relevantStages: ['RECYCLER'],
        },
      },
      staffCookie,
    );
    const groupId = data.createWorkingGroup.id;
    [chair, member] = await Promise.all([groupMember('chiara', groupId), groupMember('mo', groupId)]);
    const chairPerson = await graphql<{ me: { person: { id: string } } }>('{ me { person { id } } }', {}, chair.cookie);
    await graphql(
      'mutation ($g: ID!, $o: ID!, $p: ID!) { appointChair(workingGroupId: $g, organisationId: $o, personId: $p, role: CHAIR) { role } }',
      { g: groupId, o: chair.organisationId, p: chairPerson.data.me.person.id },
      staffCookie,
    );
    memberSeen = await seenMail(member.email);
    // An open commitment of the group, for the script's review of open commitments.
    await graphql(
      `mutation ($input: CommitmentInput!) {
        createCommitment(allianceSlug: "${slug}", workingGroupSlug: "${groupSlug}", input: $input, note: "Agreed.") { id } }`,
      {
        input: {
          title: commitmentTitle,
          taskholderOrganisationId: member.organisationId,
          deadline: `${year}-05-29`,
        },
      },
      staffCookie,
    );
  }, 180_000);
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
  });

  test('[MEETINGS]: a chair schedules and scripts a meeting without JavaScript, refusals beside their fields', async () => {
    const { page } = await newPage({ javaScriptEnabled: false, cookie: chair.cookie });
    await page.goto(`/alliances/${slug}/working-groups/${groupSlug}`);
    await page.getByRole('link', { name: 'Schedule a meeting' }).click();
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Purpose').fill('Which design rules for trays can the whole chain apply?');
    await page.getByLabel('Start (date and time)').fill(`${year}-06-10T09:30`);
    await page.getByLabel('End (date and time)').fill(`${year}-06-10T09:00`);
    await page.getByLabel(/^Place \(optional\)$/).fill('Berlaymont, Brussels');
    await page.getByLabel('Link to join online').fill('https://meet.example.org/dfr');
    await page.getByLabel('Places', { exact: true }).fill('1');
    await page.getByRole('button', { name: 'Schedule the meeting' }).click();
    // The API's refusal, beside the field it names; what was typed is still there.
    expect(await page.locator('#meeting-end').getAttribute('aria-invalid')).toBe('true');
    expect(await textOf(page.locator('#meeting-end-error'))).toContain('must end after it starts');
    expect(await page.getByLabel('Title').inputValue()).toBe(title);
    await page.getByLabel('End (date and time)').fill(`${year}-06-10T12:00`);
    await page.getByRole('button', { name: 'Schedule the meeting' }).click();
    expect(await textOf(page.getByRole('status'))).toContain('The meeting is scheduled');
    expect(await textOf(page.getByRole('heading', { level: 1 }))).toBe(title);
    meetingPath = new URL(page.url()).pathname;
    expect(meetingPath).toMatch(new RegExp(`^/alliances/${slug}/meetings/[0-9a-f-]{36}$`));
    expect(await page.getByRole('link', { name: 'https://meet.example.org/dfr' }).count()).toBe(1);

    // The script: three items, the second moved up, the last reviewing the open commitments; the meeting's page shows
    // them in that order, minute by minute, and the group's open commitment under the review.
    await page.getByRole('link', { name: 'Edit the script' }).click();
    for (const [name, minutes, method, reviews] of [
      ['Welcome and check-in', '20', 'CIRCLE', false],
      ['World Café on design rules', '90', 'WORLD_CAFE', false],
      ['Review of open commitments', '15', 'PLENARY', true],
    ] as const) {
      await page.getByLabel('Title').fill(name);
      await page.getByLabel('Duration in minutes').fill(minutes);
      await page.getByLabel('Method').selectOption(method);
      await page.getByLabel(/^Hosts \(optional\)$/).fill('Chiara');
      if (reviews) await page.getByLabel('Review the open commitments in this item').check();
      await page.getByRole('button', { name: 'Add the item' }).click();
    }
    await page.getByRole('button', { name: 'Move up World Café on design rules' }).click();
    await page.goto(meetingPath);
    const items = page.locator('.script > li');
    expect(await items.count()).toBe(3);
    expect(await textOf(items.nth(0))).toContain('09:30–11:00');
    expect(await textOf(items.nth(0))).toContain('World Café on design rules');
    expect(await textOf(items.nth(1))).toContain('11:00–11:20');
    expect(await items.nth(1).getByText('Open commitments to review').count()).toBe(0);
    expect(await textOf(items.nth(2))).toContain('Open commitments to review');
    const reviewed = items.nth(2).getByRole('link', { name: commitmentTitle });
    expect(await reviewed.count()).toBe(1);
    expect(await textOf(items.nth(2).locator('.review li'))).toContain('Open');

    // The run sheet for the hosts, linked in the page's language: a PDF for the chair, refused to the public.
    const runSheet = page.getByRole('link', { name: 'Run sheet for the hosts (PDF)' });
    const href = (await runSheet.getAttribute('href')) ?? '';
    expect(href).toBe(`/exports/meetings/${meetingPath.split('/').at(-1)}/run-sheet.pdf?lang=en`);
    const sheet = await fetch(new URL(href, baseUrl), { headers: { cookie: chair.cookie } });
    expect(sheet.status).toBe(200);
    expect(sheet.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await sheet.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
    expect((await fetch(new URL(href, baseUrl))).status).toBe(401);

    // Minutes with a decision, published: the page shows them to everyone.
    await page.getByRole('link', { name: 'Write the minutes' }).click();
    await page.getByLabel('Minutes', { exact: true }).fill('We agreed on **three** rules.');
    await page.getByLabel(/^Decision 1 \(optional\)$/).fill('Trays are made of one polymer.');
    await page.getByRole('button', { name: 'Publish' }).click();
    expect(await textOf(page.getByRole('status'))).toContain('The minutes are published');
    expect(await page.getByText('Trays are made of one polymer.', { exact: true }).count()).toBe(1);

    // Axe runs in the page: the chair's pages again with JavaScript.
    const { page: withScript } = await newPage({ cookie: chair.cookie });
    for (const path of [
      `/alliances/${slug}/meetings/new?workingGroup=${groupSlug}`,
      `${meetingPath}/edit`,
      `${meetingPath}/script`,
      meetingPath,
    ]) {
      await withScript.goto(path);
      await expectAccessible(withScript, path);
    }
  });

  test('[MEETINGS]: the invitation’s link opens the page; a member registers without JavaScript and waits', async () => {
    const invitation = await nextMail(member.email, /^Invitation:/, memberSeen);
    const link = linkIn(invitation, meetingPath);
    expect((await fetch(link, { redirect: 'manual' })).status).toBe(200);
    // The address earlier invitations carried leads there too.
    const { page } = await newPage({ javaScriptEnabled: false, cookie: member.cookie });
    await page.goto(`/meetings/${meetingPath.split('/').at(-1)}`);
    expect(new URL(page.url()).pathname).toBe(meetingPath);

    // The chair took the only place first: the member joins the waiting list, and sees where they stand.
    await graphql(
      'mutation ($id: ID!) { registerForMeeting(meetingId: $id) { status } }',
      {
        id: meetingPath.split('/').at(-1),
      },
      chair.cookie,
    );
    await page.reload();
    await page.getByRole('button', { name: 'Join the waiting list' }).click();
    expect(await textOf(page.getByRole('status'))).toContain('Your registration is recorded.');
    expect(await page.getByText('You are number 1 on the waiting list.').count()).toBe(1);
    await page.getByRole('button', { name: 'Leave the waiting list' }).click();
    expect(await page.getByRole('button', { name: 'Join the waiting list' }).count()).toBe(1);
  });

  test('[MEETINGS]: the public reads the meeting at 375 px, without its online link, and the lists and live view', async () => {
    const { page } = await newPage({ width: 375 });
    await page.goto(meetingPath);
    expect(await textOf(page.getByRole('heading', { level: 1 }))).toBe(title);
    expect(await page.getByText('meet.example.org').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Sign in to register' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Edit the script' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Run sheet for the hosts (PDF)' }).count()).toBe(0);
    expect(await page.getByText('Trays are made of one polymer.').count()).toBe(1);
    await expectAccessible(page, 'the meeting page');

    await page.goto(`/alliances/${slug}/working-groups/${groupSlug}`);
    expect(await page.getByRole('link', { name: title }).count()).toBe(1);
    await page.goto(`/alliances/${slug}/meetings`);
    expect(await page.getByRole('link', { name: title }).count()).toBe(1);
    await expectAccessible(page, 'the alliance’s meetings');

    // The live view at ten past the start: the World Café runs, the check-in is next.
    const { data } = await graphql<{ meeting: { startsAt: string } }>(
      'query ($id: ID!) { meeting(id: $id) { startsAt } }',
      { id: meetingPath.split('/').at(-1) },
    );
    const at = new Date(Date.parse(data.meeting.startsAt) + 10 * 60_000).toISOString();
    await page.goto(`${meetingPath}/live?at=${encodeURIComponent(at)}`);
    expect(await textOf(page.locator('.now'))).toContain('World Café on design rules');
    expect(await textOf(page.locator('.now'))).toContain('80 min left');
    await expectAccessible(page, 'the live script');
  });

  test('[MEETINGS]: the chair takes attendance of a meeting held, without JavaScript, and sees who was missing', async () => {
    const { data: group } = await graphql<{ alliance: { workingGroup: { id: string } } }>(
      `query { alliance(slug: "${slug}") { workingGroup(slug: "${groupSlug}") { id } } }`,
    );
    const day = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    const { data } = await graphql<{ scheduleMeeting: { id: string } }>(
      `mutation ($g: ID!, $input: MeetingInput!) { scheduleMeeting(allianceSlug: "${slug}", workingGroupId: $g, input: $input) { id } }`,
      {
        g: group.alliance.workingGroup.id,
        input: {
          title: unique('Held'),
          purpose: 'What did we learn?',
          start: `${day}T09:30`,
          end: `${day}T11:00`,
          timeZone: 'Europe/Brussels',
          place: 'Brussels',
          capacity: 10,
        },
      },
      chair.cookie,
    );
    const path = `/alliances/${slug}/meetings/${data.scheduleMeeting.id}/attendance`;
    const { page } = await newPage({ javaScriptEnabled: false, cookie: chair.cookie });
    await page.goto(path);
    const boxes = page.getByRole('checkbox');
    expect(await boxes.count()).toBe(2);
    await page.getByRole('checkbox', { name: /^mo / }).check();
    await page.getByRole('button', { name: 'Save the attendance' }).click();
    expect(await textOf(page.getByRole('status'))).toContain('The attendance is recorded.');
    expect(await textOf(page.locator('#absent-heading'))).toBe('Members not in the room: 1');
    expect(await page.getByRole('checkbox', { name: /^mo / }).isChecked()).toBe(true);
    const { page: withScript } = await newPage({ cookie: chair.cookie, width: 375 });
    await withScript.goto(path);
    await expectAccessible(withScript, 'the attendance page');
  });

  test('[MEETINGS]: during a meeting its hosts see now and next on its page, without JavaScript; the public does not', async () => {
    const { data: group } = await graphql<{ alliance: { workingGroup: { id: string } } }>(
      `query { alliance(slug: "${slug}") { workingGroup(slug: "${groupSlug}") { id } } }`,
    );
    // Started ten minutes ago (UTC, to the minute): the opening circle runs, the fishbowl is next.
    const wall = (ms: number) => new Date(ms).toISOString().slice(0, 16);
    const start = Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000;
    const { data } = await graphql<{ scheduleMeeting: { id: string } }>(
      `mutation ($g: ID!, $input: MeetingInput!) { scheduleMeeting(allianceSlug: "${slug}", workingGroupId: $g, input: $input) { id } }`,
      {
        g: group.alliance.workingGroup.id,
        input: {
          title: unique('Running'),
          purpose: 'Who changes what first?',
          start: wall(start),
          end: wall(start + 120 * 60_000),
          timeZone: 'UTC',
          place: 'Brussels',
          capacity: 10,
        },
      },
      chair.cookie,
    );
    const id = data.scheduleMeeting.id;
    for (const input of [
      { title: 'Opening circle', durationMinutes: 30, method: 'CIRCLE', hosts: 'Chiara' },
      { title: 'Fishbowl on recycled content', durationMinutes: 60, method: 'FISHBOWL' },
    ]) {
      await graphql(
        'mutation ($m: ID!, $input: AgendaItemInput!) { addAgendaItem(meetingId: $m, input: $input) { id } }',
        { m: id, input },
        chair.cookie,
      );
    }
    const path = `/alliances/${slug}/meetings/${id}`;
    const { page } = await newPage({ javaScriptEnabled: false, cookie: chair.cookie });
    await page.goto(path);
    const live = page.locator('section[aria-labelledby="live-heading"]');
    expect(await textOf(live.locator('.now'))).toContain('Opening circle');
    expect(await textOf(live.locator('.now'))).toContain('Hosts: Chiara');
    expect(await textOf(live.locator('.panel:not(.now)'))).toContain('Fishbowl on recycled content');
    expect(await live.getByRole('link', { name: 'Refresh' }).getAttribute('href')).toBe(path);

    const { page: withScript } = await newPage({ cookie: chair.cookie, width: 375 });
    await withScript.goto(path);
    expect(await textOf(withScript.locator('#live-heading'))).toBe('Now and next');
    await expectAccessible(withScript, 'the meeting page, live');
    const { page: publicPage } = await newPage();
    await publicPage.goto(path);
    expect(await publicPage.locator('#live-heading').count()).toBe(0);
  });
});
