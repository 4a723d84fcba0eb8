import { schema } from '@concord/db';
import { and, countDistinct, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobData } from '../src/jobs/definitions.ts';
import { addDays, utcDate } from '../src/modules/reporting/reporting-dates.ts';
import { sendCampaignReminders } from '../src/modules/reporting/reporting-reminders.ts';
import { buildTestApp, type TestApp } from './helper.ts';
import { mailbox, signIn, waitFor, waitForMail } from './journey.ts';
import {
  codeOf,
  demoAlliance,
  ok,
  SECRETARIAT,
  type Seeded,
  SLUG,
  seedOrganisation,
  seedReport,
} from './reporting-fixtures.ts';

const OPEN = `mutation($slug: String!, $input: ReportingCampaignInput!) { openReportingCampaign(allianceSlug: $slug, input: $input) {
  id year opensOn deadline reminderDays overdueNoticeDays isOpen } }`;
const CAMPAIGN = `query($year: Int!) { alliance(slug: "${SLUG}") { reportingCampaign(year: $year) {
  year isOpen expectedOrganisations reportedOrganisations remindersSent missingOrganisations { id } } } }`;

interface CampaignView {
  year: number;
  isOpen: boolean;
  expectedOrganisations: number;
  reportedOrganisations: number;
  remindersSent: number;
  missingOrganisations: { id: string }[];
}

// The campaign opened here runs from today for 60 days, so its schedule lies (mostly) in the future.
const today = utcDate(new Date());
const YEAR = 2026;
const input = {
  year: YEAR,
  opensOn: today,
  deadline: addDays(today, 60),
  reminderDays: [90, 30, 7, 1, 7],
  overdueNoticeDays: 2,
};

let t: TestApp;
let allianceId = '';
let staff = '';
let rep = '';
let campaignId = '';
/** A: one accepted pledge, no report. B: two, one reported. C: reported. D: nothing accepted. */
let a: Seeded;
let b: Seeded;
let c: Seeded;
let d: Seeded;

const flat = (text: string) => text.replace(/\s+/g, ' ');

beforeAll(async () => {
  t = await buildTestApp();
  allianceId = (await demoAlliance(t)).id;
  [a, b, c, d] = await Promise.all([
    seedOrganisation(t, { name: 'Reminded Alpha', pledges: [{}] }),
    seedOrganisation(t, { name: 'Reminded Beta', pledges: [{}, {}] }),
    seedOrganisation(t, { name: 'Reported Gamma', pledges: [{}] }),
    seedOrganisation(t, {
      name: 'Unaccepted Delta',
      pledges: [{ status: 'submitted', decidedAt: null }, { status: 'rejected' }, { status: 'withdrawn' }],
    }),
  ]);
  [staff, rep] = await Promise.all([signIn(t, SECRETARIAT), signIn(t, a.email)]);
}, 60_000);
afterAll(() => t.close());

const remindersRun = (step: JobData['campaign-reminder']['step'], daysBefore: number, at: Date) =>
  sendCampaignReminders({
    db: t.database.db,
    jobs: t.app.jobs,
    config: t.app.config,
    campaignId,
    step,
    daysBefore,
    now: at,
  });

async function reminderRows(): Promise<{ organisationId: string; step: string; daysBefore: number }[]> {
  return t.database.db
    .select({
      organisationId: schema.campaignReminder.organisationId,
      step: schema.campaignReminder.step,
      daysBefore: schema.campaignReminder.daysBefore,
    })
    .from(schema.campaignReminder)
    .where(eq(schema.campaignReminder.campaignId, campaignId));
}

async function emailJobs(template: string): Promise<string[]> {
  const rows = await t.database.rows<{ to: string }>(
    sql`select data->>'to' as "to" from pgboss.job where name = 'send-email' and data->>'template' = ${template} order by 1`,
  );
  return rows.map((r) => r.to);
}

describe('[REPORTING] opening a campaign', () => {
  it.each([
    ['a year out of range', 'input.year', { year: 1999 }],
    ['a deadline before the opening', 'input.deadline', { deadline: addDays(today, -1) }],
    ['a reminder day of 0', 'input.reminderDays', { reminderDays: [30, 0] }],
    ['a reminder day over 365', 'input.reminderDays', { reminderDays: [400] }],
    ['an overdue notice on the deadline', 'input.overdueNoticeDays', { overdueNoticeDays: 0 }],
    ['an overdue notice a year and more later', 'input.overdueNoticeDays', { overdueNoticeDays: 366 }],
    ['a date that does not exist', 'input.opensOn', { opensOn: '2026-02-30' }],
  ])('refuses %s as BAD_USER_INPUT naming %s', async (_label, field, change) => {
    const res = await t.graphql(OPEN, { slug: SLUG, input: { ...input, ...change } }, { cookie: staff });
    expect(res.statusCode).toBeLessThan(500);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('is for the secretariat only', async () => {
    expect(await codeOf(t, OPEN, { slug: SLUG, input }, '')).toBe('UNAUTHENTICATED');
    expect(await codeOf(t, OPEN, { slug: SLUG, input }, rep)).toBe('FORBIDDEN');
    const campaigns = await t.database.db
      .select()
      .from(schema.reportingCampaign)
      .where(eq(schema.reportingCampaign.year, YEAR));
    expect(campaigns).toEqual([]);
  });

  it('opens the campaign with its reminder days deduplicated, largest first', async () => {
    const data = await ok<{ openReportingCampaign: Record<string, unknown> & { id: string } }>(
      t,
      OPEN,
      { slug: SLUG, input },
      staff,
    );
    campaignId = data.openReportingCampaign.id;
    expect(data.openReportingCampaign).toMatchObject({
      year: YEAR,
      opensOn: today,
      deadline: input.deadline,
      reminderDays: [90, 30, 7, 1],
      overdueNoticeDays: 2,
      isOpen: true,
    });
    const [event] = await t.database.db
      .select()
      .from(schema.auditEvent)
      .where(
        and(eq(schema.auditEvent.objectId, campaignId), eq(schema.auditEvent.action, 'reporting_campaign.opened')),
      );
    expect(event?.allianceId).toBe(allianceId);
  });

  it('refuses a second campaign for the same year, and one for a year the demo already has', async () => {
    expect(await codeOf(t, OPEN, { slug: SLUG, input }, staff)).toBe('CONFLICT');
    expect(
      await codeOf(
        t,
        OPEN,
        { slug: SLUG, input: { ...input, year: 2024, opensOn: '2025-02-01', deadline: '2025-03-31' } },
        staff,
      ),
    ).toBe('CONFLICT');
  });

  it('schedules one job per future step at 08:00 UTC, and none for steps already past', async () => {
    const jobs = await t.database.rows<{ data: JobData['campaign-reminder']; start_after: string | Date }>(
      sql`select data, start_after from pgboss.job where name = 'campaign-reminder' and data->>'campaignId' = ${campaignId} order by start_after`,
    );
    const at = (date: string) => `${date}T08:00:00.000Z`;
    expect(jobs.map((j) => [j.data.step, j.data.daysBefore, new Date(j.start_after).toISOString()])).toEqual([
      // 90 days before a deadline 60 days away is already past: not scheduled.
      ['before_deadline', 30, at(addDays(input.deadline, -30))],
      ['before_deadline', 7, at(addDays(input.deadline, -7))],
      ['before_deadline', 1, at(addDays(input.deadline, -1))],
      ['after_deadline', 0, at(addDays(input.deadline, 2))],
    ]);
  });
});

describe('[REPORTING] reminders', () => {
  beforeAll(async () => {
    // Everyone else has reported for the year: only the organisations seeded above can be missing.
    const keepMissing = [a.pledgeIds[0] ?? '', b.pledgeIds[1] ?? ''];
    await t.database.db.execute(sql`insert into progress_report (id, pledge_id, campaign_id, year, tonnes_achieved, status)
      select gen_random_uuid(), p.id, ${campaignId}, ${YEAR}, 1, 'submitted' from pledge p
      where p.alliance_id = ${allianceId} and p.status = 'accepted' and p.id not in (${keepMissing[0]}, ${keepMissing[1]})`);
  });

  const thirtyDaysBefore = () => new Date(`${addDays(input.deadline, -30)}T08:00:05Z`);

  it('reminds exactly the organisations with an accepted pledge still missing a report', async () => {
    const outcome = await remindersRun('before_deadline', 30, thirtyDaysBefore());
    expect(outcome).toEqual({ organisations: 2, emails: 2 });
    const rows = await reminderRows();
    expect(rows.map((r) => r.organisationId).sort()).toEqual([a.organisationId, b.organisationId].sort());
    expect(await emailJobs('progress-report-reminder')).toEqual([a.email, b.email].sort());
    const mail = await waitForMail(t, b.email, /Progress report for 2026 due/);
    expect(flat(mail.text)).toContain('in 30 days');
    expect(flat(mail.text)).toContain('this pledge:');
    await waitForMail(t, a.email, /Progress report for 2026 due/);
    for (const other of [c, d]) expect(await mailbox(t, other.email)).toEqual([]);
  });

  it('sends nothing new when the same step runs again (a retried job, a second worker)', async () => {
    const [again, concurrently] = await Promise.all([
      remindersRun('before_deadline', 30, thirtyDaysBefore()),
      remindersRun('before_deadline', 30, thirtyDaysBefore()),
    ]);
    expect(again).toEqual({ organisations: 0, emails: 0 });
    expect(concurrently).toEqual({ organisations: 0, emails: 0 });
    expect(await reminderRows()).toHaveLength(2);
    expect(await emailJobs('progress-report-reminder')).toEqual([a.email, b.email].sort());
    expect((await mailbox(t, a.email)).filter((m) => /due on/.test(m.subject))).toHaveLength(1);
  });

  it('reminds at the next step only those still missing, and never after the deadline', async () => {
    await seedReport(t, { pledgeId: a.pledgeIds[0] ?? '', year: YEAR, status: 'submitted' });
    const sevenDaysBefore = new Date(`${addDays(input.deadline, -7)}T08:00:00Z`);
    expect(await remindersRun('before_deadline', 7, sevenDaysBefore)).toEqual({ organisations: 1, emails: 1 });
    const late = new Date(`${addDays(input.deadline, 1)}T08:00:00Z`);
    expect(await remindersRun('before_deadline', 1, late)).toEqual({ organisations: 0, emails: 0, skipped: 'not-due' });
    expect((await reminderRows()).filter((r) => r.daysBefore === 7).map((r) => r.organisationId)).toEqual([
      b.organisationId,
    ]);
  });

  it('sends the overdue notice after the deadline to those still missing, once', async () => {
    const early = new Date(`${input.deadline}T20:00:00Z`);
    expect(await remindersRun('after_deadline', 0, early)).toEqual({ organisations: 0, emails: 0, skipped: 'not-due' });
    const due = new Date(`${addDays(input.deadline, 2)}T08:00:00Z`);
    expect(await remindersRun('after_deadline', 0, due)).toEqual({ organisations: 1, emails: 1 });
    expect(await remindersRun('after_deadline', 0, due)).toEqual({ organisations: 0, emails: 0 });
    expect(await emailJobs('progress-report-overdue')).toEqual([b.email]);
    const notice = await waitForMail(t, b.email, /overdue/);
    expect(flat(notice.text)).toContain('A late report still counts');
    expect((await reminderRows()).filter((r) => r.step === 'after_deadline')).toHaveLength(1);
  });

  it('runs as a pg-boss job through the worker, on the real clock', async () => {
    await t.app.jobs.boss.send('campaign-reminder', { campaignId, step: 'before_deadline', daysBefore: 1 });
    const reminded = await waitFor(async () => {
      const rows = (await reminderRows()).filter((r) => r.daysBefore === 1);
      return rows.length > 0 ? rows : undefined;
    }, 'the worker to send the reminder');
    expect(reminded.map((r) => r.organisationId)).toEqual([b.organisationId]);
  });
});

describe('[REPORTING] campaign figures', () => {
  it('counts expected and reported organisations, and shows the working lists to the secretariat only', async () => {
    const [{ expected }] = (await t.database.db
      .select({ expected: countDistinct(schema.pledge.organisationId) })
      .from(schema.pledge)
      .where(and(eq(schema.pledge.allianceId, allianceId), eq(schema.pledge.status, 'accepted')))) as [
      { expected: number },
    ];
    const asStaff = await ok<{ alliance: { reportingCampaign: CampaignView } }>(t, CAMPAIGN, { year: YEAR }, staff);
    expect(asStaff.alliance.reportingCampaign).toEqual({
      year: YEAR,
      isOpen: true,
      expectedOrganisations: Number(expected),
      reportedOrganisations: Number(expected) - 1,
      // A and B at 30 days, B at 7 days, B's overdue notice, B at 1 day (through the worker).
      remindersSent: 5,
      missingOrganisations: [{ id: b.organisationId }],
    });
    const asPublic = await ok<{ alliance: { reportingCampaign: CampaignView } }>(t, CAMPAIGN, { year: YEAR });
    expect(asPublic.alliance.reportingCampaign).toMatchObject({ remindersSent: 0, missingOrganisations: [] });
    const asRepresentative = await ok<{ alliance: { reportingCampaign: CampaignView } }>(
      t,
      CAMPAIGN,
      { year: YEAR },
      rep,
    );
    expect(asRepresentative.alliance.reportingCampaign.missingOrganisations).toEqual([]);
  });

  it('lists the campaigns newest first, closed ones not open; an unknown year is NOT_FOUND', async () => {
    const data = await ok<{ alliance: { reportingCampaigns: { year: number; isOpen: boolean }[] } }>(
      t,
      `{ alliance(slug: "${SLUG}") { reportingCampaigns { year isOpen } } }`,
    );
    expect(data.alliance.reportingCampaigns.map((c) => c.year)).toEqual([2026, 2024, 2023, 2022, 2021, 2020, 2019]);
    expect(data.alliance.reportingCampaigns.filter((c) => c.isOpen).map((c) => c.year)).toEqual([2026]);
    expect(await codeOf(t, CAMPAIGN, { year: 2031 })).toBe('NOT_FOUND');
  });
});
