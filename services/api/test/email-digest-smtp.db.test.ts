import { randomUUID } from 'node:crypto';
import { schema } from '@concord/db';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIGEST_SCHEDULE } from '../src/jobs/definitions.ts';
import { sendAnnouncement } from '../src/modules/announcement/use-cases/send-announcement.ts';
import { setEmailPreferences } from '../src/modules/mail/email-preferences.service.ts';
import { periodOf, sendDueDigests } from '../src/modules/mail/send-digests.ts';
import { erasePerson } from '../src/modules/personal-data/use-cases/erase-person.ts';
import { loadActor } from '../src/modules/policy/actor.ts';
import { buildTestApp, type TestApp } from './helper.ts';
import { waitFor } from './journey.ts';
import { SECRETARIAT, SLUG } from './pledge-fixtures.ts';
import { type SinkMessage, type SmtpSink, startSmtpSink } from './smtp-sink.ts';

/**
 * Digests (docs/adr/0036) against a real SMTP server (smtp-server): the announcements of people who chose a digest
 * are kept, not sent; the digest job, run twice at once and once more, sends one e-mail per person and period,
 * while the server is down too (the queue retries it); its List-Unsubscribe link stops what it lists.
 */
let t: TestApp;
let sink: SmtpSink;
let port = 0;
let staff: schema.Person;
/** Three recipients of the segment: daily digest, weekly digest, and one who is erased with items waiting. */
let daily: schema.Person;
let weekly: schema.Person;
let erased: schema.Person;

const SEGMENT = { kind: 'organisation_kind', organisationKind: 'association' } as const;
const DAY = 24 * 3600 * 1000;

async function announce(title: string) {
  return sendAnnouncement({
    db: t.database.db,
    jobs: t.app.jobs,
    config: t.app.config,
    actor: await loadActor(t.database.db, staff),
    allianceSlug: SLUG,
    input: { title, body: 'See *you* there.', segment: SEGMENT },
    requestKey: randomUUID(),
  });
}

/** A message's text with folded header lines joined back. */
const unfolded = (m: SinkMessage | undefined) => (m?.raw ?? '').replace(/\r?\n[ \t]+/g, ' ');
const about = (title: string) => (m: SinkMessage) => m.subject.includes(title);
const digestsTo = (to: string) => sink.messages.filter((m) => m.to === to && /digest/.test(m.subject));

async function itemsOf(personId: string) {
  return t.database.db
    .select()
    .from(schema.emailDigestItem)
    .where(eq(schema.emailDigestItem.personId, personId))
    .orderBy(asc(schema.emailDigestItem.createdAt));
}

async function choose(who: schema.Person, frequency: 'daily' | 'weekly' | 'off') {
  await setEmailPreferences({
    db: t.database.db,
    actor: await loadActor(t.database.db, who),
    preferences: { announcements: frequency },
  });
}

beforeAll(async () => {
  sink = await startSmtpSink({ keepRaw: true });
  port = sink.port;
  t = await buildTestApp({
    env: { SMTP_URL: sink.url, JOB_RETRY_LIMIT: '10', JOB_RETRY_DELAY_SECONDS: '1' },
  });
  const db = t.database.db;
  [staff] = (await db.select().from(schema.person).where(eq(schema.person.email, SECRETARIAT))) as [schema.Person];
  // Who the segment reaches: the recipients of a first announcement, which everyone gets at once (the default).
  const first = await announce('Everyone at once');
  const recipients = await db
    .select({ personId: schema.announcementRecipient.personId })
    .from(schema.announcementRecipient)
    .where(eq(schema.announcementRecipient.announcementId, first.row.id));
  expect(recipients.length).toBeGreaterThanOrEqual(4);
  await waitFor(
    async () => (sink.messages.filter(about('Everyone at once')).length === recipients.length ? true : undefined),
    'the first announcement, to everyone',
    60_000,
  );
  const people = await db
    .select()
    .from(schema.person)
    .where(
      inArray(
        schema.person.id,
        recipients.map((r) => r.personId),
      ),
    )
    .orderBy(asc(schema.person.email));
  [daily, weekly, erased] = people as [schema.Person, schema.Person, schema.Person];
  await choose(daily, 'daily');
  await choose(weekly, 'weekly');
  await choose(erased, 'daily');
}, 120_000);
afterAll(async () => {
  await t?.close();
  await sink?.close();
});

describe('[DIGEST] announcements in a daily or weekly digest, over a real mail server', () => {
  it('is sent by a job that pg-boss schedules every hour, in UTC', async () => {
    const schedules = await t.app.jobs.boss.getSchedules('send-digests');
    expect(schedules.map((s) => [s.name, s.cron, s.timezone])).toEqual([['send-digests', DIGEST_SCHEDULE, 'UTC']]);
  });

  it('keeps the items of those who chose a digest, and mails the others at once with a working unsubscribe', async () => {
    const second = await announce('Second word');
    await announce('Third word');
    const immediate = second.row.recipientCount - 3;
    await waitFor(
      async () => (sink.messages.filter(about('Third word')).length === immediate ? true : undefined),
      'the third announcement to those who take it at once',
      60_000,
    );
    for (const who of [daily, weekly, erased]) {
      expect(sink.messages.filter((m) => m.to === who.email && about('word')(m))).toEqual([]);
      expect((await itemsOf(who.id)).map((i) => [i.topic, i.template, i.data.title])).toEqual([
        ['announcement', 'announcement', 'Second word'],
        ['announcement', 'announcement', 'Third word'],
      ]);
    }
    expect((await itemsOf(daily.id)).every((i) => i.frequency === 'daily')).toBe(true);
    expect((await itemsOf(weekly.id)).every((i) => i.frequency === 'weekly')).toBe(true);
    // The immediate e-mails carry their own one-click link, as before.
    const one = unfolded(sink.messages.find(about('Third word')));
    expect(one).toMatch(/^List-Unsubscribe: <[^>]+\/email\/opt-out\?token=[^>]+>/m);
    expect(one).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
  });

  it("drops an erased person's waiting items with the erasure", async () => {
    await erasePerson({ db: t.database.db, actor: await loadActor(t.database.db, erased), personId: erased.id });
    expect(await itemsOf(erased.id)).toEqual([]);
  });

  it('sends one digest per person and period with the server down, twice at once and once more: once, none lost', async () => {
    await sink.close();
    const db = t.database.db;
    const run = (now: Date) => sendDueDigests({ db, jobs: t.app.jobs, config: t.app.config, now });
    const tomorrow = new Date(Date.now() + DAY);
    // Two workers at once, then a retry: one digest row, one e-mail each.
    const runs = await Promise.all([run(tomorrow), run(tomorrow)]);
    expect((await run(tomorrow)).digests).toBe(0);
    expect(await itemsOf(daily.id)).toEqual([]);
    // The weekly digest waits for its week to end (unless tomorrow is already a Monday).
    const isNewWeekTomorrow = periodOf('weekly', tomorrow).startsAt.getTime() > Date.now();
    expect(await itemsOf(weekly.id)).toHaveLength(isNewWeekTomorrow ? 0 : 2);
    const nextWeek = new Date(Date.now() + 7 * DAY);
    runs.push(...(await Promise.all([run(nextWeek), run(nextWeek)])), await run(nextWeek));
    expect(runs.reduce((sum, r) => sum + r.digests, 0)).toBe(2);
    expect(runs.reduce((sum, r) => sum + r.items, 0)).toBe(4);
    expect(await itemsOf(weekly.id)).toEqual([]);
    const digests = await db.select().from(schema.emailDigest).orderBy(asc(schema.emailDigest.frequency));
    expect(digests.map((d) => [d.personId, d.frequency, d.itemCount])).toEqual([
      [daily.id, 'daily', 2],
      [weekly.id, 'weekly', 2],
    ]);

    const deliveries = async () =>
      t.database.rows<{ recipient: string; status: string; attempts: number }>(
        sql`select recipient, status, attempts from email_delivery where template = 'digest' order by recipient`,
      );
    await waitFor(
      async () => ((await deliveries()).filter((d) => d.attempts >= 1).length === 2 ? true : undefined),
      'both digests tried while the server is down',
      60_000,
    );
    sink = await startSmtpSink({ port, keepRaw: true });
    await waitFor(
      async () => ((await deliveries()).every((d) => d.status === 'sent') ? true : undefined),
      'both digests sent once the server is back',
      90_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(digestsTo(daily.email)).toHaveLength(1);
    expect(digestsTo(weekly.email)).toHaveLength(1);
    const [dailyDigest] = digestsTo(daily.email);
    expect(dailyDigest?.subject).toBe('Your daily digest: 2 items');
    expect(digestsTo(weekly.email)[0]?.subject).toBe('Your weekly digest: 2 items');
    expect(dailyDigest?.raw).toContain('Announcement: Second word');
    expect(dailyDigest?.raw).toContain('Announcement: Third word');
  }, 240_000);

  it('stops the digest by its List-Unsubscribe link, without a session: the preference is OFF, nothing more is kept', async () => {
    const raw = unfolded(digestsTo(daily.email)[0]);
    const header = /^List-Unsubscribe: <([^>]+)>/m.exec(raw)?.[1];
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
    if (!header) throw new Error('no List-Unsubscribe on the digest');
    const url = new URL(header);
    const res = await t.app.inject({
      method: 'POST',
      url: url.pathname + url.search,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(res.statusCode).toBe(200);
    const [after] = await t.database.db.select().from(schema.person).where(eq(schema.person.id, daily.id));
    expect(after?.announcementEmailFrequency).toBe('off');
    // Only what the digest listed: the weekly person's preference is theirs.
    const [other] = await t.database.db.select().from(schema.person).where(eq(schema.person.id, weekly.id));
    expect(other?.announcementEmailFrequency).toBe('weekly');
    await announce('Fourth word');
    expect(await itemsOf(daily.id)).toEqual([]);
    expect(await itemsOf(weekly.id)).toHaveLength(1);
  });
});
