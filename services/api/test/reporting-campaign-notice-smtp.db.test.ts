import { schema } from '@concord/db';
import { and, eq, sql } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadActor } from '../src/modules/policy/actor.ts';
import type { Actor } from '../src/modules/policy/policy.ts';
import { addDays, utcDate } from '../src/modules/reporting/reporting-dates.ts';
import { closeReportingCampaign } from '../src/modules/reporting/use-cases/close-reporting-campaign.ts';
import { extendReportingCampaign } from '../src/modules/reporting/use-cases/extend-reporting-campaign.ts';
import { openReportingCampaign } from '../src/modules/reporting/use-cases/open-reporting-campaign.ts';
import { reopenReportingCampaign } from '../src/modules/reporting/use-cases/reopen-reporting-campaign.ts';
import { buildTestApp, type TestApp } from './helper.ts';
import { waitFor } from './journey.ts';
import { demoAlliance, SECRETARIAT, type Seeded, SLUG, seedOrganisation, seedReport } from './reporting-fixtures.ts';
import { type SmtpSink, startSmtpSink } from './smtp-sink.ts';

/**
 * The organisations a campaign still expects reports from hear of each change of its dates (ADR 0030), through a
 * real mail server (smtp-server): one e-mail per representative and change, in their language, naming their
 * organisations and the date that now holds; a representative of two such organisations gets one; an organisation
 * that has reported everything gets none; two extensions at once each tell everyone once; an extension the
 * secretariat makes without notice tells nobody.
 */
const T = utcDate(new Date());
const YEAR = Number(T.slice(0, 4)) - 1;
const D1 = addDays(T, 60);

let t: TestApp;
let sink: SmtpSink;
let actor: Actor;
/** A's representative writes in French; B's in English; `both` represents A and B; C has reported everything. */
let a: Seeded;
let b: Seeded;
let c: Seeded;
const both = `both-${Date.now()}@reporting.example`;
let campaignId = '';

const deps = () => ({ db: t.database.db, jobs: t.app.jobs, config: t.app.config, actor });

interface Received {
  to: string;
  subject: string;
  text: string;
  language: string;
}

/** Every campaign-change e-mail the server took, once they are all sent. */
async function receivedAfter(expected: number): Promise<Received[]> {
  const { emailDelivery } = schema;
  await waitFor(
    async () => {
      const sent = await t.database.db
        .select({ id: emailDelivery.id })
        .from(emailDelivery)
        .where(and(eq(emailDelivery.template, 'reporting-campaign-changed'), eq(emailDelivery.status, 'sent')));
      return sent.length >= expected ? true : undefined;
    },
    `${expected} campaign e-mails sent to the mail server`,
    60_000,
  );
  // Give a duplicate a chance to show before counting.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const parsed = await Promise.all(sink.messages.map((m) => simpleParser(m.raw ?? '')));
  return parsed
    .filter((m) => /Progress reports for|Rapports d’avancement|Fortschrittsberichte/.test(m.subject ?? ''))
    .map((m) => ({
      to: (Array.isArray(m.to) ? '' : (m.to?.text ?? '')).toLowerCase(),
      subject: m.subject ?? '',
      text: m.text ?? '',
      language: String(m.headers.get('content-language') ?? ''),
    }));
}

beforeAll(async () => {
  sink = await startSmtpSink({ keepRaw: true });
  t = await buildTestApp({ env: { SMTP_URL: sink.url, DEV_MAILBOX: 'false' } });
  const allianceId = (await demoAlliance(t)).id;
  [a, b, c] = await Promise.all([
    seedOrganisation(t, { name: 'Notice Alpha', pledges: [{}] }),
    seedOrganisation(t, { name: 'Notice Beta', pledges: [{}] }),
    seedOrganisation(t, { name: 'Notice Gamma', pledges: [{}] }),
  ]);
  const db = t.database.db;
  await db.update(schema.person).set({ locale: 'fr' }).where(eq(schema.person.email, a.email));
  const [shared] = await db
    .insert(schema.person)
    .values({ email: both, name: 'Rep of both', locale: 'de' })
    .returning();
  if (!shared) throw new Error('not seeded');
  await db.insert(schema.organisationMember).values([
    { organisationId: a.organisationId, personId: shared.id },
    { organisationId: b.organisationId, personId: shared.id },
  ]);
  const [staff] = await db.select().from(schema.person).where(eq(schema.person.email, SECRETARIAT));
  if (!staff) throw new Error('no secretariat in the demo');
  actor = await loadActor(db, staff);
  const campaign = await openReportingCampaign({
    ...deps(),
    allianceSlug: SLUG,
    input: { year: YEAR, opensOn: T, deadline: D1 },
  });
  campaignId = campaign.id;
  // Every other organisation of the alliance has reported, C too: only A and B are still expected.
  await db.execute(sql`insert into progress_report (id, pledge_id, campaign_id, year, tonnes_achieved, status)
    select gen_random_uuid(), p.id, ${campaign.id}, ${YEAR}, 1, 'submitted' from pledge p
    where p.alliance_id = ${allianceId} and p.status = 'accepted'
      and p.organisation_id not in (${a.organisationId}, ${b.organisationId}, ${c.organisationId})`);
  await seedReport(t, { pledgeId: c.pledgeIds[0] ?? '', year: YEAR, status: 'submitted' });
}, 120_000);
afterAll(async () => {
  await t?.close();
  await sink?.close();
});

describe('[REPORTING] the organisations hear of a campaign’s new dates, through a real mail server', () => {
  it('two extensions at once: each applied one tells each representative once, in their language', async () => {
    const [d2, d3] = [addDays(T, 90), addDays(T, 120)];
    const results = await Promise.allSettled([
      extendReportingCampaign({ ...deps(), allianceSlug: SLUG, year: YEAR, deadline: d2 }),
      extendReportingCampaign({ ...deps(), allianceSlug: SLUG, year: YEAR, deadline: d3 }),
    ]);
    // Taking turns: both apply (d2 then d3), or d3 goes first and d2, no longer later, is refused.
    const applied = results.filter((r) => r.status === 'fulfilled').length;
    expect(applied).toBeGreaterThanOrEqual(1);
    const received = await receivedAfter(3 * applied);
    expect(received).toHaveLength(3 * applied);
    const recipients = [a.email, b.email, both].map((e) => e.toLowerCase()).sort();
    expect([...new Set(received.map((m) => m.to))].sort()).toEqual(recipients);
    // Each person once per change: as many e-mails to each as changes applied.
    for (const to of recipients) expect(received.filter((m) => m.to === to)).toHaveLength(applied);
    expect(received.some((m) => m.to === c.email.toLowerCase())).toBe(false);

    const toA = received.find((m) => m.to === a.email.toLowerCase());
    expect(toA?.language).toBe('fr');
    expect(toA?.subject).toMatch(/^Rapports d’avancement \d{4} : nouvelle date limite le /);
    expect(toA?.text).toContain(a.legalName);
    expect(toA?.text).toContain(`/account/reports?alliance=${SLUG}&year=${YEAR}`);
    const toBoth = received.filter((m) => m.to === both);
    expect(
      toBoth.every((m) => m.language === 'de' && m.text.includes(a.legalName) && m.text.includes(b.legalName)),
    ).toBe(true);
    const toB = received.find((m) => m.to === b.email.toLowerCase());
    expect(toB?.language).toBe('en');
    expect(toB?.text).not.toContain(a.legalName);
  }, 120_000);

  it('an extension without notice tells nobody; closing and reopening always say what holds now', async () => {
    const before = (await receivedAfter(0)).length;
    const [current] = await t.database.db
      .select()
      .from(schema.reportingCampaign)
      .where(eq(schema.reportingCampaign.id, campaignId));
    await extendReportingCampaign({
      ...deps(),
      allianceSlug: SLUG,
      year: YEAR,
      deadline: addDays(current?.deadline ?? D1, 5),
      notify: false,
    });
    await closeReportingCampaign({ ...deps(), allianceSlug: SLUG, year: YEAR });
    const afterClose = await receivedAfter(before + 3);
    expect(afterClose).toHaveLength(before + 3);
    const closed = afterClose.slice(before);
    expect(closed.map((m) => m.to).sort()).toEqual([a.email, b.email, both].map((e) => e.toLowerCase()).sort());
    expect(closed.find((m) => m.to === b.email.toLowerCase())?.subject).toMatch(/^Progress reports for \d{4} closed/);

    const until = addDays(T, 20);
    await reopenReportingCampaign({ ...deps(), allianceSlug: SLUG, year: YEAR, deadline: until });
    const afterReopen = await receivedAfter(before + 6);
    expect(afterReopen).toHaveLength(before + 6);
    const reopened = afterReopen.slice(before + 3);
    expect(reopened.find((m) => m.to === b.email.toLowerCase())?.subject).toMatch(
      /^Progress reports for \d{4} open again until /,
    );
  }, 120_000);
});
