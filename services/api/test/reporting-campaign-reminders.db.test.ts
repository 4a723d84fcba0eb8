import { schema } from '@concord/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobData } from '../src/jobs/definitions.ts';
import { loadActor } from '../src/modules/policy/actor.ts';
import type { Actor } from '../src/modules/policy/policy.ts';
import { computeProgress } from '../src/modules/progress/progress.service.ts';
import { loadReportingStatuses } from '../src/modules/reporting/reporting.reads.ts';
import { addDays, utcDate } from '../src/modules/reporting/reporting-dates.ts';
import { sendCampaignReminders } from '../src/modules/reporting/reporting-reminders.ts';
import { closeReportingCampaign } from '../src/modules/reporting/use-cases/close-reporting-campaign.ts';
import { extendReportingCampaign } from '../src/modules/reporting/use-cases/extend-reporting-campaign.ts';
import { openReportingCampaign } from '../src/modules/reporting/use-cases/open-reporting-campaign.ts';
import { reopenReportingCampaign } from '../src/modules/reporting/use-cases/reopen-reporting-campaign.ts';
import { buildTestApp, type TestApp } from './helper.ts';
import { demoAlliance, SECRETARIAT, type Seeded, SLUG, seedOrganisation, seedReport } from './reporting-fixtures.ts';

/**
 * Reminders follow a campaign's dates as the secretariat moves them (ADR 0030), with the reminder handler run for
 * real on the clock the reminder tests use (each run's `now`), and the use cases on that clock too. Every date is
 * ahead of the real one, so the worker running beside the test never finds a job due and each step runs only here.
 */
const T = utcDate(new Date());
const YEAR = Number(T.slice(0, 4)) - 1;
const on = (days: number, time = '08:00:00') => new Date(`${addDays(T, days)}T${time}Z`);
const D1 = addDays(T, 60);
const D2 = addDays(T, 90);
const D3 = addDays(T, 130);

let t: TestApp;
let actor: Actor;
let allianceId = '';
let campaignId = '';
/** A and B have an accepted pledge each and no report; every other organisation of the alliance has reported. */
let a: Seeded;
let b: Seeded;

const deps = () => ({ db: t.database.db, jobs: t.app.jobs, config: t.app.config, actor });
const run = (step: JobData['campaign-reminder']['step'], daysBefore: number, deadline: string | undefined, at: Date) =>
  sendCampaignReminders({
    db: t.database.db,
    jobs: t.app.jobs,
    config: t.app.config,
    campaignId,
    step,
    daysBefore,
    ...(deadline ? { deadline } : {}),
    now: at,
  });
const reminded = (organisations: number) => ({ organisations, emails: organisations });

async function reminderRows(): Promise<string[]> {
  const rows = await t.database.db
    .select()
    .from(schema.campaignReminder)
    .where(eq(schema.campaignReminder.campaignId, campaignId));
  const name = (id: string) => (id === a.organisationId ? 'A' : id === b.organisationId ? 'B' : id);
  return rows.map((r) => `${r.deadline} ${r.step} ${r.daysBefore} ${name(r.organisationId)}`).sort();
}

/** The campaign's reminder jobs made for `deadline`: [step, daysBefore, the day it starts]. */
async function jobsFor(deadline: string): Promise<[string, number, string][]> {
  const rows = await t.database.rows<{ data: JobData['campaign-reminder']; start_after: string | Date }>(
    sql`select data, start_after from pgboss.job where name = 'campaign-reminder'
      and data->>'campaignId' = ${campaignId} and data->>'deadline' = ${deadline} order by start_after`,
  );
  return rows.map((r) => [r.data.step, r.data.daysBefore, new Date(r.start_after).toISOString().slice(0, 10)]);
}

beforeAll(async () => {
  t = await buildTestApp();
  allianceId = (await demoAlliance(t)).id;
  [a, b] = await Promise.all([
    seedOrganisation(t, { name: 'Moving Alpha', pledges: [{}] }),
    seedOrganisation(t, { name: 'Moving Beta', pledges: [{}] }),
  ]);
  const [staff] = await t.database.db.select().from(schema.person).where(eq(schema.person.email, SECRETARIAT));
  if (!staff) throw new Error('no secretariat in the demo');
  actor = await loadActor(t.database.db, staff);
  const campaign = await openReportingCampaign({
    ...deps(),
    allianceSlug: SLUG,
    input: { year: YEAR, opensOn: T, deadline: D1, reminderDays: [30, 7, 1], overdueNoticeDays: 1 },
  });
  campaignId = campaign.id;
  await t.database.db.execute(sql`insert into progress_report (id, pledge_id, campaign_id, year, tonnes_achieved, status)
    select gen_random_uuid(), p.id, ${campaignId}, ${YEAR}, 1, 'submitted' from pledge p
    where p.alliance_id = ${allianceId} and p.status = 'accepted' and p.organisation_id not in (${a.organisationId}, ${b.organisationId})`);
}, 120_000);
afterAll(() => t?.close());

describe('[REPORTING] reminders follow the campaign’s dates', () => {
  it('reminds for the first deadline, then, once extended, again for the new one, and never for the old', async () => {
    expect(await run('before_deadline', 30, D1, on(30))).toEqual(reminded(2));
    await extendReportingCampaign({ ...deps(), allianceSlug: SLUG, year: YEAR, deadline: D2, now: on(35, '10:00:00') });
    expect(await jobsFor(D2)).toEqual([
      ['before_deadline', 30, addDays(D2, -30)],
      ['before_deadline', 7, addDays(D2, -7)],
      ['before_deadline', 1, addDays(D2, -1)],
      ['after_deadline', 0, addDays(D2, 1)],
    ]);
    // The jobs made for the first deadline still run on their days, and do nothing.
    expect(await run('before_deadline', 7, D1, on(53))).toMatchObject({ organisations: 0, skipped: 'deadline-moved' });
    expect(await run('after_deadline', 0, D1, on(61))).toMatchObject({ organisations: 0, skipped: 'deadline-moved' });
    // The new deadline's 30 days: both again, once.
    expect(await run('before_deadline', 30, D2, on(60))).toEqual(reminded(2));
    expect(await run('before_deadline', 30, D2, on(60))).toEqual(reminded(0));
    await seedReport(t, { pledgeId: a.pledgeIds[0] ?? '', year: YEAR, status: 'submitted' });
    expect(await run('before_deadline', 7, D2, on(83))).toEqual(reminded(1));
    expect(await reminderRows()).toEqual(
      [`${D1} before_deadline 30 A`, `${D1} before_deadline 30 B`, `${D2} before_deadline 30 A`]
        .concat([`${D2} before_deadline 30 B`, `${D2} before_deadline 7 B`])
        .sort(),
    );
    const mails = await t.database.rows<{ n: number }>(
      sql`select count(*)::int as n from pgboss.job where name = 'send-email' and data->>'template' = 'progress-report-reminder'
        and data->>'idempotencyKey' like ${`campaign-reminder:${campaignId}:%`}`,
    );
    expect(Number(mails[0]?.n)).toBe(5);
  });

  it('sends nothing once closed: the deadline is the day it closed, and the year is the headline', async () => {
    const closing = on(85, '12:00:00');
    const closed = await closeReportingCampaign({ ...deps(), allianceSlug: SLUG, year: YEAR, now: closing });
    expect(closed).toMatchObject({ deadline: addDays(T, 85), closedAt: closing });
    expect(await jobsFor(addDays(T, 85))).toEqual([]);
    expect(await run('before_deadline', 1, D2, on(89))).toMatchObject({ skipped: 'deadline-moved' });
    // A job queued before jobs carried their deadline: the closing stops it.
    expect(await run('after_deadline', 0, undefined, on(91))).toMatchObject({ organisations: 0, skipped: 'closed' });
    const target = await demoAlliance(t);
    expect(await computeProgress(t.database.db, target, addDays(T, 86))).toMatchObject({ year: YEAR });
    const pair = { organisationId: b.organisationId, allianceId };
    expect(await loadReportingStatuses(t.database.db, [pair], addDays(T, 86))).not.toEqual(['active']);
  });

  it('reminds for the new deadline once reopened, and sends the overdue notice after it', async () => {
    const target = await demoAlliance(t);
    await reopenReportingCampaign({ ...deps(), allianceSlug: SLUG, year: YEAR, deadline: D3, now: on(95, '09:00:00') });
    expect(await computeProgress(t.database.db, target, addDays(T, 96))).toMatchObject({ inProgressYear: YEAR });
    expect((await computeProgress(t.database.db, target, addDays(T, 96))).year).not.toBe(YEAR);
    expect((await jobsFor(D3)).map(([step, days]) => `${step} ${days}`)).toEqual([
      'before_deadline 30',
      'before_deadline 7',
      'before_deadline 1',
      'after_deadline 0',
    ]);
    expect(await run('before_deadline', 30, D3, on(100))).toEqual(reminded(1));
    expect(await run('after_deadline', 0, D3, on(131))).toEqual(reminded(1));
    expect(await run('after_deadline', 0, D3, on(131))).toEqual(reminded(0));
    const rows = await reminderRows();
    expect(rows.filter((r) => r.startsWith(D3))).toEqual([`${D3} after_deadline 0 B`, `${D3} before_deadline 30 B`]);
    expect(rows).toHaveLength(7);
  });

  it('reopens a campaign whose deadline passed by itself, and closes one taking late reports', async () => {
    const D4 = addDays(T, 150);
    const reopened = await reopenReportingCampaign({
      ...deps(),
      allianceSlug: SLUG,
      year: YEAR,
      deadline: D4,
      now: on(140, '09:00:00'),
    });
    expect(reopened).toMatchObject({ deadline: D4, closedAt: null });
    const closing = on(160, '09:00:00');
    const closed = await closeReportingCampaign({ ...deps(), allianceSlug: SLUG, year: YEAR, now: closing });
    // Its deadline had passed: it stays, and the campaign stops taking late reports.
    expect(closed).toMatchObject({ deadline: D4, closedAt: closing });
  });
});
