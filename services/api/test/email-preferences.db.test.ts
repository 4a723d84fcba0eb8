import { schema } from '@concord/db';
import { and, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendDueDigests } from '../src/modules/mail/send-digests.ts';
import { buildTestApp, type TestApp } from './helper.ts';
import { mailbox, signIn, waitFor } from './journey.ts';
import { draft, jobsSettled, ok, type Person, pledgers, SECRETARIAT, SLUG, SUBMIT } from './pledge-fixtures.ts';

const PREFERENCES = 'query { me { emailPreferences { reviewEmails } } }';
const SET = `mutation($on: Boolean!) { setEmailPreferences(input: { reviewEmails: $on }) { reviewEmails } }`;
const SUBMITTED = /^Pledge to review:/;

let t: TestApp;
let pledger: Person;
const cookies = { pledger: '', staff: '', colleague: '' };
/** A second member of the secretariat, who keeps review e-mail on: the proof that an e-mail did go out. */
const COLLEAGUE = 'colleague@secretariat.example';

/** The headers of the newest development-mailbox message to `to` whose subject matches. */
async function newestHeaders(to: string, subject: RegExp): Promise<Record<string, string> | undefined> {
  const rows = await t.database.db
    .select()
    .from(schema.devMailboxMessage)
    .where(eq(schema.devMailboxMessage.recipient, to))
    .orderBy(desc(schema.devMailboxMessage.createdAt));
  return rows.find((row) => subject.test(row.subject))?.headers;
}

const reviewMailCount = async (to: string) => (await mailbox(t, to)).filter((m) => SUBMITTED.test(m.subject)).length;

/** A pledge outside any working group goes to the secretariat for review: each call sends them one e-mail each. */
async function submitPledgeForReview(): Promise<void> {
  const drafted = await draft(t, cookies.pledger, pledger.organisationId, { workingGroupSlug: null });
  await ok(t, SUBMIT, { id: drafted.id }, cookies.pledger);
}

/** Waits for the colleague's `count`-th review e-mail; by then the same job batch has mailed everyone it meant to. */
async function waitForColleague(count: number): Promise<void> {
  await waitFor(async () => ((await reviewMailCount(COLLEAGUE)) >= count ? true : undefined), 'the review e-mail');
  await jobsSettled(t);
}

const optOutUrlOf = (headers: Record<string, string> | undefined) => {
  const match = /^<([^>]+)>$/.exec(headers?.['List-Unsubscribe'] ?? '');
  if (!match?.[1]) throw new Error(`no List-Unsubscribe in ${JSON.stringify(headers)}`);
  return new URL(match[1]);
};

const oneClick = (url: URL, body = 'List-Unsubscribe=One-Click', type = 'application/x-www-form-urlencoded') =>
  t.app.inject({ method: 'POST', url: url.pathname + url.search, headers: { 'content-type': type }, payload: body });

async function reviewEmailsOf(email: string): Promise<boolean | undefined> {
  const [row] = await t.database.db
    .select({ activity: schema.person.activityEmailFrequency })
    .from(schema.person)
    .where(sql`lower(${schema.person.email}) = ${email.toLowerCase()}`);
  return row === undefined ? undefined : row.activity !== 'off';
}

beforeAll(async () => {
  t = await buildTestApp();
  [pledger] = (await pledgers(t, 1)) as [Person];
  const [alliance] = await t.database.db.select().from(schema.alliance).where(eq(schema.alliance.slug, SLUG));
  const [colleague] = await t.database.db
    .insert(schema.person)
    .values({ email: COLLEAGUE, name: 'A colleague' })
    .returning();
  await t.database.db
    .insert(schema.allianceStaff)
    .values({ allianceId: alliance?.id ?? '', personId: colleague?.id ?? '', role: 'secretariat' });
  cookies.pledger = await signIn(t, pledger.email);
  cookies.staff = await signIn(t, SECRETARIAT);
}, 60_000);
afterAll(() => t.close());

describe('[OPT-OUT] review e-mail, the one kind a person may stop', () => {
  it('carries a one-click List-Unsubscribe that stops it, without a session, and nothing else', async () => {
    await submitPledgeForReview();
    await waitForColleague(1);
    const headers = await newestHeaders(SECRETARIAT, SUBMITTED);
    expect(headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const url = optOutUrlOf(headers);
    expect(url.pathname).toBe('/email/opt-out');
    // Each e-mail has its own link: the colleague's opts out the colleague only.
    expect(optOutUrlOf(await newestHeaders(COLLEAGUE, SUBMITTED)).search).not.toBe(url.search);

    const res = await oneClick(url);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ optedOut: true });
    expect(await reviewEmailsOf(SECRETARIAT)).toBe(false);
    expect(await reviewEmailsOf(COLLEAGUE)).toBe(true);
    await expect(ok(t, PREFERENCES, {}, cookies.staff)).resolves.toEqual({
      me: { emailPreferences: { reviewEmails: false } },
    });

    // The next pledge reaches the colleague and not the person who opted out; the review itself is unchanged.
    const before = await reviewMailCount(SECRETARIAT);
    const colleagueBefore = await reviewMailCount(COLLEAGUE);
    await submitPledgeForReview();
    await waitForColleague(colleagueBefore + 1);
    expect(await reviewMailCount(SECRETARIAT)).toBe(before);

    // Transactional e-mail still goes out: a log-in link arrives as ever.
    await expect(signIn(t, SECRETARIAT)).resolves.toMatch(/^concord_session=/);
  });

  it('takes the same link twice (a provider, then the person), as multipart too, and records one change', async () => {
    await ok(t, SET, { on: true }, cookies.staff);
    const colleagueBefore = await reviewMailCount(COLLEAGUE);
    await submitPledgeForReview();
    await waitForColleague(colleagueBefore + 1);
    const url = optOutUrlOf(await newestHeaders(SECRETARIAT, SUBMITTED));
    const boundary = 'concord-test-boundary';
    const multipart = `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`;
    expect((await oneClick(url)).statusCode).toBe(200);
    expect((await oneClick(url, multipart, `multipart/form-data; boundary=${boundary}`)).statusCode).toBe(200);
    const changes = await t.database.db
      .select()
      .from(schema.auditEvent)
      .where(and(eq(schema.auditEvent.action, 'person.email_opt_out')));
    const [person] = await t.database.db.select().from(schema.person).where(eq(schema.person.email, SECRETARIAT));
    // One per opt-out that changed something: the first test's and this one's first POST.
    expect(changes.filter((c) => c.objectId === person?.id)).toHaveLength(2);
    expect(await reviewEmailsOf(SECRETARIAT)).toBe(false);
  });

  it('answers the opt-out page: a redirect saying it is done, or that the link is not valid', async () => {
    await ok(t, SET, { on: true }, cookies.staff);
    const colleagueBefore = await reviewMailCount(COLLEAGUE);
    await submitPledgeForReview();
    await waitForColleague(colleagueBefore + 1);
    const url = optOutUrlOf(await newestHeaders(SECRETARIAT, SUBMITTED));
    const fromPage = await oneClick(url, '', 'application/x-www-form-urlencoded');
    expect(fromPage.statusCode).toBe(303);
    expect(fromPage.headers.location).toBe('/email/opt-out?done=1');
    expect(await reviewEmailsOf(SECRETARIAT)).toBe(false);

    const forged = new URL(url);
    forged.searchParams.set('token', 'A'.repeat(43));
    const invalid = await oneClick(forged, '');
    expect(invalid.statusCode).toBe(303);
    expect(invalid.headers.location).toBe('/email/opt-out?invalid=1');
    for (const token of ['A'.repeat(43), 'not a token', '']) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/email/opt-out?token=${encodeURIComponent(token)}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: 'NOT_FOUND' });
    }
  });

  it('is changed on the account by the person themselves, and by nobody signed out', async () => {
    const anonymous = await t.graphql(SET, { on: false });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await expect(ok(t, SET, { on: true }, cookies.staff)).resolves.toEqual({
      setEmailPreferences: { reviewEmails: true },
    });
    expect(await reviewEmailsOf(SECRETARIAT)).toBe(true);
    // A representative's preference is their own: the secretariat's is untouched.
    await ok(t, SET, { on: false }, cookies.pledger);
    expect(await reviewEmailsOf(pledger.email)).toBe(false);
    expect(await reviewEmailsOf(SECRETARIAT)).toBe(true);
    const wrongType = await t.graphql(SET, { on: 'yes' }, { cookie: cookies.staff });
    expect(wrongType.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

const CHOICES = 'activity announcements reviewEmails announcementEmails';
const CHOOSE = `mutation($input: EmailPreferencesInput!) { setEmailPreferences(input: $input) { ${CHOICES} } }`;

describe('[DIGEST] how often: off, immediately, a daily or a weekly digest (docs/adr/0036)', () => {
  it('takes a frequency per kind, and keeps the deprecated booleans working beside it', async () => {
    const choose = async (input: Record<string, unknown>) =>
      (await ok<{ setEmailPreferences: Record<string, unknown> }>(t, CHOOSE, { input }, cookies.staff))
        .setEmailPreferences;
    await expect(choose({ activity: 'DAILY', announcements: 'WEEKLY' })).resolves.toEqual({
      activity: 'DAILY',
      announcements: 'WEEKLY',
      reviewEmails: true,
      announcementEmails: true,
    });
    // An old client's "on" keeps the digest chosen; its "off" is OFF; "on" again from OFF is IMMEDIATELY.
    await expect(choose({ reviewEmails: true })).resolves.toMatchObject({ activity: 'DAILY', announcements: 'WEEKLY' });
    await expect(choose({ reviewEmails: false })).resolves.toMatchObject({ activity: 'OFF', reviewEmails: false });
    await expect(choose({ reviewEmails: true })).resolves.toMatchObject({ activity: 'IMMEDIATELY' });
    await expect(ok(t, `{ me { emailPreferences { ${CHOICES} } } }`, {}, cookies.staff)).resolves.toEqual({
      me: {
        emailPreferences: {
          activity: 'IMMEDIATELY',
          announcements: 'WEEKLY',
          reviewEmails: true,
          announcementEmails: true,
        },
      },
    });
    const both = await t.graphql(CHOOSE, { input: { activity: 'OFF', reviewEmails: true } }, { cookie: cookies.staff });
    expect(both.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reviewEmails' });
    const unknown = await t.graphql(CHOOSE, { input: { activity: 'HOURLY' } }, { cookie: cookies.staff });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    await expect(choose({ announcements: 'IMMEDIATELY' })).resolves.toMatchObject({ announcements: 'IMMEDIATELY' });
  });

  it('keeps review e-mail for a daily digest, which lists it and stops by its own link', async () => {
    await ok(t, CHOOSE, { input: { activity: 'DAILY' } }, cookies.staff);
    const before = await reviewMailCount(SECRETARIAT);
    const colleagueBefore = await reviewMailCount(COLLEAGUE);
    await submitPledgeForReview();
    await waitForColleague(colleagueBefore + 1);
    expect(await reviewMailCount(SECRETARIAT)).toBe(before);
    const [staff] = await t.database.db.select().from(schema.person).where(eq(schema.person.email, SECRETARIAT));
    const items = await t.database.db
      .select()
      .from(schema.emailDigestItem)
      .where(eq(schema.emailDigestItem.personId, staff?.id ?? ''));
    expect(items.map((i) => [i.topic, i.frequency, i.template])).toEqual([['activity', 'daily', 'pledge-submitted']]);

    const outcome = await sendDueDigests({
      db: t.database.db,
      jobs: t.app.jobs,
      config: t.app.config,
      now: new Date(Date.now() + 24 * 3600 * 1000),
    });
    expect(outcome).toEqual({ digests: 1, items: 1 });
    const digest = await waitFor(
      async () => (await mailbox(t, SECRETARIAT)).find((m) => m.subject === 'Your daily digest: 1 item'),
      'the daily digest',
    );
    expect(digest.text).toMatch(/Pledge to review: .+\/pledge-review/s);
    const headers = await newestHeaders(SECRETARIAT, /daily digest/);
    expect(headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const url = optOutUrlOf(headers);
    expect(url.searchParams.get('topic')).toBe('daily-digest');
    // From the opt-out page: the redirect names the digest, whose wording the page shows.
    const fromPage = await oneClick(url, '');
    expect(fromPage.statusCode).toBe(303);
    expect(fromPage.headers.location).toBe('/email/opt-out?done=1&topic=daily-digest');
    expect(await reviewEmailsOf(SECRETARIAT)).toBe(false);
    await expect(ok(t, `{ me { emailPreferences { activity } } }`, {}, cookies.staff)).resolves.toEqual({
      me: { emailPreferences: { activity: 'OFF' } },
    });
  });
});
