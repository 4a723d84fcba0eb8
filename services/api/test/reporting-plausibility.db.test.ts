/**
 * Issue 9: reports and campaigns that cannot be true are refused, naming the field, and what is merely
 * unlikely is flagged for the secretariat without reaching a public figure (defect 5); twenty identical
 * submissions at once have one effect on both databases (defect 6); a conflict says what the report is now
 * (defect 10); a campaign lists who is missing with each one's status in that alliance (defect 11).
 */
import { schema } from '@concord/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, utcDate } from '../src/modules/reporting/reporting-dates.ts';
import type { TestApp } from './helper.ts';
import { buildTestApp } from './helper.ts';
import { signIn } from './journey.ts';
import {
  ok,
  SECRETARIAT,
  type Seeded,
  SLUG,
  seedAlliance,
  seedOrganisation,
  seedPledges,
  seedReport,
} from './reporting-fixtures.ts';

const SUBMIT = `mutation($input: ProgressReportInput!) { submitProgressReport(input: $input) { id status tonnesAchieved revision } }`;
const OPEN = `mutation($input: ReportingCampaignInput!) { openReportingCampaign(allianceSlug: "${SLUG}", input: $input) { id } }`;
const thisYear = new Date().getUTCFullYear();
const today = utcDate(new Date());

let t: TestApp;
let staff = '';
let org: Seeded;
let rep = '';

beforeAll(async () => {
  t = await buildTestApp();
  org = await seedOrganisation(t, {
    name: 'Plausible Polymers',
    isSigned: true,
    pledges: [{ tonnesPerYear: '777.500' }, {}, {}, {}],
  });
  [staff, rep] = await Promise.all([signIn(t, SECRETARIAT), signIn(t, org.email)]);
  // The campaign for last year, open now, as the secretariat opens one.
  await ok(t, OPEN, { input: { year: thisYear - 1, opensOn: today, deadline: addDays(today, 56) } }, staff);
}, 60_000);
afterAll(() => t.close());

const pledgeOf = (i: number) => org.pledgeIds[i] ?? '';
const submit = (pledgeId: string, year: number, tonnes: string, cookie = rep) =>
  t.graphql<{ submitProgressReport: { id: string; status: string; tonnesAchieved: string; revision: number } }>(
    SUBMIT,
    { input: { pledgeId, year, tonnesAchieved: tonnes, evidenceScheme: 'RecyClass' } },
    { cookie },
  );

async function reportRows(pledgeId: string) {
  return t.database.db.select().from(schema.progressReport).where(eq(schema.progressReport.pledgeId, pledgeId));
}

describe('[REPORTING] what cannot be true is refused, naming the field', () => {
  it('refuses a report for a year that is not over', async () => {
    const res = await submit(pledgeOf(1), thisYear, '10');
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.year' });
    expect(res.errors?.[0]?.message).toMatch(/not over/);
    expect(await reportRows(pledgeOf(1))).toEqual([]);
  });

  it('refuses a report in a campaign that took its last reports long ago', async () => {
    // The demo's campaign for 2019 had its deadline on 31 March 2020.
    const res = await submit(pledgeOf(1), 2019, '10');
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.year' });
    expect(res.errors?.[0]?.message).toContain('2021-03-31');
    expect(await reportRows(pledgeOf(1))).toEqual([]);
  });

  it.each([
    [
      'a year in the future, dates out of its reach',
      'input.year',
      { year: 2099, opensOn: '2020-01-01', deadline: '2020-02-01' },
    ],
    [
      'an opening out of the year’s reach',
      'input.opensOn',
      { year: 2017, opensOn: '2020-01-01', deadline: '2020-02-01' },
    ],
    [
      'a deadline before the year is over',
      'input.deadline',
      { year: 2018, opensOn: '2018-06-01', deadline: '2018-12-01' },
    ],
    ['a deadline before the opening', 'input.deadline', { year: 2018, opensOn: '2019-03-01', deadline: '2019-02-01' }],
  ])('refuses a campaign with %s (%s)', async (_label, field, input) => {
    const res = await t.graphql(OPEN, { input }, { cookie: staff });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    const rows = await t.database.db
      .select()
      .from(schema.reportingCampaign)
      .where(eq(schema.reportingCampaign.year, input.year));
    expect(rows).toEqual([]);
  });
});

describe('[REPORTING] what is merely unlikely is flagged, and counts nowhere public', () => {
  it('takes 49,999,999.999 t against a 777.5 t pledge, flags it in the queue, and keeps it out of public figures', async () => {
    const PROGRESS = `{ alliance(slug: "${SLUG}") { progress { year achievedTonnes inProgress { achievedTonnes }
      achievedIncludingSubmittedTonnes(year: ${thisYear - 1}) } } }`;
    type Progress = {
      alliance: {
        progress: {
          achievedTonnes: string;
          inProgress: { achievedTonnes: string } | null;
          achievedIncludingSubmittedTonnes: string | null;
        };
      };
    };
    const before = await ok<Progress>(t, PROGRESS);
    const res = await submit(pledgeOf(0), thisYear - 1, '49999999.999');
    expect(res.errors).toBeUndefined();
    const id = res.data?.submitProgressReport.id;

    const QUEUE = `{ alliance(slug: "${SLUG}") { reportValidationQueue(first: 250) { nodes { id flags } } } }`;
    const queue = await ok<{ alliance: { reportValidationQueue: { nodes: { id: string; flags: string[] }[] } } }>(
      t,
      QUEUE,
      {},
      staff,
    );
    expect(queue.alliance.reportValidationQueue.nodes.find((n) => n.id === id)?.flags).toEqual(['ABOVE_TWICE_PLEDGED']);
    // A report of about what was pledged carries no flag.
    const modest = await submit(pledgeOf(2), thisYear - 1, '1000');
    const modestFlags = await ok<{ alliance: { pledge: { reports: { flags: string[] }[] } } }>(
      t,
      `{ alliance(slug: "${SLUG}") { pledge(id: "${pledgeOf(2)}") { reports { flags } } } }`,
      {},
      staff,
    );
    expect(modest.errors).toBeUndefined();
    expect(modestFlags.alliance.pledge.reports.map((r) => r.flags)).toEqual([[]]);

    // The public sees no unvalidated figure: not in the totals, not in a "including submitted" figure.
    const after = await ok<Progress>(t, PROGRESS);
    expect(after).toEqual(before);
    expect(after.alliance.progress.achievedIncludingSubmittedTonnes).toBeNull();
    const publicList = await ok<{ alliance: { progressReports: { totalTonnes: string } } }>(
      t,
      `{ alliance(slug: "${SLUG}") { progressReports(first: 1, filter: { year: ${thisYear - 1} }) { totalTonnes } } }`,
    );
    expect(publicList.alliance.progressReports.totalTonnes).toBe('0.000');
    // The secretariat weighs it.
    const forStaff = await ok<Progress>(t, PROGRESS, {}, staff);
    expect(forStaff.alliance.progress.achievedIncludingSubmittedTonnes).not.toBeNull();
  });
});

describe('[REPORTING] one effect for a submission sent many times at once', () => {
  it('makes one report of 20 identical submissions, with no revision and one audit event', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => submit(pledgeOf(3), thisYear - 1, '512.25')));
    for (const res of results) expect(res.errors).toBeUndefined();
    const rows = await reportRows(pledgeOf(3));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.revision).toBe(1);
    expect(new Set(results.map((r) => r.data?.submitProgressReport.id))).toEqual(new Set([rows[0]?.id]));
    const revisions = await t.database.db
      .select()
      .from(schema.progressReportRevision)
      .where(eq(schema.progressReportRevision.reportId, rows[0]?.id ?? ''));
    expect(revisions).toEqual([]);
    const audit = await t.database.db
      .select()
      .from(schema.auditEvent)
      .where(
        and(eq(schema.auditEvent.objectType, 'progress_report'), eq(schema.auditEvent.objectId, rows[0]?.id ?? '')),
      );
    expect(audit).toHaveLength(1);
    // The same figure written otherwise is the same figure: still nothing to do.
    const again = await submit(pledgeOf(3), thisYear - 1, '512.250');
    expect(again.data?.submitProgressReport.revision).toBe(1);
  });
});

describe('[REPORTING] a conflict says what the report is now', () => {
  it('tells the loser of a validation and a query at once what the winner made of the report', async () => {
    const id = (await reportRows(pledgeOf(3)))[0]?.id ?? '';
    const [validated, queried] = await Promise.all([
      t.graphql(`mutation($id: ID!) { validateProgressReport(id: $id) { id } }`, { id }, { cookie: staff }),
      t.graphql(
        `mutation($id: ID!) { queryProgressReport(id: $id, question: "Which audit?") { id } }`,
        { id },
        {
          cookie: staff,
        },
      ),
    ]);
    const [row] = await reportRows(pledgeOf(3));
    const loser = row?.status === 'validated' ? queried : validated;
    expect(loser.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(loser.errors?.[0]?.message).toContain(`now ${row?.status}`);
  });
});

describe('[REPORTING] who a campaign waits for, with the status in its alliance', () => {
  it('shows an organisation active here as active, though it is inactive in another alliance', async () => {
    const other = await seedAlliance(t, { slug: 'other-alliance', campaignYears: [2022, 2023] });
    const both = await seedOrganisation(t, { name: 'Two Alliances', isSigned: true, pledges: [{}] });
    await seedPledges(t, both.organisationId, { alliance: other, isSigned: true, pledges: [{}] });
    for (const year of [2023, 2024]) await seedReport(t, { pledgeId: both.pledgeIds[0] ?? '', year });
    const data = await ok<{
      alliance: {
        reportingCampaign: {
          missingReporters: { reportingStatus: string; organisation: { id: string; reportingStatus: string } }[];
        };
      };
    }>(
      t,
      `{ alliance(slug: "${SLUG}") { reportingCampaign(year: ${thisYear - 1}) { missingReporters {
        reportingStatus organisation { id reportingStatus } } } } }`,
      {},
      staff,
    );
    const entry = data.alliance.reportingCampaign.missingReporters.find(
      (m) => m.organisation.id === both.organisationId,
    );
    expect(entry?.reportingStatus).toBe('ACTIVE');
    // The deprecated cross-alliance figure is the worst of the two: what the campaign page used to show.
    expect(entry?.organisation.reportingStatus).toBe('INACTIVE');
    // Only the secretariat sees who is missing.
    const forPublic = await ok<{ alliance: { reportingCampaign: { missingReporters: unknown[] } } }>(
      t,
      `{ alliance(slug: "${SLUG}") { reportingCampaign(year: ${thisYear - 1}) { missingReporters { reportingStatus } } } }`,
    );
    expect(forPublic.alliance.reportingCampaign.missingReporters).toEqual([]);
  });
});
