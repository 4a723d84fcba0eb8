import { schema } from '@concord/db';
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kgToTonnes, tonnesToKg } from '../src/modules/progress/decimal.ts';
import { buildTestApp, type TestApp } from './helper.ts';
import { signIn, waitForMail } from './journey.ts';
import { codeOf, ok, SECRETARIAT, type Seeded, SLUG, seedOrganisation, seedReport } from './reporting-fixtures.ts';

const REPORT_FIELDS = `id year status tonnesAchieved revision evidenceScheme certificateNumber auditor
  submittedAt validatedAt queryQuestion queryAnswer revisions { revision tonnesAchieved auditor }`;
const SUBMIT = `mutation($input: ProgressReportInput!) { submitProgressReport(input: $input) { ${REPORT_FIELDS} } }`;
const VALIDATE = `mutation($id: ID!) { validateProgressReport(id: $id) { ${REPORT_FIELDS} } }`;
const QUERY = `mutation($id: ID!, $q: String!) { queryProgressReport(id: $id, question: $q) { ${REPORT_FIELDS} } }`;
const ANSWER = `mutation($id: ID!, $a: String!, $t: Decimal) {
  answerProgressReportQuery(id: $id, answer: $a, tonnesAchieved: $t) { ${REPORT_FIELDS} } }`;
const REOPEN = `mutation($id: ID!, $r: String!) { reopenProgressReport(id: $id, reason: $r) { ${REPORT_FIELDS} } }`;
const LIST = `query($f: ProgressReportFilter) { alliance(slug: "${SLUG}") { progressReports(first: 250, filter: $f) {
  totalCount totalTonnes nodes { id status tonnesAchieved revisions { revision } pledge { id reports { year status } } } } } }`;

interface Report {
  id: string;
  year: number;
  status: string;
  tonnesAchieved: string;
  revision: number;
  evidenceScheme: string | null;
  certificateNumber: string | null;
  auditor: string | null;
  submittedAt: string;
  validatedAt: string | null;
  queryQuestion: string | null;
  queryAnswer: string | null;
  revisions: { revision: number; tonnesAchieved: string; auditor: string | null }[];
}
interface ListView {
  totalCount: number;
  totalTonnes: string;
  nodes: {
    id: string;
    status: string;
    tonnesAchieved: string;
    revisions: { revision: number }[];
    pledge: { id: string; reports: { year: number; status: string }[] };
  }[];
}

const YEAR = 2025;
const flat = (text: string) => text.replace(/\s+/g, ' ');

let t: TestApp;
/** Organisation A: four accepted pledges (journey, decimals, rights, race) and one still under review. */
let a: Seeded;
let b: Seeded;
const cookies: Record<'public' | 'repA' | 'repB' | 'secretariat', string> = {
  public: '',
  repA: '',
  repB: '',
  secretariat: '',
};
const pledgeOf = (i: number) => a.pledgeIds[i] ?? '';

beforeAll(async () => {
  t = await buildTestApp();
  [a, b] = await Promise.all([
    seedOrganisation(t, {
      name: 'Lifecycle Alpha',
      pledges: [{}, {}, {}, {}, { status: 'submitted', decidedAt: null }],
    }),
    seedOrganisation(t, { name: 'Lifecycle Beta', pledges: [{}] }),
  ]);
  [cookies.repA, cookies.repB, cookies.secretariat] = await Promise.all([
    signIn(t, a.email),
    signIn(t, b.email),
    signIn(t, SECRETARIAT),
  ]);
  // The campaign for 2025, closed already: late reports are still taken.
  await ok(
    t,
    `mutation { openReportingCampaign(allianceSlug: "${SLUG}", input: { year: ${YEAR}, opensOn: "2026-02-01", deadline: "2026-03-31" }) { id } }`,
    {},
    cookies.secretariat,
  );
}, 60_000);
afterAll(() => t.close());

const submit = (cookie: string, pledgeId: string, tonnesAchieved: string, extra: Record<string, unknown> = {}) =>
  t.graphql<{ submitProgressReport: Report }>(
    SUBMIT,
    { input: { pledgeId, year: YEAR, tonnesAchieved, ...extra } },
    { cookie },
  );

async function must<T>(promise: Promise<{ data: T | null; errors?: unknown[] }>): Promise<T> {
  const res = await promise;
  if (res.errors || !res.data) throw new Error(JSON.stringify(res.errors));
  return res.data;
}

describe('[REPORTING] the life of a report', () => {
  it('is submitted, replaced with its history kept, queried, answered, validated, reopened and validated again', async () => {
    const { repA, secretariat } = cookies;
    const first = (
      await must(
        submit(repA, pledgeOf(0), '1200.5', {
          evidenceScheme: 'RecyClass',
          certificateNumber: 'RCS-2025-00001',
          auditor: 'Veritrace Audit GmbH',
        }),
      )
    ).submitProgressReport;
    expect(first).toMatchObject({ status: 'SUBMITTED', tonnesAchieved: '1200.500', revision: 1, revisions: [] });

    const second = (await must(submit(repA, pledgeOf(0), '1250.25', { auditor: 'Kestrow Assurance Ltd' })))
      .submitProgressReport;
    expect(second).toMatchObject({ id: first.id, status: 'SUBMITTED', tonnesAchieved: '1250.250', revision: 2 });
    expect(second.evidenceScheme).toBeNull();
    expect(second.revisions).toEqual([{ revision: 1, tonnesAchieved: '1200.500', auditor: 'Veritrace Audit GmbH' }]);

    const queried = (
      await must(
        t.graphql<{ queryProgressReport: Report }>(
          QUERY,
          { id: first.id, q: 'Which audit covers the PP tonnes?' },
          { cookie: secretariat },
        ),
      )
    ).queryProgressReport;
    expect(queried).toMatchObject({ status: 'QUERIED', queryQuestion: 'Which audit covers the PP tonnes?' });
    const question = await waitForMail(t, a.email, /Question about the progress report/);
    expect(flat(question.text)).toContain('Which audit covers the PP tonnes?');

    const answered = (
      await must(
        t.graphql<{ answerProgressReportQuery: Report }>(
          ANSWER,
          { id: first.id, a: 'The Kestrow audit; we corrected a double count.', t: '1300' },
          { cookie: repA },
        ),
      )
    ).answerProgressReportQuery;
    expect(answered).toMatchObject({
      status: 'SUBMITTED',
      tonnesAchieved: '1300.000',
      revision: 3,
      queryQuestion: 'Which audit covers the PP tonnes?',
      queryAnswer: 'The Kestrow audit; we corrected a double count.',
    });
    expect(answered.revisions.map((r) => [r.revision, r.tonnesAchieved])).toEqual([
      [1, '1200.500'],
      [2, '1250.250'],
    ]);
    const answerMail = await waitForMail(t, SECRETARIAT, /Answer to review/);
    expect(flat(answerMail.text)).toContain('It corrected the figure: 1,300 t achieved.');

    const validated = (
      await must(t.graphql<{ validateProgressReport: Report }>(VALIDATE, { id: first.id }, { cookie: secretariat }))
    ).validateProgressReport;
    expect(validated.status).toBe('VALIDATED');
    expect(validated.validatedAt).not.toBeNull();

    const resubmitted = await submit(repA, pledgeOf(0), '1400');
    expect(resubmitted.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(resubmitted.errors?.[0]?.message).toMatch(/reopen/);
    expect(await codeOf(t, VALIDATE, { id: first.id }, secretariat)).toBe('CONFLICT');
    expect(await codeOf(t, QUERY, { id: first.id, q: 'Again?' }, secretariat)).toBe('CONFLICT');

    const reopened = (
      await must(
        t.graphql<{ reopenProgressReport: Report }>(
          REOPEN,
          { id: first.id, r: 'The certificate was withdrawn by the scheme.' },
          { cookie: secretariat },
        ),
      )
    ).reopenProgressReport;
    expect(reopened).toMatchObject({
      status: 'QUERIED',
      queryQuestion: 'The certificate was withdrawn by the scheme.',
      queryAnswer: null,
      validatedAt: null,
      revision: 3,
    });
    await waitForMail(t, a.email, /Progress report reopened/);

    const reanswered = (
      await must(
        t.graphql<{ answerProgressReportQuery: Report }>(
          ANSWER,
          { id: first.id, a: 'A new certificate is attached.', t: '1300.000' },
          { cookie: repA },
        ),
      )
    ).answerProgressReportQuery;
    // The same figure is no new revision.
    expect(reanswered).toMatchObject({ status: 'SUBMITTED', revision: 3, tonnesAchieved: '1300.000' });
    await must(t.graphql(VALIDATE, { id: first.id }, { cookie: secretariat }));

    const events = await t.database.db
      .select({ action: schema.auditEvent.action, organisationId: schema.auditEvent.actorOrganisationId })
      .from(schema.auditEvent)
      .where(and(eq(schema.auditEvent.objectType, 'progress_report'), eq(schema.auditEvent.objectId, first.id)))
      .orderBy(asc(schema.auditEvent.seq));
    expect(events.map((e) => e.action)).toEqual([
      'progress_report.submitted',
      'progress_report.resubmitted',
      'progress_report.queried',
      'progress_report.answered',
      'progress_report.validated',
      'progress_report.reopened',
      'progress_report.answered',
      'progress_report.validated',
    ]);
    // The organisation's acts carry its name; the secretariat's do not.
    expect(events.map((e) => e.organisationId === a.organisationId)).toEqual([
      true,
      true,
      false,
      true,
      false,
      false,
      true,
      false,
    ]);
    expect(await t.database.rows(sql`select seq from audit_verify_chain()`)).toEqual([]);
  });

  it('keeps tonnes exact, to the kilogram, through totals and progress', async () => {
    const big = (await must(submit(cookies.repA, pledgeOf(1), '33333333.333'))).submitProgressReport;
    await must(t.graphql(VALIDATE, { id: big.id }, { cookie: cookies.secretariat }));
    const list = await ok<{ alliance: { progressReports: ListView } }>(t, LIST, {
      f: { year: YEAR, organisationId: a.organisationId },
    });
    expect(list.alliance.progressReports.nodes.map((n) => n.tonnesAchieved).sort()).toEqual([
      '1300.000',
      '33333333.333',
    ]);
    expect(list.alliance.progressReports.totalTonnes).toBe('33334633.333');

    // Only this organisation reported for 2025, with uptake pledges; its campaign has closed: the headline is 2025.
    await must(submit(cookies.repA, pledgeOf(2), '0.5'));
    const progress = await ok<{
      alliance: { progress: { year: number; achievedTonnes: string; achievedIncludingSubmittedTonnes: string } };
    }>(
      t,
      `{ alliance(slug: "${SLUG}") { progress { year achievedTonnes achievedIncludingSubmittedTonnes } } }`,
      {},
      cookies.secretariat,
    );
    expect(progress.alliance.progress).toEqual({
      year: YEAR,
      achievedTonnes: '33334633.333',
      achievedIncludingSubmittedTonnes: '33334633.833',
    });
    expect(kgToTonnes(tonnesToKg('33334633.333') + tonnesToKg('0.5'))).toBe('33334633.833');
  });

  it('shows earlier figures and unvalidated reports to the organisation and the secretariat only', async () => {
    await seedReport(t, { pledgeId: pledgeOf(0), year: 2024, status: 'submitted' });
    const view = async (cookie: string) => {
      const data = await ok<{ alliance: { progressReports: ListView } }>(
        t,
        LIST,
        { f: { year: YEAR, organisationId: a.organisationId, status: 'VALIDATED' } },
        cookie,
      );
      const node = data.alliance.progressReports.nodes.find((n) => n.pledge.id === pledgeOf(0));
      return { revisions: node?.revisions.length, reports: node?.pledge.reports.map((r) => `${r.year} ${r.status}`) };
    };
    const all = { revisions: 2, reports: ['2024 SUBMITTED', '2025 VALIDATED'] };
    const publicOnly = { revisions: 0, reports: ['2025 VALIDATED'] };
    expect(await view(cookies.repA)).toEqual(all);
    expect(await view(cookies.secretariat)).toEqual(all);
    expect(await view('')).toEqual(publicOnly);
    expect(await view(cookies.repB)).toEqual(publicOnly);
  });
});

describe('[REPORTING] bad input and impossible reports', () => {
  it.each([
    ['tonnes with 4 decimals', 'input.tonnesAchieved', { tonnesAchieved: '1.2345' }],
    ['negative tonnes', 'input.tonnesAchieved', { tonnesAchieved: '-1' }],
    ['more than 50 Mt', 'input.tonnesAchieved', { tonnesAchieved: '50000000.001' }],
    ['tonnes that are not a number', 'input.tonnesAchieved', { tonnesAchieved: 'lots' }],
    ['an auditor over 200 characters', 'input.auditor', { auditor: 'x'.repeat(201) }],
    ['a certificate number over 200 characters', 'input.certificateNumber', { certificateNumber: 'x'.repeat(201) }],
    ['a year without a campaign', 'input.year', { year: 2018 }],
    ['a year in the future', 'input.year', { year: new Date().getUTCFullYear() + 1 }],
  ])('refuses %s as BAD_USER_INPUT naming %s', async (_label, field, change) => {
    const res = await t.graphql(
      SUBMIT,
      { input: { pledgeId: pledgeOf(3), year: YEAR, tonnesAchieved: '10', ...change } },
      { cookie: cookies.repA },
    );
    expect(res.statusCode).toBeLessThan(500);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('refuses a pledge that is not accepted, and one that does not exist', async () => {
    expect((await submit(cookies.repA, pledgeOf(4), '10')).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(
      (await submit(cookies.repA, '0190f0a0-0000-7000-8000-000000000000', '10')).errors?.[0]?.extensions?.code,
    ).toBe('NOT_FOUND');
    expect((await submit(cookies.repA, 'not-an-id', '10')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await codeOf(t, VALIDATE, { id: 'not-an-id' }, cookies.secretariat)).toBe('NOT_FOUND');
    const reports = await t.database.db
      .select()
      .from(schema.progressReport)
      .where(eq(schema.progressReport.pledgeId, pledgeOf(3)));
    expect(reports).toEqual([]);
  });

  it('names the argument at fault in questions, answers and reasons', async () => {
    const report = await seedReport(t, { pledgeId: b.pledgeIds[0] ?? '', year: YEAR, status: 'submitted' });
    const field = async (query: string, variables: Record<string, unknown>, cookie: string) =>
      (await t.graphql(query, { id: report.id, ...variables }, { cookie })).errors?.[0]?.extensions?.field;
    expect(await field(QUERY, { q: '   ' }, cookies.secretariat)).toBe('question');
    expect(await field(REOPEN, { r: 'x'.repeat(2001) }, cookies.secretariat)).toBe('reason');
    expect(await field(ANSWER, { a: 'ok', t: '0.0001' }, cookies.repB)).toBe('tonnesAchieved');
    expect(await field(ANSWER, { a: '' }, cookies.repB)).toBe('answer');
  });
});

type Role = keyof typeof cookies;
const roles: Role[] = ['public', 'repA', 'repB', 'secretariat'];

/** The rights pledge's report for the year, freshly in the state an operation needs (or absent). */
async function reportInState(status: schema.ProgressReportStatus | null): Promise<string> {
  await t.database.db
    .delete(schema.progressReport)
    .where(and(eq(schema.progressReport.pledgeId, pledgeOf(3)), eq(schema.progressReport.year, YEAR)));
  if (status === null) return '';
  return (await seedReport(t, { pledgeId: pledgeOf(3), year: YEAR, status })).id;
}

const operations: { name: string; allowed: Role[]; run: (cookie: string) => Promise<string> }[] = [
  {
    name: 'submit a report of A',
    allowed: ['repA'],
    run: async (cookie) => {
      await reportInState(null);
      return codeOf(t, SUBMIT, { input: { pledgeId: pledgeOf(3), year: YEAR, tonnesAchieved: '5' } }, cookie);
    },
  },
  {
    name: 'validate a report of A',
    allowed: ['secretariat'],
    run: async (cookie) => codeOf(t, VALIDATE, { id: await reportInState('submitted') }, cookie),
  },
  {
    name: 'query a report of A',
    allowed: ['secretariat'],
    run: async (cookie) => codeOf(t, QUERY, { id: await reportInState('submitted'), q: 'Why?' }, cookie),
  },
  {
    name: 'answer a query about a report of A',
    allowed: ['repA'],
    run: async (cookie) => codeOf(t, ANSWER, { id: await reportInState('queried'), a: 'Because.' }, cookie),
  },
  {
    name: 'reopen a report of A',
    allowed: ['secretariat'],
    run: async (cookie) => codeOf(t, REOPEN, { id: await reportInState('validated'), r: 'Audit withdrawn.' }, cookie),
  },
];

describe('[REPORTING] rights: every role × every mutation', () => {
  for (const operation of operations) {
    for (const role of roles) {
      const expected = operation.allowed.includes(role) ? 'OK' : role === 'public' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
      it(`${role}: ${operation.name} → ${expected}`, async () => {
        expect(await operation.run(cookies[role])).toBe(expected);
      });
    }
  }
});

describe('[REPORTING] races', () => {
  it('lets one of a validation and a query at once win, and tells the other CONFLICT', async () => {
    const id = await reportInState('submitted');
    const [validated, queried] = await Promise.all([
      codeOf(t, VALIDATE, { id }, cookies.secretariat),
      codeOf(t, QUERY, { id, q: 'Is this right?' }, cookies.secretariat),
    ]);
    expect([validated, queried].sort()).toEqual(['CONFLICT', 'OK']);
    const [row] = await t.database.db.select().from(schema.progressReport).where(eq(schema.progressReport.id, id));
    expect(row?.status).toBe(validated === 'OK' ? 'validated' : 'queried');
    const decisions = await t.database.db
      .select()
      .from(schema.auditEvent)
      .where(and(eq(schema.auditEvent.objectType, 'progress_report'), eq(schema.auditEvent.objectId, id)));
    expect(decisions).toHaveLength(1);
  });

  it('ends two first submissions at once in one report', async () => {
    await reportInState(null);
    const codes = await Promise.all([
      submit(cookies.repA, pledgeOf(3), '7'),
      submit(cookies.repA, pledgeOf(3), '8'),
      submit(cookies.repA, pledgeOf(3), '9'),
    ]);
    // A late one may replace the first (a resubmission) or collide with it; none is lost silently.
    for (const res of codes) expect(['OK', 'CONFLICT']).toContain(res.errors?.[0]?.extensions?.code ?? 'OK');
    const rows = await t.database.db
      .select()
      .from(schema.progressReport)
      .where(and(eq(schema.progressReport.pledgeId, pledgeOf(3)), eq(schema.progressReport.year, YEAR)));
    expect(rows).toHaveLength(1);
    const revisions = await t.database.db
      .select()
      .from(schema.progressReportRevision)
      .where(eq(schema.progressReportRevision.reportId, rows[0]?.id ?? ''));
    expect(revisions).toHaveLength((rows[0]?.revision ?? 1) - 1);
  });
});
