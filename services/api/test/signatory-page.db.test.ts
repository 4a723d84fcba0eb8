import { createHash } from 'node:crypto';
import { schema } from '@concord/db';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyPdf } from '../../documents/src/tiny-pdf.ts';
import { buildTestApp, type TestApp } from './helper.ts';
import { signIn } from './journey.ts';
import { jobsSettled } from './pledge-fixtures.ts';
import {
  demoAlliance,
  ok,
  SECRETARIAT,
  type Seeded,
  SLUG,
  seedOrganisation,
  seedReport,
} from './reporting-fixtures.ts';

/**
 * Alliance.signatory: the public page of one signatory. The organisation with its reporting status, its
 * working groups, its pledges and their reports, seen by the public, by its representative and by the
 * secretariat, for the same number of statements however many pledges and reports it has.
 */

interface ReportView {
  id: string;
  year: number;
  status: string;
  tonnesAchieved: string;
  evidence: { url: string } | null;
}
interface PledgeView {
  id: string;
  status: string;
  alliance: { slug: string };
  workingGroup: { slug: string } | null;
  reports: ReportView[];
}
interface SignatoryView {
  id: string;
  declarationVersion: number;
  activeSince: string;
  reportingStatus: string;
  organisation: {
    id: string;
    legalName: string;
    workingGroups: { role: string; workingGroup: { slug: string } }[];
    pledges: PledgeView[];
  };
}

const PAGE = `query($id: ID!) { alliance(slug: "${SLUG}") { signatory(organisationId: $id) {
  id declarationVersion activeSince reportingStatus
  organisation { id legalName country kind size stages website
    workingGroups { role workingGroup { slug name } }
    pledges { id status kind polymer sector tonnesPerYear targetYear alliance { slug } workingGroup { slug name }
      reports { id year status tonnesAchieved evidenceScheme certificateNumber evidence { url } } } } } } }`;

let t: TestApp;
let allianceId = '';
let firstVersion: schema.DeclarationVersion | undefined;
let signed: Seeded;
let staff = '';
let rep = '';
/** The seeded signatory's pledges: two in force, one draft, one submitted for review. */
let inForce: string[] = [];
let draftId = '';
let submittedId = '';

const signatoryOf = async (organisationId: string, cookie = '') =>
  (await ok<{ alliance: { signatory: SignatoryView | null } }>(t, PAGE, { id: organisationId }, cookie)).alliance
    .signatory;

async function groupId(slug: string): Promise<string> {
  const [group] = await t.database.db
    .select({ id: schema.workingGroup.id })
    .from(schema.workingGroup)
    .where(eq(schema.workingGroup.slug, slug));
  if (!group) throw new Error(`no working group ${slug}`);
  return group.id;
}

async function evidenceDocument(label: string): Promise<schema.Document> {
  const content = tinyPdf(label);
  const [row] = await t.database.db
    .insert(schema.document)
    .values({
      allianceId,
      kind: 'report_evidence',
      title: `Evidence: ${label}`,
      sha256: createHash('sha256').update(content).digest('hex'),
      byteSize: content.byteLength,
      content,
      filename: 'evidence.pdf',
    })
    .returning();
  if (!row) throw new Error('no document');
  return row;
}

/** A signature of the demo declaration in the given state, as the signing lifecycle would have left it. */
async function signatureIn(organisationId: string, status: schema.Signature['status']) {
  await t.database.db.insert(schema.signature).values({
    allianceId,
    declarationVersionId: firstVersion?.id ?? '',
    organisationId,
    signerName: 'Rep',
    signerJobTitle: 'Director',
    status,
    confirmedAt: status === 'pending_confirmation' ? null : new Date(),
    activatedAt: status === 'withdrawn' ? new Date('2021-01-01T00:00:00Z') : null,
    ...(status === 'withdrawn' ? { withdrawnAt: new Date(), withdrawalReason: 'test' } : {}),
    ...(status === 'rejected' ? { rejectionReason: 'not eligible' } : {}),
  });
}

beforeAll(async () => {
  t = await buildTestApp();
  allianceId = (await demoAlliance(t)).id;
  [firstVersion] = await t.database.db
    .select()
    .from(schema.declarationVersion)
    .where(eq(schema.declarationVersion.allianceId, allianceId))
    .orderBy(asc(schema.declarationVersion.version))
    .limit(1);
  signed = await seedOrganisation(t, {
    name: 'Signatory Page',
    isSigned: true,
    pledges: [
      { decidedAt: '2023-01-01T09:00:00Z', polymer: 'PET', tonnesPerYear: '2500.000' },
      { decidedAt: '2023-01-01T09:00:00Z', polymer: 'HDPE', kind: 'supply' },
      { status: 'draft', decidedAt: null },
      { status: 'submitted', decidedAt: null },
    ],
  });
  const [first = '', second = '', draft = '', submitted = ''] = signed.pledgeIds;
  inForce = [first, second];
  draftId = draft;
  submittedId = submitted;
  const packaging = await groupId('packaging');
  await t.database.db.update(schema.pledge).set({ workingGroupId: packaging }).where(eq(schema.pledge.id, first));
  await t.database.db
    .insert(schema.workingGroupMember)
    .values({ workingGroupId: packaging, organisationId: signed.organisationId });
  // Both pledges in force reported for 2024 (the last closed campaign): ACTIVE. 2023's second report is queried.
  const evidence = await evidenceDocument('signatory page');
  const validated = await seedReport(t, { pledgeId: first, year: 2024, tonnes: '2400.000' });
  await t.database.db
    .update(schema.progressReport)
    .set({ evidenceDocumentId: evidence.id, evidenceScheme: 'RecyClass', certificateNumber: 'RC-2024-1' })
    .where(eq(schema.progressReport.id, validated.id));
  await seedReport(t, { pledgeId: first, year: 2023, tonnes: '2000.000' });
  await seedReport(t, { pledgeId: second, year: 2024, status: 'submitted' });
  await seedReport(t, { pledgeId: second, year: 2023, status: 'queried' });
  [staff, rep] = await Promise.all([signIn(t, SECRETARIAT), signIn(t, signed.email)]);
}, 60_000);
afterAll(() => t.close());

describe('[SIGNATORY] Alliance.signatory', () => {
  it('answers the active signature with the organisation, its reporting status, pledges in force and validated reports', async () => {
    const signatory = await signatoryOf(signed.organisationId);
    const [signature] = await t.database.db
      .select()
      .from(schema.signature)
      .where(eq(schema.signature.organisationId, signed.organisationId));
    expect(signatory).toMatchObject({
      id: signature?.id,
      declarationVersion: firstVersion?.version,
      activeSince: signature?.activatedAt?.toISOString(),
      reportingStatus: 'ACTIVE',
      organisation: {
        id: signed.organisationId,
        legalName: signed.legalName,
        workingGroups: [{ role: 'MEMBER', workingGroup: { slug: 'packaging' } }],
      },
    });
    const pledges = signatory?.organisation.pledges ?? [];
    expect(pledges.map((p) => p.id).sort()).toEqual([...inForce].sort());
    expect(pledges.every((p) => p.status === 'ACCEPTED' && p.alliance.slug === SLUG)).toBe(true);
    const first = pledges.find((p) => p.id === inForce[0]);
    expect(first?.workingGroup?.slug).toBe('packaging');
    expect(first?.reports.map((r) => [r.year, r.status, r.tonnesAchieved])).toEqual([
      [2023, 'VALIDATED', '2000.000'],
      [2024, 'VALIDATED', '2400.000'],
    ]);
    expect(first?.reports[1]?.evidence?.url).toMatch(/^\/documents\/[0-9a-f]{64}\.pdf$/);
    // The second pledge's reports wait for validation or answer a question: not public yet.
    expect(pledges.find((p) => p.id === inForce[1])?.reports).toEqual([]);
  });

  it("derives the reporting status like the register's", async () => {
    const missed = await seedOrganisation(t, {
      name: 'Missed Two',
      isSigned: true,
      pledges: [{ decidedAt: '2023-01-01T09:00:00Z' }],
    });
    await seedReport(t, { pledgeId: missed.pledgeIds[0] ?? '', year: 2022 });
    const signatory = await signatoryOf(missed.organisationId);
    expect(signatory?.reportingStatus).toBe('INACTIVE');
    const register = await ok<{
      alliance: { signatories: { nodes: { reportingStatus: string }[] } };
    }>(
      t,
      `query($s: String) { alliance(slug: "${SLUG}") { signatories(first: 1, filter: { search: $s }) {
        nodes { reportingStatus } } } }`,
      { s: missed.legalName },
    );
    expect(register.alliance.signatories.nodes[0]?.reportingStatus).toBe('INACTIVE');
  });

  it('never shows the public a draft pledge or a report not yet validated', async () => {
    for (const cookie of ['', staff]) {
      const pledges = (await signatoryOf(signed.organisationId, cookie))?.organisation.pledges ?? [];
      expect(pledges.map((p) => p.id)).not.toContain(draftId);
    }
    const pledges = (await signatoryOf(signed.organisationId))?.organisation.pledges ?? [];
    expect(pledges.map((p) => p.id)).not.toContain(submittedId);
    const statuses = new Set(pledges.flatMap((p) => p.reports.map((r) => r.status)));
    expect(statuses).toEqual(new Set(['VALIDATED']));
  });

  it('shows the representative its drafts and unvalidated reports, and the secretariat what was submitted', async () => {
    const own = (await signatoryOf(signed.organisationId, rep))?.organisation.pledges ?? [];
    expect(own.map((p) => p.id).sort()).toEqual([...signed.pledgeIds].sort());
    expect(own.find((p) => p.id === draftId)?.status).toBe('DRAFT');
    expect(own.find((p) => p.id === inForce[1])?.reports.map((r) => [r.year, r.status])).toEqual([
      [2023, 'QUERIED'],
      [2024, 'SUBMITTED'],
    ]);
    const secretariat = (await signatoryOf(signed.organisationId, staff))?.organisation.pledges ?? [];
    expect(secretariat.map((p) => p.id).sort()).toEqual([...inForce, submittedId].sort());
    expect(secretariat.find((p) => p.id === inForce[1])?.reports).toHaveLength(2);
  });

  it.each(['withdrawn', 'pending_confirmation', 'pending_review', 'rejected'] as const)(
    'is null for an organisation whose signature is %s',
    async (status) => {
      const organisation = await seedOrganisation(t, { name: `Signature ${status}`, pledges: [{}] });
      await signatureIn(organisation.organisationId, status);
      expect(await signatoryOf(organisation.organisationId)).toBeNull();
      // The register agrees.
      const register = await ok<{ alliance: { signatories: { totalCount: number } } }>(
        t,
        `query($s: String) { alliance(slug: "${SLUG}") { signatories(filter: { search: $s }) { totalCount } } }`,
        { s: organisation.legalName },
      );
      expect(register.alliance.signatories.totalCount).toBe(0);
    },
  );

  it('is null for an organisation that never signed, and for an id of no organisation', async () => {
    const unsigned = await seedOrganisation(t, { name: 'Never Signed', pledges: [{}] });
    expect(await signatoryOf(unsigned.organisationId)).toBeNull();
    expect(await signatoryOf('0190a0b0-0000-7000-8000-000000000000')).toBeNull();
  });

  it('is null for a signatory of another alliance', async () => {
    const [other] = await t.database.db
      .insert(schema.alliance)
      .values({
        slug: 'another-alliance',
        name: 'Another alliance',
        purpose: 'A second alliance in the same deployment.',
        targetTonnes: '1000.000',
        targetFlow: 'uptake',
        targetYear: 2030,
        baselineYear: 2020,
      })
      .returning();
    const query = `query($id: ID!) { alliance(slug: "another-alliance") { signatory(organisationId: $id) { id } } }`;
    const data = await ok<{ alliance: { signatory: unknown } }>(t, query, { id: signed.organisationId });
    expect(other).toBeDefined();
    expect(data.alliance.signatory).toBeNull();
  });

  it.each(['acme', "0190a0b0-0000-7000-8000-000000000000' or 1=1", ''])(
    'refuses the organisation id %j as BAD_USER_INPUT naming organisationId',
    async (id) => {
      const res = await t.graphql(PAGE, { id });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organisationId' });
      expect(res.data?.alliance ?? null).toMatchObject({ signatory: null });
    },
  );

  it('costs the same statements for an organisation of one pledge and one report and one of many', async () => {
    const small = await seedOrganisation(t, {
      name: 'Small Pledger',
      isSigned: true,
      pledges: [{ decidedAt: '2023-01-01T09:00:00Z' }],
    });
    const groups = await Promise.all(['packaging', 'construction', 'automotive'].map(groupId));
    const evidence = await evidenceDocument('pledgers');
    // The one pledge has what each of the many has, a working group and evidence: only the numbers differ.
    const withEvidence = async (pledgeId: string, year: number) => {
      const report = await seedReport(t, { pledgeId, year });
      await t.database.db
        .update(schema.progressReport)
        .set({ evidenceDocumentId: evidence.id })
        .where(eq(schema.progressReport.id, report.id));
    };
    await t.database.db
      .update(schema.pledge)
      .set({ workingGroupId: groups[0] ?? null })
      .where(eq(schema.pledge.id, small.pledgeIds[0] ?? ''));
    await t.database.db
      .insert(schema.workingGroupMember)
      .values({ workingGroupId: groups[0] ?? '', organisationId: small.organisationId });
    await withEvidence(small.pledgeIds[0] ?? '', 2024);
    const large = await seedOrganisation(t, {
      name: 'Large Pledger',
      isSigned: true,
      pledges: Array.from({ length: 12 }, () => ({ decidedAt: '2023-01-01T09:00:00Z' })),
    });
    for (const [i, pledgeId] of large.pledgeIds.entries()) {
      await t.database.db
        .update(schema.pledge)
        .set({ workingGroupId: groups[i % groups.length] ?? null })
        .where(eq(schema.pledge.id, pledgeId));
      for (const year of [2021, 2022, 2023, 2024]) await withEvidence(pledgeId, year);
    }
    for (const groupIdOf of groups) {
      await t.database.db
        .insert(schema.workingGroupMember)
        .values({ workingGroupId: groupIdOf, organisationId: large.organisationId });
    }
    await jobsSettled(t);
    for (const cookie of ['', rep, staff]) {
      // The session's own statements are the same for both: warm them up first.
      await signatoryOf(small.organisationId, cookie);
      t.resetQueryCount();
      const few = await signatoryOf(small.organisationId, cookie);
      const forFew = t.queryCount();
      t.resetQueryCount();
      const many = await signatoryOf(large.organisationId, cookie);
      const forMany = t.queryCount();
      expect(few?.organisation.pledges.flatMap((p) => p.reports)).toHaveLength(1);
      expect(many?.organisation.pledges).toHaveLength(12);
      expect(many?.organisation.pledges.flatMap((p) => p.reports)).toHaveLength(48);
      expect(many?.organisation.workingGroups).toHaveLength(3);
      expect(forMany, `statements with cookie ${cookie ? 'of a session' : 'none'}`).toBe(forFew);
      // alliance, signature, reporting status, working groups, pledges, their alliance and group, reports,
      // evidence: one statement each; a session adds its own three.
      expect(forFew).toBeLessThanOrEqual(cookie ? 12 : 9);
    }
  });
});
