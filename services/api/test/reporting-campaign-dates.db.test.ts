import { schema } from '@concord/db';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReportingStatuses } from '../src/modules/reporting/reporting.reads.ts';
import { addDays, utcDate } from '../src/modules/reporting/reporting-dates.ts';
import { buildTestApp, type TestApp } from './helper.ts';
import { signIn } from './journey.ts';
import { codeOf, demoAlliance, ok, SECRETARIAT, type Seeded, SLUG, seedOrganisation } from './reporting-fixtures.ts';

/**
 * The secretariat extends, closes and reopens a reporting campaign through the API, on the real clock (ADR 0030):
 * who may, what is refused and naming which field, what each change does to what the public sees (the headline
 * year, a campaign's state and its history of dates) and to reporting (a closed campaign takes no report; a
 * reopened one does), and that changes made at once are each applied or refused, none lost.
 */
const today = utcDate(new Date());
/** Last year: the demo's campaigns end with 2024, whose deadline has long passed. */
const YEAR = Number(today.slice(0, 4)) - 1;
const DEADLINE = addDays(today, 40);

const OPEN = `mutation($input: ReportingCampaignInput!) { openReportingCampaign(allianceSlug: "${SLUG}", input: $input) { id } }`;
const EXTEND = `mutation($year: Int!, $deadline: Date!) { extendReportingCampaign(allianceSlug: "${SLUG}", year: $year, deadline: $deadline) { deadline isOpen isClosed } }`;
const CLOSE = `mutation($year: Int!) { closeReportingCampaign(allianceSlug: "${SLUG}", year: $year) { deadline isOpen isClosed closedAt takesReportsUntil takesReportsNow } }`;
const REOPEN = `mutation($year: Int!, $deadline: Date!) { reopenReportingCampaign(allianceSlug: "${SLUG}", year: $year, deadline: $deadline) { deadline isOpen isClosed closedAt } }`;
const VIEW = `query($year: Int!) { alliance(slug: "${SLUG}") { progress { year inProgressYear }
  reportingCampaign(year: $year) { deadline isOpen isClosed closedAt takesReportsUntil takesReportsNow
    dateChanges { action previousDeadline deadline } } } }`;
const SUBMIT = `mutation($input: ProgressReportInput!) { submitProgressReport(input: $input) { id } }`;

interface View {
  alliance: {
    progress: { year: number | null; inProgressYear: number | null };
    reportingCampaign: {
      deadline: string;
      isOpen: boolean;
      isClosed: boolean;
      closedAt: string | null;
      takesReportsUntil: string | null;
      takesReportsNow: boolean;
      dateChanges: { action: string; previousDeadline: string | null; deadline: string }[];
    };
  };
}

let t: TestApp;
let staff = '';
let rep = '';
let campaignId = '';
let allianceId = '';
/** An organisation whose only pledge was accepted yesterday: this campaign is the first to expect a report of it. */
let newcomer: Seeded;

const refusal = async (query: string, variables: Record<string, unknown>, cookie = staff) =>
  (await t.graphql(query, { year: YEAR, ...variables }, { cookie })).errors?.[0]?.extensions;
const view = async () => (await ok<View>(t, VIEW, { year: YEAR })).alliance;
const statusOfNewcomer = async () =>
  (await loadReportingStatuses(t.database.db, [{ organisationId: newcomer.organisationId, allianceId }], today))[0];
const events = (action: string) =>
  t.database.db
    .select()
    .from(schema.auditEvent)
    .where(and(eq(schema.auditEvent.objectId, campaignId), eq(schema.auditEvent.action, action)))
    .orderBy(asc(schema.auditEvent.seq));

beforeAll(async () => {
  t = await buildTestApp();
  allianceId = (await demoAlliance(t)).id;
  newcomer = await seedOrganisation(t, {
    name: 'Newcomer Recycling',
    pledges: [{ decidedAt: `${addDays(today, -1)}T12:00:00Z` }],
    isSigned: true,
  });
  [staff, rep] = await Promise.all([signIn(t, SECRETARIAT), signIn(t, newcomer.email)]);
  const opened = await ok<{ openReportingCampaign: { id: string } }>(
    t,
    OPEN,
    { input: { year: YEAR, opensOn: today, deadline: DEADLINE } },
    staff,
  );
  campaignId = opened.openReportingCampaign.id;
}, 120_000);
afterAll(() => t?.close());

describe('[REPORTING] changing a campaign’s dates: who may, and what is refused', () => {
  it('is the secretariat’s: the public must sign in, a representative is FORBIDDEN, and nothing changes', async () => {
    for (const [query, variables] of [
      [EXTEND, { deadline: addDays(DEADLINE, 5) }],
      [CLOSE, {}],
      [REOPEN, { deadline: addDays(DEADLINE, 5) }],
    ] as const) {
      expect(await codeOf(t, query, { year: YEAR, ...variables })).toBe('UNAUTHENTICATED');
      expect(await codeOf(t, query, { year: YEAR, ...variables }, rep)).toBe('FORBIDDEN');
    }
    expect((await view()).reportingCampaign).toMatchObject({
      deadline: DEADLINE,
      isOpen: true,
      closedAt: null,
      takesReportsNow: true,
    });
  });

  it.each([
    ['a deadline not later than the current one', 'deadline', EXTEND, { deadline: DEADLINE }],
    ['a deadline earlier than the current one', 'deadline', EXTEND, { deadline: addDays(DEADLINE, -1) }],
    ['a deadline past the year after next', 'deadline', EXTEND, { deadline: `${YEAR + 3}-01-15` }],
    ['a date that does not exist', 'deadline', EXTEND, { deadline: `${YEAR + 1}-02-30` }],
    ['extending a closed campaign (2024’s deadline passed)', 'year', EXTEND, { year: 2024, deadline: today }],
    ['reopening a campaign that is open', 'year', REOPEN, { deadline: addDays(DEADLINE, 5) }],
    ['closing a campaign closed to reports long ago', 'year', CLOSE, { year: 2020 }],
  ])('refuses %s: BAD_USER_INPUT naming %s', async (_label, field, query, variables) => {
    expect(await refusal(query, variables)).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('answers NOT_FOUND for a year without a campaign, and for an unknown alliance', async () => {
    expect(await codeOf(t, EXTEND, { year: 2031, deadline: '2032-03-31' }, staff)).toBe('NOT_FOUND');
    const elsewhere = CLOSE.replace(`"${SLUG}"`, '"no-such-alliance"');
    expect(await codeOf(t, elsewhere, { year: YEAR }, staff)).toBe('NOT_FOUND');
    expect(await events('reporting_campaign.extended')).toEqual([]);
    expect(await events('reporting_campaign.closed')).toEqual([]);
  });
});

describe('[REPORTING] extend, close and reopen', () => {
  it('extends the deadline, with the old and new dates in the audit log and the campaign’s history', async () => {
    const later = addDays(DEADLINE, 10);
    const data = await ok<{ extendReportingCampaign: unknown }>(t, EXTEND, { year: YEAR, deadline: later }, staff);
    expect(data.extendReportingCampaign).toEqual({ deadline: later, isOpen: true, isClosed: false });
    const [event] = await events('reporting_campaign.extended');
    expect(event?.before).toMatchObject({ deadline: DEADLINE, closedAt: null });
    expect(event?.after).toMatchObject({ deadline: later, closedAt: null });
    expect((await view()).reportingCampaign.dateChanges).toEqual([
      { action: 'OPENED', previousDeadline: null, deadline: DEADLINE },
      { action: 'EXTENDED', previousDeadline: DEADLINE, deadline: later },
    ]);
  });

  it('closes it now: the headline year is its year, statuses count it, and it takes no report', async () => {
    const before = await view();
    expect(before.progress).toEqual({ year: 2024, inProgressYear: YEAR });
    expect(await statusOfNewcomer()).toBe('new');
    const extended = before.reportingCampaign.deadline;

    const data = await ok<{ closeReportingCampaign: Record<string, unknown> }>(t, CLOSE, { year: YEAR }, staff);
    expect(data.closeReportingCampaign).toMatchObject({
      deadline: today,
      isOpen: false,
      isClosed: true,
      takesReportsUntil: null,
      takesReportsNow: false,
    });
    expect(utcDate(new Date(String(data.closeReportingCampaign.closedAt)))).toBe(today);
    expect((await view()).progress).toEqual({ year: YEAR, inProgressYear: null });
    // Its pledge was accepted before the day the campaign closed, and has no report.
    expect(await statusOfNewcomer()).toBe('not_reporting');

    const report = { pledgeId: newcomer.pledgeIds[0], year: YEAR, tonnesAchieved: '10' };
    expect((await t.graphql(SUBMIT, { input: report }, { cookie: rep })).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.year',
    });
    expect(await refusal(CLOSE, {})).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
    expect(await refusal(EXTEND, { deadline: addDays(extended, 5) })).toMatchObject({ field: 'year' });
    const [event] = await events('reporting_campaign.closed');
    expect(event?.before).toMatchObject({ deadline: extended, closedAt: null });
    expect(event?.after).toMatchObject({ deadline: today, scheduled: [] });
  });

  it('reopens it until a new deadline: in progress again, statuses leave it out, and it takes reports', async () => {
    expect(await refusal(REOPEN, { deadline: addDays(today, -1) })).toMatchObject({ field: 'deadline' });
    expect(await refusal(REOPEN, { deadline: `${YEAR + 3}-01-15` })).toMatchObject({ field: 'deadline' });
    const reopenedUntil = addDays(today, 20);
    const data = await ok<{ reopenReportingCampaign: unknown }>(
      t,
      REOPEN,
      { year: YEAR, deadline: reopenedUntil },
      staff,
    );
    expect(data.reopenReportingCampaign).toEqual({
      deadline: reopenedUntil,
      isOpen: true,
      isClosed: false,
      closedAt: null,
    });
    const after = await view();
    // The year is no longer a result: the headline falls back to the latest year still closed.
    expect(after.progress).toEqual({ year: 2024, inProgressYear: YEAR });
    expect(after.reportingCampaign.takesReportsNow).toBe(true);
    expect(await statusOfNewcomer()).toBe('new');
    expect(after.reportingCampaign.dateChanges.map((c) => [c.action, c.deadline])).toEqual([
      ['OPENED', DEADLINE],
      ['EXTENDED', addDays(DEADLINE, 10)],
      ['CLOSED', today],
      ['REOPENED', reopenedUntil],
    ]);
    const report = { pledgeId: newcomer.pledgeIds[0], year: YEAR, tonnesAchieved: '10' };
    expect((await t.graphql(SUBMIT, { input: report }, { cookie: rep })).errors).toBeUndefined();
    // The public sees no unchecked figure: a submitted report is not in the year in progress either.
    const progress = await ok<{ alliance: { progress: { inProgress: { reportCount: number } | null } } }>(
      t,
      `{ alliance(slug: "${SLUG}") { progress { inProgress { reportCount } } } }`,
    );
    expect(progress.alliance.progress.inProgress?.reportCount ?? 0).toBe(0);
  });
});

describe('[REPORTING] changes at once', () => {
  it('applies each extension in turn: every one sees the deadline the one before left, none is lost', async () => {
    const start = (await view()).reportingCampaign.deadline;
    const asked = [3, 1, 5, 2, 4].map((days) => addDays(start, days));
    const answers = await Promise.all(
      asked.map((deadline) => t.graphql(EXTEND, { year: YEAR, deadline }, { cookie: staff })),
    );
    for (const answer of answers) {
      // Refused only for asking a deadline not later than one a concurrent extension had set.
      if (answer.errors)
        expect(answer.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'deadline' });
    }
    expect((await view()).reportingCampaign.deadline).toBe(addDays(start, 5));
    const extended = (await events('reporting_campaign.extended')).slice(1);
    expect(extended).toHaveLength(answers.filter((a) => !a.errors).length);
    let previous = start;
    for (const event of extended) {
      expect((event.before as { deadline: string }).deadline).toBe(previous);
      previous = (event.after as { deadline: string }).deadline;
    }
    expect(previous).toBe(addDays(start, 5));
  });

  it('closes once when three close at once, and reopens once when three reopen at once', async () => {
    const closes = await Promise.all([1, 2, 3].map(() => t.graphql(CLOSE, { year: YEAR }, { cookie: staff })));
    expect(closes.filter((c) => !c.errors)).toHaveLength(1);
    for (const c of closes.filter((c) => c.errors)) expect(c.errors?.[0]?.extensions).toMatchObject({ field: 'year' });
    expect(await events('reporting_campaign.closed')).toHaveLength(2);
    const reopens = await Promise.all(
      [7, 8, 9].map((days) => t.graphql(REOPEN, { year: YEAR, deadline: addDays(today, days) }, { cookie: staff })),
    );
    expect(reopens.filter((r) => !r.errors)).toHaveLength(1);
    for (const r of reopens.filter((r) => r.errors)) expect(r.errors?.[0]?.extensions).toMatchObject({ field: 'year' });
    expect(await events('reporting_campaign.reopened')).toHaveLength(2);
    expect((await view()).reportingCampaign).toMatchObject({ isOpen: true, closedAt: null });
  });
});
