import { schema } from '@concord/db';
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobData } from '../src/jobs/definitions.ts';
import { loadActor } from '../src/modules/policy/actor.ts';
import type { Actor } from '../src/modules/policy/policy.ts';
import { addDays, utcDate } from '../src/modules/reporting/reporting-dates.ts';
import { sendCampaignReminders } from '../src/modules/reporting/reporting-reminders.ts';
import { extendReportingCampaign } from '../src/modules/reporting/use-cases/extend-reporting-campaign.ts';
import { openReportingCampaign } from '../src/modules/reporting/use-cases/open-reporting-campaign.ts';
import { rescheduleReportingCampaign } from '../src/modules/reporting/use-cases/reschedule-reporting-campaign.ts';
import { buildTestApp, type TestApp } from './helper.ts';
import { signIn } from './journey.ts';
import { codeOf, demoAlliance, SECRETARIAT, type Seeded, SLUG, seedOrganisation } from './reporting-fixtures.ts';

/**
 * The secretariat changes a campaign's opening date (before it opens), its reminder days and its overdue notice
 * (ADR 0030): who may, each refusal and its field, the audit event and the campaign's history, and the reminders
 * following the new schedule with the handler run on a given clock (a removed step sends nothing, a step already sent
 * is not sent again, a moved notice goes out on its new day); a change racing an extension loses neither.
 */
const T = utcDate(new Date());
const YEAR = Number(T.slice(0, 4)) - 1;
const on = (days: number, time = '08:00:00') => new Date(`${addDays(T, days)}T${time}Z`);
const OPENS = addDays(T, 10);
const D1 = addDays(T, 60);

const RESCHEDULE = `mutation($year: Int!, $input: ReportingCampaignScheduleInput!) {
  rescheduleReportingCampaign(allianceSlug: "${SLUG}", year: $year, input: $input) { opensOn reminderDays overdueNoticeDays } }`;
const HISTORY = `query($year: Int!) { alliance(slug: "${SLUG}") { reportingCampaign(year: $year) {
  dateChanges { action previousDeadline deadline opensOn reminderDays overdueNoticeDays } } } }`;

let t: TestApp;
let actor: Actor;
let staff = '';
let rep = '';
let campaignId = '';
let a: Seeded;
let b: Seeded;

const deps = () => ({ db: t.database.db, jobs: t.app.jobs, config: t.app.config, actor });
const run = (step: JobData['campaign-reminder']['step'], daysBefore: number, deadline: string, at: Date) =>
  sendCampaignReminders({ ...deps(), campaignId, step, daysBefore, deadline, now: at });
const reminded = (organisations: number) => ({ organisations, emails: organisations });
const refusal = async (input: Record<string, unknown>) =>
  (await t.graphql(RESCHEDULE, { year: YEAR, input }, { cookie: staff })).errors?.[0]?.extensions;

/** The campaign's reminder jobs made for `deadline`: "step days day-it-starts", each once. */
async function jobsFor(deadline: string): Promise<string[]> {
  const rows = await t.database.rows<{ data: JobData['campaign-reminder']; start_after: string | Date }>(
    sql`select data, start_after from pgboss.job where name = 'campaign-reminder'
      and data->>'campaignId' = ${campaignId} and data->>'deadline' = ${deadline} order by start_after`,
  );
  return rows.map((r) => `${r.data.step} ${r.data.daysBefore} ${new Date(r.start_after).toISOString().slice(0, 10)}`);
}

beforeAll(async () => {
  t = await buildTestApp();
  const allianceId = (await demoAlliance(t)).id;
  [a, b] = await Promise.all([
    seedOrganisation(t, { name: 'Schedule Alpha', pledges: [{}] }),
    seedOrganisation(t, { name: 'Schedule Beta', pledges: [{}] }),
  ]);
  const [person] = await t.database.db.select().from(schema.person).where(eq(schema.person.email, SECRETARIAT));
  if (!person) throw new Error('no secretariat in the demo');
  actor = await loadActor(t.database.db, person);
  [staff, rep] = await Promise.all([signIn(t, SECRETARIAT), signIn(t, a.email)]);
  const campaign = await openReportingCampaign({
    ...deps(),
    allianceSlug: SLUG,
    input: { year: YEAR, opensOn: OPENS, deadline: D1, reminderDays: [30, 7, 1], overdueNoticeDays: 1 },
  });
  campaignId = campaign.id;
  await t.database.db.execute(sql`insert into progress_report (id, pledge_id, campaign_id, year, tonnes_achieved, status)
    select gen_random_uuid(), p.id, ${campaignId}, ${YEAR}, 1, 'submitted' from pledge p
    where p.alliance_id = ${allianceId} and p.status = 'accepted' and p.organisation_id not in (${a.organisationId}, ${b.organisationId})`);
}, 120_000);
afterAll(() => t?.close());

describe('[REPORTING] changing a campaign’s opening date and reminders: who may, and what is refused', () => {
  it('is the secretariat’s: the public must sign in, a representative is FORBIDDEN', async () => {
    const variables = { year: YEAR, input: { reminderDays: [5] } };
    expect(await codeOf(t, RESCHEDULE, variables)).toBe('UNAUTHENTICATED');
    expect(await codeOf(t, RESCHEDULE, variables, rep)).toBe('FORBIDDEN');
  });

  it.each([
    ['nothing to change', 'input', {}],
    ['a reminder day of 0', 'input.reminderDays', { reminderDays: [7, 0] }],
    ['a reminder day past a year', 'input.reminderDays', { reminderDays: [400] }],
    ['eleven reminder days', 'input.reminderDays', { reminderDays: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] }],
    ['an overdue notice of 0 days', 'input.overdueNoticeDays', { overdueNoticeDays: 0 }],
    ['an opening date in the past', 'input.opensOn', { opensOn: addDays(T, -1) }],
    ['an opening date after the deadline', 'input.opensOn', { opensOn: addDays(D1, 1) }],
    ['an opening date two years after the year', 'input.opensOn', { opensOn: `${YEAR + 2}-01-02` }],
  ])('refuses %s: BAD_USER_INPUT naming %s', async (_label, field, input) => {
    expect(await refusal(input)).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('refuses a closed campaign (2024’s deadline passed) on year, and answers NOT_FOUND for a year without one', async () => {
    const closed = await t.graphql(RESCHEDULE, { year: 2024, input: { reminderDays: [5] } }, { cookie: staff });
    expect(closed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
    expect(await codeOf(t, RESCHEDULE, { year: 2031, input: { reminderDays: [5] } }, staff)).toBe('NOT_FOUND');
  });
});

describe('[REPORTING] a campaign’s new opening date and reminders', () => {
  it('moves the opening date before it opens, with an audit event and a line in its history', async () => {
    const later = addDays(OPENS, 5);
    const res = await t.graphql(RESCHEDULE, { year: YEAR, input: { opensOn: later } }, { cookie: staff });
    expect(res.data).toEqual({
      rescheduleReportingCampaign: { opensOn: later, reminderDays: [30, 7, 1], overdueNoticeDays: 1 },
    });
    const events = await t.database.db
      .select()
      .from(schema.auditEvent)
      .where(
        and(eq(schema.auditEvent.objectId, campaignId), eq(schema.auditEvent.action, 'reporting_campaign.rescheduled')),
      )
      .orderBy(asc(schema.auditEvent.seq));
    expect(events).toHaveLength(1);
    expect(events[0]?.before).toMatchObject({ opensOn: OPENS, deadline: D1 });
    expect(events[0]?.after).toMatchObject({ opensOn: later, deadline: D1, reminderDays: [30, 7, 1] });
    const history = (
      await t.graphql<{ alliance: { reportingCampaign: { dateChanges: unknown[] } } }>(HISTORY, {
        year: YEAR,
      })
    ).data?.alliance.reportingCampaign.dateChanges;
    expect(history).toEqual([
      {
        action: 'OPENED',
        previousDeadline: null,
        deadline: D1,
        opensOn: OPENS,
        reminderDays: [30, 7, 1],
        overdueNoticeDays: 1,
      },
      {
        action: 'RESCHEDULED',
        previousDeadline: D1,
        deadline: D1,
        opensOn: later,
        reminderDays: [30, 7, 1],
        overdueNoticeDays: 1,
      },
    ]);
  });

  it('keeps the opening date once the campaign has opened', async () => {
    await expect(
      rescheduleReportingCampaign({
        ...deps(),
        allianceSlug: SLUG,
        year: YEAR,
        input: { opensOn: addDays(T, 40) },
        now: on(20, '10:00:00'),
      }),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.opensOn' });
  });

  it('reminds by the new days: a removed step sends nothing, a step sent is not sent again, a new one goes out', async () => {
    expect(await run('before_deadline', 30, D1, on(30))).toEqual(reminded(2));
    await rescheduleReportingCampaign({
      ...deps(),
      allianceSlug: SLUG,
      year: YEAR,
      input: { reminderDays: [30, 14, 30] },
      now: on(35, '10:00:00'),
    });
    // Only the new day is scheduled: the old jobs (7, 1) stay queued and will find their step gone.
    expect(await jobsFor(D1)).toEqual([
      `before_deadline 30 ${addDays(D1, -30)}`,
      `before_deadline 14 ${addDays(D1, -14)}`,
      `before_deadline 7 ${addDays(D1, -7)}`,
      `before_deadline 1 ${addDays(D1, -1)}`,
      `after_deadline 0 ${addDays(D1, 1)}`,
    ]);
    expect(await run('before_deadline', 30, D1, on(36))).toEqual(reminded(0));
    expect(await run('before_deadline', 14, D1, on(46))).toEqual(reminded(2));
    expect(await run('before_deadline', 7, D1, on(53))).toMatchObject({ organisations: 0, skipped: 'not-scheduled' });
    expect(await run('before_deadline', 1, D1, on(59))).toMatchObject({ organisations: 0, skipped: 'not-scheduled' });
  });

  it('sends the overdue notice on its new day, not on the old one', async () => {
    await rescheduleReportingCampaign({
      ...deps(),
      allianceSlug: SLUG,
      year: YEAR,
      input: { overdueNoticeDays: 5 },
      now: on(59, '10:00:00'),
    });
    expect(await jobsFor(D1)).toContain(`after_deadline 0 ${addDays(D1, 5)}`);
    expect(await run('after_deadline', 0, D1, on(61))).toMatchObject({ organisations: 0, skipped: 'not-scheduled' });
    expect(await run('after_deadline', 0, D1, on(65))).toEqual(reminded(2));
    expect(await run('after_deadline', 0, D1, on(66))).toEqual(reminded(0));
  });

  it('a change of reminders racing an extension: both hold, and the new deadline’s jobs have the new days', async () => {
    const D2 = addDays(T, 90);
    const at = on(50, '10:00:00');
    await Promise.all([
      extendReportingCampaign({ ...deps(), allianceSlug: SLUG, year: YEAR, deadline: D2, now: at, notify: false }),
      rescheduleReportingCampaign({
        ...deps(),
        allianceSlug: SLUG,
        year: YEAR,
        input: { reminderDays: [20] },
        now: at,
      }),
    ]);
    const [campaign] = await t.database.db
      .select()
      .from(schema.reportingCampaign)
      .where(eq(schema.reportingCampaign.id, campaignId));
    expect(campaign).toMatchObject({ deadline: D2, reminderDays: [20], overdueNoticeDays: 5 });
    expect(await jobsFor(D2)).toContain(`before_deadline 20 ${addDays(D2, -20)}`);
    expect(await run('before_deadline', 20, D2, on(70))).toEqual(reminded(2));
    expect(await run('before_deadline', 14, D2, on(76))).toMatchObject({ skipped: 'not-scheduled' });
  });
});
