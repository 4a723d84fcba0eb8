/**
 * The progress rollups (docs/adr/0005-progress-rollups.md) against the figures computed from scratch: after
 * every kind of write the other modules make, the service's answers equal the straight aggregates over
 * pledges and reports, and the rollup tables equal a rebuild.
 */
import { type Database, schema, uuidv7 } from '@concord/db';
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAllianceBySlug } from '../src/modules/alliance/alliance.service.ts';
import { kgToTonnes, tonnesToKg } from '../src/modules/progress/decimal.ts';
import {
  type BreakdownDimension,
  computeAchievedIncludingSubmitted,
  computeBreakdown,
  computeProgress,
} from '../src/modules/progress/progress.service.ts';
import { buildTestApp, type TestApp } from './helper.ts';
import { signIn } from './journey.ts';
import { ok, SECRETARIAT, SLUG, seedOrganisation } from './reporting-fixtures.ts';

const { organisation, pledge, progressReport, reportingCampaign, workingGroup } = schema;
const DIMENSIONS: BreakdownDimension[] = ['kind', 'polymer', 'sector', 'working_group', 'country', 'organisation_kind'];

let t: TestApp;
let alliance: schema.Alliance;
/** The demo's target counts one flow (uptake): the straight sums below filter on it. */
const flowOf = (row: schema.Alliance): schema.PledgeKind => {
  if (row.targetFlow === 'both') throw new Error('the straight sums here count one flow');
  return row.targetFlow;
};
beforeAll(async () => {
  t = await buildTestApp();
  alliance = await getAllianceBySlug(t.database.db, 'circular-plastics');
});
afterAll(() => t.close());

/** The figures as computed before the rollups: aggregates straight over pledges and reports. */
async function reference(db: Database, year: number | null) {
  const [pledged] = await db
    .select({
      supply: sql<string>`coalesce(sum(${pledge.tonnesPerYear}) filter (where ${pledge.kind} = 'supply'), 0)::numeric(14,3)::text`,
      uptake: sql<string>`coalesce(sum(${pledge.tonnesPerYear}) filter (where ${pledge.kind} = 'uptake'), 0)::numeric(14,3)::text`,
    })
    .from(pledge)
    .where(and(eq(pledge.allianceId, alliance.id), eq(pledge.status, 'accepted')));
  const byYear = await db
    .select({
      year: progressReport.year,
      achievedTonnes: sql<string>`sum(${progressReport.tonnesAchieved})::numeric(14,3)::text`,
      share: sql<string>`round(sum(${progressReport.tonnesAchieved}) / ${alliance.targetTonnes}::numeric, 4)::text`,
      reportCount: sql<number>`count(*)::int`,
      countedFlow: sql<schema.PledgeKind>`${flowOf(alliance)}::text`,
    })
    .from(progressReport)
    .innerJoin(pledge, eq(pledge.id, progressReport.pledgeId))
    .where(
      and(
        eq(pledge.allianceId, alliance.id),
        eq(pledge.status, 'accepted'),
        eq(pledge.kind, flowOf(alliance)),
        eq(progressReport.status, 'validated'),
      ),
    )
    .groupBy(progressReport.year)
    .orderBy(asc(progressReport.year));
  // The years that are results: up to the latest year whose campaign has closed.
  const [closed] = await db
    .select({ year: sql<number | null>`max(${reportingCampaign.year})` })
    .from(reportingCampaign)
    .where(
      and(
        eq(reportingCampaign.allianceId, alliance.id),
        sql`${reportingCampaign.deadline} < ${new Date().toISOString().slice(0, 10)}::date`,
      ),
    );
  const headlineYear = closed?.year ?? null;
  const keys: Record<BreakdownDimension, SQL<string>> = {
    kind: sql<string>`${pledge.kind}::text`,
    polymer: sql<string>`${pledge.polymer}::text`,
    sector: sql<string>`${pledge.sector}::text`,
    working_group: sql<string>`coalesce(${workingGroup.slug}, 'NONE')`,
    country: sql<string>`${organisation.country}`,
    organisation_kind: sql<string>`${organisation.kind}::text`,
  };
  const breakdowns: Record<string, unknown> = {};
  for (const by of DIMENSIONS) {
    breakdowns[by] = await db
      .select({
        key: keys[by],
        supplyTonnes: sql<string>`coalesce(sum(${pledge.tonnesPerYear}) filter (where ${pledge.kind} = 'supply'), 0)::numeric(14,3)::text`,
        uptakeTonnes: sql<string>`coalesce(sum(${pledge.tonnesPerYear}) filter (where ${pledge.kind} = 'uptake'), 0)::numeric(14,3)::text`,
        pledgeCount: sql<number>`count(*)::int`,
        achievedTonnes: sql<string>`coalesce(sum(${progressReport.tonnesAchieved}) filter (where ${pledge.kind} = ${flowOf(alliance)}), 0)::numeric(14,3)::text`,
        achievedSupplyTonnes: sql<string>`coalesce(sum(${progressReport.tonnesAchieved}) filter (where ${pledge.kind} = 'supply'), 0)::numeric(14,3)::text`,
        achievedUptakeTonnes: sql<string>`coalesce(sum(${progressReport.tonnesAchieved}) filter (where ${pledge.kind} = 'uptake'), 0)::numeric(14,3)::text`,
      })
      .from(pledge)
      .innerJoin(organisation, eq(organisation.id, pledge.organisationId))
      .leftJoin(workingGroup, eq(workingGroup.id, pledge.workingGroupId))
      .leftJoin(
        progressReport,
        and(
          eq(progressReport.pledgeId, pledge.id),
          eq(progressReport.year, year ?? -1),
          eq(progressReport.status, 'validated'),
        ),
      )
      .where(and(eq(pledge.allianceId, alliance.id), eq(pledge.status, 'accepted')))
      .groupBy(keys[by])
      .orderBy(keys[by]);
  }
  return {
    pledgedSupplyTonnes: pledged?.supply,
    pledgedUptakeTonnes: pledged?.uptake,
    byYear: byYear.filter((y) => headlineYear !== null && y.year <= headlineYear),
    breakdowns,
  };
}

async function fromService(db: Database, year: number | null) {
  const progress = await computeProgress(db, alliance);
  const breakdowns: Record<string, unknown> = {};
  for (const by of DIMENSIONS)
    breakdowns[by] = await computeBreakdown(db, { allianceId: alliance.id, countedFlow: flowOf(alliance) }, by, year);
  return {
    pledgedSupplyTonnes: progress.pledgedSupplyTonnes,
    pledgedUptakeTonnes: progress.pledgedUptakeTonnes,
    byYear: progress.byYear,
    breakdowns,
  };
}

/**
 * `achievedIncludingSubmittedTonnes` of every year with reports, as computed before the rollups kept submitted
 * reports: validated and submitted reports of accepted pledges of the target's flow, summed straight.
 */
async function includingSubmittedFromReports(db: Database) {
  const years = await db.selectDistinct({ year: progressReport.year }).from(progressReport);
  const sums = await db
    .select({
      year: progressReport.year,
      tonnes: sql<string>`sum(${progressReport.tonnesAchieved})::numeric(14,3)::text`,
    })
    .from(progressReport)
    .innerJoin(pledge, eq(pledge.id, progressReport.pledgeId))
    .where(
      and(
        eq(pledge.allianceId, alliance.id),
        eq(pledge.status, 'accepted'),
        eq(pledge.kind, flowOf(alliance)),
        inArray(progressReport.status, ['validated', 'submitted']),
      ),
    )
    .groupBy(progressReport.year);
  const byYear = new Map(sums.map((r) => [r.year, r.tonnes]));
  return new Map(years.map(({ year }) => [year, byYear.get(year) ?? '0.000']));
}

async function includingSubmittedFromService(db: Database, years: Iterable<number>) {
  const result = new Map<number, string>();
  for (const year of years)
    result.set(
      year,
      await computeAchievedIncludingSubmitted(db, { allianceId: alliance.id, targetFlow: alliance.targetFlow }, year),
    );
  return result;
}

/** Rollup rows that count something, in a stable order. */
async function rollupRows() {
  const pledged = await t.database.rows(
    sql`select alliance_id, dimension, key, kind, pledge_count, tonnes::text from progress_pledged_rollup
        where pledge_count <> 0 or tonnes <> 0 order by 1, 2, 3, 4`,
  );
  const achieved = await t.database.rows(
    // Tonnes to the kilogram: a sum that started from a zero of another scale ('0' and '0.000') is the same sum.
    sql`select alliance_id, dimension, year, key, kind, report_count, round(tonnes, 3)::text as tonnes,
          submitted_count, round(submitted_tonnes, 3)::text as submitted_tonnes from progress_achieved_rollup
        where report_count <> 0 or tonnes <> 0 or submitted_count <> 0 or submitted_tonnes <> 0
        order by 1, 2, 3, 4, 5`,
  );
  return { pledged, achieved };
}

/** The service equals the straight aggregates for every reported year, and the rollups equal a rebuild. */
async function expectInStep(label: string) {
  // No year, the first and the latest: the rest are the same code on other rows.
  const reported = (await computeProgress(t.database.db, alliance)).byYear.map((y) => y.year);
  const years = [null, ...new Set([reported[0], reported.at(-1)].filter((y) => y !== undefined))];
  for (const year of years) {
    expect(await fromService(t.database.db, year), `${label}, year ${year}`).toEqual(
      await reference(t.database.db, year),
    );
  }
  const including = await includingSubmittedFromReports(t.database.db);
  expect(await includingSubmittedFromService(t.database.db, including.keys()), `${label}, with submitted`).toEqual(
    including,
  );
  const kept = await rollupRows();
  await t.database.rows(sql`select progress_rollup_rebuild()`);
  expect(await rollupRows(), `${label}: rollups against a rebuild`).toEqual(kept);
}

async function anAcceptedPledge(kind: schema.PledgeKind) {
  const [row] = await t.database.db
    .select()
    .from(pledge)
    .where(and(eq(pledge.allianceId, alliance.id), eq(pledge.status, 'accepted'), eq(pledge.kind, kind)))
    .orderBy(asc(pledge.id))
    .limit(1);
  if (!row) throw new Error(`no accepted ${kind} pledge`);
  return row;
}

describe('[PROGRESS ROLLUPS] kept in step with every write', () => {
  it('start in step with the seeded pledges and reports', async () => {
    await expectInStep('seeded');
  });

  it('follow pledges made, accepted, changed, moved, withdrawn and deleted', async () => {
    const { db } = t.database;
    const [org] = await db.select().from(organisation).orderBy(asc(organisation.id)).limit(1);
    const [group] = await db.select().from(workingGroup).where(eq(workingGroup.allianceId, alliance.id)).limit(1);
    if (!org || !group) throw new Error('demo data missing');
    const id = uuidv7();
    await db.insert(pledge).values({
      id,
      allianceId: alliance.id,
      organisationId: org.id,
      workingGroupId: group.id,
      kind: 'uptake',
      polymer: 'PET',
      sector: 'packaging',
      tonnesPerYear: '1234.567',
      targetYear: 2025,
      status: 'submitted',
    });
    await expectInStep('a submitted pledge counts nowhere');
    await db.update(pledge).set({ status: 'accepted', decidedAt: new Date() }).where(eq(pledge.id, id));
    await db.insert(progressReport).values([
      { pledgeId: id, year: 2023, tonnesAchieved: '1000.001', status: 'validated', validatedAt: new Date() },
      { pledgeId: id, year: 2024, tonnesAchieved: '1100.5', status: 'submitted' },
    ]);
    await expectInStep('accepted, with a validated and a submitted report');
    await db
      .update(pledge)
      .set({ polymer: 'HDPE', sector: 'construction', tonnesPerYear: '2000', kind: 'supply' })
      .where(eq(pledge.id, id));
    await expectInStep('its figures changed');
    await db.update(pledge).set({ updatedAt: new Date() }).where(eq(pledge.allianceId, alliance.id));
    await expectInStep('every pledge touched without a change that counts');
    await db.delete(workingGroup).where(eq(workingGroup.id, group.id));
    await expectInStep('its working group deleted (the pledges fall to NONE)');
    const victim = await anAcceptedPledge('uptake');
    await db
      .update(pledge)
      .set({ status: 'withdrawn', withdrawnAt: new Date(), withdrawalReason: 'test' })
      .where(eq(pledge.id, victim.id));
    await expectInStep('an uptake pledge with reports withdrawn');
    await db.delete(pledge).where(eq(pledge.id, id));
    await expectInStep('an accepted pledge deleted with its reports');
  });

  it('follow reports submitted, validated, corrected, queried and deleted', async () => {
    const { db } = t.database;
    const target = await anAcceptedPledge('uptake');
    const reports = await db.select().from(progressReport).where(eq(progressReport.pledgeId, target.id));
    const submitted = await db
      .select()
      .from(progressReport)
      .innerJoin(pledge, eq(pledge.id, progressReport.pledgeId))
      .where(and(eq(progressReport.status, 'submitted'), eq(pledge.status, 'accepted')))
      .limit(3);
    for (const { progress_report: report } of submitted) {
      await db
        .update(progressReport)
        .set({ status: 'validated', validatedAt: new Date() })
        .where(eq(progressReport.id, report.id));
    }
    await expectInStep('submitted reports validated');
    const validated = reports.find((r) => r.status === 'validated');
    if (!validated) throw new Error('no validated report');
    await db.update(progressReport).set({ tonnesAchieved: '0' }).where(eq(progressReport.id, validated.id));
    await expectInStep('a validated report corrected to zero (it still counts as a report)');
    await db
      .update(progressReport)
      .set({ status: 'queried', queryQuestion: 'Which certificate?', queriedAt: new Date() })
      .where(eq(progressReport.id, validated.id));
    await expectInStep('a validated report queried');
    await db.delete(progressReport).where(eq(progressReport.pledgeId, target.id));
    await expectInStep('a pledge’s reports deleted');
    await db
      .update(progressReport)
      .set({ tonnesAchieved: sql`${progressReport.tonnesAchieved} + 0.001` })
      .where(eq(progressReport.year, 2020));
    await expectInStep('a whole year’s reports corrected by a kilogram in one statement');
  });

  // A cap, not a measure: about 5 s on a quiet machine, and the run's slowest test; it passed 30 s on a loaded one.
  it('keep submitted reports apart through the life of a report, to the kilogram', { timeout: 90_000 }, async () => {
    const { db } = t.database;
    const YEAR = 2025;
    const org = await seedOrganisation(t, {
      name: 'Rollup Submitter',
      pledges: [{ tonnesPerYear: '5000' }, { tonnesPerYear: '3000' }, { kind: 'supply', tonnesPerYear: '9000' }],
    });
    const [uptakeA, uptakeB, supply] = org.pledgeIds as [string, string, string];
    const [rep, staff] = [await signIn(t, org.email), await signIn(t, SECRETARIAT)];
    const campaigns = await ok<{ alliance: { reportingCampaigns: { year: number }[] } }>(
      t,
      `{ alliance(slug: "${SLUG}") { reportingCampaigns { year } } }`,
    );
    if (!campaigns.alliance.reportingCampaigns.some((c) => c.year === YEAR)) {
      await ok(
        t,
        `mutation { openReportingCampaign(allianceSlug: "${SLUG}", input: { year: ${YEAR}, opensOn: "2026-02-01",
          deadline: "2026-03-31" }) { id } }`,
        {},
        staff,
      );
    }
    const FIELDS = '{ id status tonnesAchieved }';
    type Report = { id: string; status: string; tonnesAchieved: string };
    const submit = async (pledgeId: string, tonnesAchieved: string) =>
      (
        await ok<{ submitProgressReport: Report }>(
          t,
          `mutation($input: ProgressReportInput!) { submitProgressReport(input: $input) ${FIELDS} }`,
          { input: { pledgeId, year: YEAR, tonnesAchieved } },
          rep,
        )
      ).submitProgressReport;
    const validate = (id: string) =>
      ok(t, `mutation($id: ID!) { validateProgressReport(id: $id) ${FIELDS} }`, { id }, staff);
    const query = (id: string) =>
      ok(t, `mutation($id: ID!) { queryProgressReport(id: $id, question: "Which audit?") ${FIELDS} }`, { id }, staff);
    const answer = (id: string, tonnes?: string) =>
      ok(
        t,
        `mutation($id: ID!, $t: Decimal) { answerProgressReportQuery(id: $id, answer: "This one.", tonnesAchieved: $t)
          ${FIELDS} }`,
        { id, t: tonnes ?? null },
        rep,
      );
    const reopen = (id: string) =>
      ok(t, `mutation($id: ID!) { reopenProgressReport(id: $id, reason: "Recount.") ${FIELDS} }`, { id }, staff);

    // What the year held before: every step below adds to it what the step says, and nothing else.
    const before = tonnesToKg(
      await computeAchievedIncludingSubmitted(db, { allianceId: alliance.id, targetFlow: alliance.targetFlow }, YEAR),
    );
    const expectYear = async (label: string, addedTonnes: string) => {
      expect(
        await computeAchievedIncludingSubmitted(db, { allianceId: alliance.id, targetFlow: alliance.targetFlow }, YEAR),
        label,
      ).toBe(kgToTonnes(before + tonnesToKg(addedTonnes)));
      await expectInStep(label);
    };

    const a = await submit(uptakeA, '1000.5');
    const b = await submit(uptakeB, '200.25');
    await submit(supply, '700');
    await expectYear('two uptake reports and a supply report submitted', '1200.750');
    await submit(uptakeA, '1100.125');
    await expectYear('a submitted report resubmitted with new figures', '1300.375');
    await validate(a.id);
    await expectYear('submitted → validated: the same tonnes, now achieved', '1300.375');
    await query(b.id);
    await expectYear('submitted → queried: out while in question', '1100.125');
    await answer(b.id, '250');
    await expectYear('queried → submitted, answered with corrected figures', '1350.125');
    await validate(b.id);
    await expectYear('the answered report validated', '1350.125');
    await reopen(a.id);
    await expectYear('validated → queried: a reopened report is out', '250.000');
    await answer(a.id);
    await expectYear('the reopened report answered as it was: submitted again', '1350.125');
    await db
      .update(pledge)
      .set({ status: 'withdrawn', withdrawnAt: new Date(), withdrawalReason: 'test' })
      .where(eq(pledge.id, uptakeB));
    await expectYear('a pledge with a validated report withdrawn', '1100.125');
    await validate(a.id);
    await expectYear('the last submitted report validated', '1100.125');

    const { progress } = (
      await ok<{ alliance: { progress: { year: number; achievedIncludingSubmittedTonnes: string } } }>(
        t,
        `{ alliance(slug: "${SLUG}") { progress { year achievedIncludingSubmittedTonnes } } }`,
        {},
        await signIn(t, SECRETARIAT),
      )
    ).alliance;
    expect(progress.achievedIncludingSubmittedTonnes).toBe(
      (await includingSubmittedFromReports(db)).get(progress.year),
    );
  });

  it('follow an organisation that changes country or kind', async () => {
    const { db } = t.database;
    const target = await anAcceptedPledge('supply');
    await db.update(organisation).set({ country: 'MT', kind: 'ngo' }).where(eq(organisation.id, target.organisationId));
    await expectInStep('an organisation moved to Malta and became an NGO');
    await db.update(organisation).set({ legalName: sql`${organisation.legalName} || ' (renamed)'` });
    await expectInStep('every organisation renamed (nothing that counts)');
  });

  // PGlite has one connection: two transactions cannot overlap there.
  it.runIf(process.env.CONCORD_TEST_DB === 'postgres')(
    'stay in step when a report is validated while its pledge is withdrawn, in either order',
    async () => {
      const { db } = t.database;
      for (const order of ['validate first', 'withdraw first'] as const) {
        const [row] = await db
          .select({ report: progressReport, pledge })
          .from(progressReport)
          .innerJoin(pledge, eq(pledge.id, progressReport.pledgeId))
          .where(and(eq(progressReport.status, 'submitted'), eq(pledge.status, 'accepted'), eq(pledge.kind, 'uptake')))
          .limit(1);
        if (!row) throw new Error('no submitted report of an accepted pledge');
        const validate = (tx: Database) =>
          tx
            .update(progressReport)
            .set({ status: 'validated', validatedAt: new Date() })
            .where(eq(progressReport.id, row.report.id));
        const withdraw = (tx: Database) =>
          tx
            .update(pledge)
            .set({ status: 'withdrawn', withdrawnAt: new Date(), withdrawalReason: 'race' })
            .where(eq(pledge.id, row.pledge.id));
        const [first, second] = order === 'validate first' ? [validate, withdraw] : [withdraw, validate];
        let releaseFirst = () => {};
        const firstHolds = new Promise<void>((resolve) => {
          releaseFirst = resolve;
        });
        let firstWrote = () => {};
        const wrote = new Promise<void>((resolve) => {
          firstWrote = resolve;
        });
        const one = db.transaction(async (tx) => {
          await first(tx);
          firstWrote();
          await firstHolds;
        });
        await wrote;
        // The second writer must wait for the first (row locks), then see what it did.
        const two = db.transaction(async (tx) => second(tx));
        await new Promise((resolve) => setTimeout(resolve, 200));
        releaseFirst();
        await Promise.all([one, two]);
        await expectInStep(`validation and withdrawal at once, ${order}`);
      }
    },
  );
});
