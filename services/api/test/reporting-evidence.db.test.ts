import { createHash } from 'node:crypto';
import { schema } from '@concord/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.ts';
import { signIn } from './journey.ts';
import { ok, SECRETARIAT, type Seeded, SLUG, seedOrganisation } from './reporting-fixtures.ts';
import { pdf, REFUSED_UPLOADS } from './uploads.ts';

const YEAR = 2025;
const SUBMIT = `mutation($input: ProgressReportInput!) { submitProgressReport(input: $input) { id revision } }`;
const REPORT = `query($f: ProgressReportFilter) { alliance(slug: "${SLUG}") { progressReports(first: 50, filter: $f) {
  nodes { id status revision evidence { sha256 kind url } } } } }`;

interface ReportView {
  id: string;
  status: string;
  revision: number;
  evidence: { sha256: string; kind: string; url: string } | null;
}

let t: TestApp;
let a: Seeded;
let b: Seeded;
const cookies = { repA: '', repB: '', staff: '' };

const sha256Of = (body: Buffer) => createHash('sha256').update(body).digest('hex');

const put = (reportId: string, body: Buffer, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'PUT',
    url: `/progress-reports/${reportId}/evidence`,
    headers: { 'content-type': 'application/pdf', 'x-requested-with': 'fetch', cookie: cookies.repA, ...headers },
    payload: body,
  });

async function count(table: 'document' | 'audit_event'): Promise<number> {
  const [row] = await t.database.rows<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)}`);
  return Number(row?.n);
}

async function submit(organisation: Seeded, index: number, cookie: string, tonnesAchieved = '120.5'): Promise<string> {
  const data = await ok<{ submitProgressReport: { id: string } }>(
    t,
    SUBMIT,
    { input: { pledgeId: organisation.pledgeIds[index], year: YEAR, tonnesAchieved } },
    cookie,
  );
  return data.submitProgressReport.id;
}

/** The report as its organisation sees it (every status). */
async function seen(organisation: Seeded, reportId: string, cookie: string): Promise<ReportView | undefined> {
  const data = await ok<{ alliance: { progressReports: { nodes: ReportView[] } } }>(
    t,
    REPORT,
    { f: { organisationId: organisation.organisationId, year: YEAR } },
    cookie,
  );
  return data.alliance.progressReports.nodes.find((r) => r.id === reportId);
}

async function evidenceIdOf(reportId: string): Promise<string | null> {
  const [row] = await t.database.db
    .select({ id: schema.progressReport.evidenceDocumentId })
    .from(schema.progressReport)
    .where(eq(schema.progressReport.id, reportId));
  return row?.id ?? null;
}

beforeAll(async () => {
  t = await buildTestApp();
  [a, b] = await Promise.all([
    seedOrganisation(t, { name: 'Evidence Alpha', pledges: [{}, {}, {}, {}, {}, {}, {}] }),
    seedOrganisation(t, { name: 'Evidence Beta', pledges: [{}] }),
  ]);
  [cookies.repA, cookies.repB, cookies.staff] = await Promise.all([
    signIn(t, a.email),
    signIn(t, b.email),
    signIn(t, SECRETARIAT),
  ]);
  await ok(
    t,
    `mutation { openReportingCampaign(allianceSlug: "${SLUG}", input: { year: ${YEAR}, opensOn: "2026-02-01", deadline: "2026-03-31" }) { id } }`,
    {},
    cookies.staff,
  );
}, 60_000);
afterAll(() => t.close());

describe('[EVIDENCE] the file behind a progress report', () => {
  it('is registered with its hash, shown with the report, downloadable as uploaded, and public once validated', async () => {
    const reportId = await submit(a, 0, cookies.repA);
    const body = pdf('RecyClass audit certificate 2025');
    const res = await put(reportId, body);
    expect(res.statusCode).toBe(200);
    const sha256 = sha256Of(body);
    expect(res.json()).toMatchObject({ sha256, byteSize: body.byteLength, url: `/documents/${sha256}.pdf` });

    expect((await seen(a, reportId, cookies.repA))?.evidence).toEqual({
      sha256,
      kind: 'REPORT_EVIDENCE',
      url: `/documents/${sha256}.pdf`,
    });
    const download = (cookie?: string) =>
      t.app.inject({ method: 'GET', url: `/documents/${sha256}.pdf`, headers: cookie ? { cookie } : {} });
    const verified = async (cookie?: string) =>
      (
        await ok<{ verifyDocument: { isIssued: boolean; document: { title: string } | null } }>(
          t,
          'query($h: String!) { verifyDocument(sha256: $h) { isIssued document { title } } }',
          { h: sha256 },
          cookie,
        )
      ).verifyDocument;
    for (const cookie of [cookies.repA, cookies.staff]) {
      const mine = await download(cookie);
      expect(mine.statusCode).toBe(200);
      expect(mine.rawPayload.equals(body)).toBe(true);
      expect(mine.headers['cache-control']).toBe('private, no-store');
      expect((await verified(cookie)).isIssued).toBe(true);
    }
    // Not validated yet: for anyone else the hash is unknown, file and name alike.
    for (const cookie of [undefined, cookies.repB]) {
      expect((await download(cookie)).statusCode).toBe(404);
      expect(await verified(cookie)).toEqual({ isIssued: false, document: null });
    }

    // Validated, the report (and so its evidence) is in the public list behind the figures.
    await ok(t, 'mutation($id: ID!) { validateProgressReport(id: $id) { id } }', { id: reportId }, cookies.staff);
    const published = await download();
    expect(published.statusCode).toBe(200);
    expect(published.headers['cache-control']).toContain('immutable');
    expect((await verified()).isIssued).toBe(true);
    const publicList = await ok<{ alliance: { progressReports: { nodes: ReportView[] } } }>(t, REPORT, {
      f: { organisationId: a.organisationId, year: YEAR },
    });
    expect(publicList.alliance.progressReports.nodes.find((r) => r.id === reportId)?.evidence?.sha256).toBe(sha256);

    const attached = await t.database.db
      .select()
      .from(schema.auditEvent)
      .where(eq(schema.auditEvent.action, 'progress_report.evidence_attached'));
    expect(attached.find((row) => row.objectId === reportId)?.after).toMatchObject({ evidenceSha256: sha256 });
  });

  it('replaces the earlier file before validation, keeps it through a resubmission, and is refused once validated', async () => {
    const reportId = await submit(a, 1, cookies.repA);
    const first = pdf('first certificate');
    const second = pdf('corrected certificate');
    expect((await put(reportId, first)).statusCode).toBe(200);
    expect((await put(reportId, second)).statusCode).toBe(200);
    expect((await seen(a, reportId, cookies.repA))?.evidence?.sha256).toBe(sha256Of(second));

    // A resubmission of corrected figures keeps the file; the earlier submission keeps it too, as its revision.
    // (Sending the same figures again changes nothing: no revision.)
    await submit(a, 1, cookies.repA);
    expect((await seen(a, reportId, cookies.repA))?.revision).toBe(1);
    await submit(a, 1, cookies.repA, '121.5');
    const view = await seen(a, reportId, cookies.repA);
    expect(view).toMatchObject({ revision: 2, evidence: { sha256: sha256Of(second) } });

    await ok(t, 'mutation($id: ID!) { validateProgressReport(id: $id) { id } }', { id: reportId }, cookies.staff);
    const before = await count('document');
    const refused = await put(reportId, pdf('too late'));
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'CONFLICT' });
    expect(await count('document')).toBe(before);
    expect((await seen(a, reportId, cookies.repA))?.evidence?.sha256).toBe(sha256Of(second));

    // Reopened by the secretariat, it takes a new file again.
    await ok(
      t,
      'mutation($id: ID!) { reopenProgressReport(id: $id, reason: "The certificate expired in 2024.") { id } }',
      { id: reportId },
      cookies.staff,
    );
    expect((await put(reportId, pdf('renewed certificate'))).statusCode).toBe(200);
    expect((await seen(a, reportId, cookies.repA))?.status).toBe('QUERIED');
  });

  it('registers one certificate covering two reports once', async () => {
    const [first, second] = [await submit(a, 2, cookies.repA), await submit(a, 3, cookies.repA)];
    const body = pdf('one certificate for the whole site');
    expect((await put(first, body)).statusCode).toBe(200);
    const before = await count('document');
    expect((await put(second, body)).statusCode).toBe(200);
    expect(await count('document')).toBe(before);
    expect(await evidenceIdOf(first)).toBe(await evidenceIdOf(second));
  });

  it('refuses a file already registered as another kind of document', async () => {
    const reportId = await submit(a, 4, cookies.repA);
    const issued = await t.app.inject({ method: 'GET', url: `/documents/declaration/${SLUG}` });
    expect(issued.statusCode).toBe(303);
    const declaration = await t.app.inject({ method: 'GET', url: issued.headers.location ?? '' });
    expect(declaration.statusCode).toBe(200);
    const res = await put(reportId, declaration.rawPayload);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'CONFLICT' });
    expect(await evidenceIdOf(reportId)).toBeNull();
  });

  it.each(REFUSED_UPLOADS)('refuses %s with %i and stores nothing', async (_label, status, body, headers) => {
    const reportId = await submit(a, 5, cookies.repA);
    const [documents, audit] = [await count('document'), await count('audit_event')];
    const res = await put(reportId, body(), headers);
    expect(res.statusCode).toBe(status);
    expect(res.json()).toHaveProperty('error');
    expect([await count('document'), await count('audit_event')]).toEqual([documents, audit]);
    expect(await evidenceIdOf(reportId)).toBeNull();
  });

  it('answers other organisations and the secretariat 403, unknown reports 404', async () => {
    const reportId = await submit(a, 6, cookies.repA);
    const other = await submit(b, 0, cookies.repB);
    expect((await put(reportId, pdf('from B'), { cookie: cookies.repB })).statusCode).toBe(403);
    expect((await put(other, pdf('from A'))).statusCode).toBe(403);
    expect((await put(reportId, pdf('from staff'), { cookie: cookies.staff })).statusCode).toBe(403);
    expect((await put('01890000-0000-7000-8000-000000000000', pdf('nobody'))).statusCode).toBe(404);
    expect((await put('not-an-id', pdf('nothing'))).statusCode).toBe(404);
    expect(await evidenceIdOf(reportId)).toBeNull();
    expect(await evidenceIdOf(other)).toBeNull();
  });

  it('loses no upload when two race for the same report: each success is on record, the last one stays', async () => {
    const { reportId, cookie } = await seedFresh();
    const results = await Promise.all([
      put(reportId, pdf('race x'), { cookie }),
      put(reportId, pdf('race y'), { cookie }),
    ]);
    // A racer that read the report before the other's write is refused (CONFLICT), never silently overwritten.
    expect(results.every((r) => r.statusCode === 200 || r.statusCode === 409)).toBe(true);
    const accepted = results.filter((r) => r.statusCode === 200).map((r) => r.json<{ sha256: string }>().sha256);
    expect(accepted.length).toBeGreaterThan(0);
    const trail = (
      await t.database.db
        .select({ before: schema.auditEvent.before, after: schema.auditEvent.after })
        .from(schema.auditEvent)
        .where(eq(schema.auditEvent.objectId, reportId))
        .orderBy(schema.auditEvent.seq)
    ).filter((entry) => (entry.after as { evidenceSha256?: string }).evidenceSha256 !== undefined);
    const shaOf = (value: unknown) => (value as { evidenceSha256: string | null }).evidenceSha256;
    expect(trail.map((entry) => shaOf(entry.after)).sort()).toEqual([...accepted].sort());
    // Each attachment saw the one before it: none replaced a file it did not know about.
    expect(trail.map((entry) => shaOf(entry.before))).toEqual([null, ...trail.slice(0, -1).map((e) => shaOf(e.after))]);
    const [stored] = await t.database.db
      .select({ sha256: schema.document.sha256 })
      .from(schema.document)
      .where(eq(schema.document.id, (await evidenceIdOf(reportId)) ?? ''));
    expect(stored?.sha256).toBe(shaOf(trail.at(-1)?.after));
  });
});

/** A report of a fresh organisation, for tests that must start from no evidence. */
async function seedFresh(): Promise<{ reportId: string; cookie: string }> {
  const fresh = await seedOrganisation(t, { name: 'Evidence Race', pledges: [{}] });
  const cookie = await signIn(t, fresh.email);
  return { reportId: await submit(fresh, 0, cookie), cookie };
}
