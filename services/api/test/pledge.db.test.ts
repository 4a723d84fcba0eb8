import { createHash } from 'node:crypto';
import { schema } from '@concord/db';
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyPdf } from '../../documents/src/tiny-pdf.ts';
import type { TestApp } from './helper.ts';
import { mailbox, signIn } from './journey.ts';
import {
  AMEND,
  acceptedPledge,
  countRows,
  DRAFT,
  draft,
  jobsSettled,
  kg,
  ok,
  type Person,
  type PledgeView,
  pledgeInput,
  pledgeTestApp,
  REVIEW,
  SECRETARIAT,
  SLUG,
  SUBMIT,
  totalsOf,
  UPDATE,
  viewPledge,
  WITHDRAW,
  waitForMailAbout,
} from './pledge-fixtures.ts';

let t: TestApp;
let repA: Person;
let repB: Person;
let chair: Person;
let cookies: Record<'repA' | 'repB' | 'chair' | 'staff', string>;

beforeAll(async () => {
  ({
    t,
    cookies,
    people: { repA, repB, chair },
  } = await pledgeTestApp({ pledgers: ['repA', 'repB'], chairs: { chair: 'packaging' } }));
}, 60_000);
afterAll(() => t.close());

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const view = (id: string, cookie?: string) => viewPledge(t, id, cookie);

/** The PET supply total of the alliance, in kilograms, as GraphQL reports it. */
async function petSupplyKg(): Promise<bigint> {
  const totals = await totalsOf(t);
  return kg(totals.pledgeTotals.find((p) => p.kind === 'SUPPLY' && p.polymer === 'PET')?.tonnesPerYear ?? '0');
}

describe('[PLEDGE] the lifecycle through the API', () => {
  it('drafts, is sent back, resubmitted, accepted, amended, superseded and withdrawn; totals move only on acceptance', async () => {
    const before = await totalsOf(t);
    const petBefore = await petSupplyKg();

    // Draft: private to the organisation, counted nowhere.
    const drafted = await draft(t, cookies.repA, repA.organisationId, { tonnesPerYear: '1000' });
    expect(drafted).toMatchObject({ status: 'DRAFT', currentVersion: 1, tonnesPerYear: '1000.000' });
    expect(drafted.workingGroup?.slug).toBe('packaging');
    expect((await view(drafted.id)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await view(drafted.id, cookies.repB)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await view(drafted.id, cookies.repA)).data?.alliance.pledge.openVersion?.status).toBe('DRAFT');

    // Submitted: the group's chair is told and finds it in the queue.
    const submitted = await ok<{ submitPledge: PledgeView }>(t, SUBMIT, { id: drafted.id }, cookies.repA);
    expect(submitted.submitPledge).toMatchObject({ status: 'SUBMITTED' });
    expect(submitted.submitPledge.submittedAt).not.toBeNull();
    await waitForMailAbout(
      t,
      chair.email,
      new RegExp(`^Pledge to review: ${escapeRegExp(repA.organisationName)}`),
      'to supply 1,000 t of recycled PET a year by 2030',
    );
    const queue = await ok<{
      alliance: { pledgeReviewQueue: { items: { pledge: { id: string }; isAmendment: boolean }[] } };
    }>(
      t,
      `{ alliance(slug: "${SLUG}") { pledgeReviewQueue { items { pledge { id } isAmendment } } } }`,
      {},
      cookies.chair,
    );
    expect(queue.alliance.pledgeReviewQueue.items).toContainEqual({ pledge: { id: drafted.id }, isAmendment: false });

    // Sent back with a comment, which the representative receives.
    const sentBack = await ok<{ reviewPledge: PledgeView }>(
      t,
      REVIEW,
      { id: drafted.id, decision: 'REQUEST_CHANGES', comment: 'Please split the figure by sector.' },
      cookies.chair,
    );
    expect(sentBack.reviewPledge.status).toBe('CHANGES_REQUESTED');
    await waitForMailAbout(t, repA.email, /^Changes requested to the pledge/, 'Please split the figure by sector.');

    // Updated: back to draft, same version; then submitted again and accepted.
    const updated = await ok<{ updatePledgeDraft: PledgeView }>(
      t,
      UPDATE,
      { id: drafted.id, pledge: pledgeInput({ tonnesPerYear: '2000.25' }) },
      cookies.repA,
    );
    expect(updated.updatePledgeDraft).toMatchObject({ status: 'DRAFT', tonnesPerYear: '2000.250' });
    expect(updated.updatePledgeDraft.openVersion).toMatchObject({ version: 1, status: 'DRAFT' });
    await ok(t, SUBMIT, { id: drafted.id }, cookies.repA);
    expect(await petSupplyKg()).toBe(petBefore);
    const accepted = await ok<{ reviewPledge: PledgeView }>(
      t,
      REVIEW,
      { id: drafted.id, decision: 'ACCEPT' },
      cookies.chair,
    );
    expect(accepted.reviewPledge).toMatchObject({ status: 'ACCEPTED', currentVersion: 1, tonnesPerYear: '2000.250' });
    expect(await petSupplyKg()).toBe(petBefore + kg('2000.25'));
    expect((await totalsOf(t)).pledges.totalCount).toBe(before.pledges.totalCount + 1);
    await waitForMailAbout(t, repA.email, /^Pledge accepted:/, 'It now appears in the public register');
    const publicView = await view(drafted.id);
    expect(publicView.data?.alliance.pledge).toMatchObject({ status: 'ACCEPTED', openVersion: null });

    // Amended: version 2 is drafted and reviewed while version 1 stays in force.
    const amended = await ok<{ amendPledge: PledgeView }>(
      t,
      AMEND,
      { id: drafted.id, pledge: pledgeInput({ tonnesPerYear: '3000' }) },
      cookies.repA,
    );
    expect(amended.amendPledge).toMatchObject({ status: 'ACCEPTED', currentVersion: 1, tonnesPerYear: '2000.250' });
    expect(amended.amendPledge.openVersion).toMatchObject({ version: 2, status: 'DRAFT', tonnesPerYear: '3000.000' });
    const again = await t.graphql(
      AMEND,
      { id: drafted.id, pledge: pledgeInput({ tonnesPerYear: '4000' }) },
      { cookie: cookies.repA },
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    await ok(t, SUBMIT, { id: drafted.id }, cookies.repA);
    expect(await petSupplyKg()).toBe(petBefore + kg('2000.25'));
    const whilePending = (await view(drafted.id)).data?.alliance.pledge;
    expect(whilePending?.tonnesPerYear).toBe('2000.250');
    expect(whilePending?.versions?.map((v) => [v.version, v.status])).toEqual([[1, 'ACCEPTED']]);
    expect(whilePending?.openVersion).toBeNull();
    const staffQueue = await ok<{
      alliance: { pledgeReviewQueue: { items: { pledge: { id: string }; isAmendment: boolean }[] } };
    }>(
      t,
      `{ alliance(slug: "${SLUG}") { pledgeReviewQueue { items { pledge { id } isAmendment } } } }`,
      {},
      cookies.staff,
    );
    expect(staffQueue.alliance.pledgeReviewQueue.items).toContainEqual({
      pledge: { id: drafted.id },
      isAmendment: true,
    });

    // The accepted amendment supersedes version 1: now, and only now, the register and totals change.
    const superseding = await ok<{ reviewPledge: PledgeView }>(
      t,
      REVIEW,
      { id: drafted.id, decision: 'ACCEPT', comment: 'Thank you.' },
      cookies.staff,
    );
    expect(superseding.reviewPledge).toMatchObject({
      status: 'ACCEPTED',
      currentVersion: 2,
      tonnesPerYear: '3000.000',
    });
    expect(await petSupplyKg()).toBe(petBefore + kg('3000'));
    const afterAmendment = (await view(drafted.id)).data?.alliance.pledge;
    expect(afterAmendment?.versions?.map((v) => [v.version, v.status])).toEqual([
      [1, 'SUPERSEDED'],
      [2, 'ACCEPTED'],
    ]);

    // Withdrawn: out of every total, still in the history.
    const withdrawn = await ok<{ withdrawPledge: PledgeView }>(
      t,
      WITHDRAW,
      { id: drafted.id, reason: 'The line was sold.' },
      cookies.repA,
    );
    expect(withdrawn.withdrawPledge).toMatchObject({ status: 'WITHDRAWN', withdrawalReason: 'The line was sold.' });
    expect(withdrawn.withdrawPledge.withdrawnAt).not.toBeNull();
    const after = await totalsOf(t);
    expect(after.pledges).toEqual(before.pledges);
    expect(after.progress).toEqual(before.progress);
    expect(await petSupplyKg()).toBe(petBefore);
    await waitForMailAbout(t, repA.email, /has been withdrawn/, 'The line was sold.');
    const history = (await view(drafted.id, cookies.repA)).data?.alliance.pledge;
    expect(history?.status).toBe('WITHDRAWN');
    expect(history?.versions?.map((v) => [v.version, v.status, v.tonnesPerYear])).toEqual([
      [1, 'SUPERSEDED', '2000.250'],
      [2, 'ACCEPTED', '3000.000'],
    ]);
    expect((await view(drafted.id)).data?.alliance.pledge.status).toBe('WITHDRAWN');

    const events = await t.database.db
      .select({ action: schema.auditEvent.action, before: schema.auditEvent.before, after: schema.auditEvent.after })
      .from(schema.auditEvent)
      .where(and(eq(schema.auditEvent.objectType, 'pledge'), eq(schema.auditEvent.objectId, drafted.id)))
      .orderBy(asc(schema.auditEvent.seq));
    expect(events.map((e) => e.action)).toEqual([
      'pledge.drafted',
      'pledge.submitted',
      'pledge.changes_requested',
      'pledge.updated',
      'pledge.submitted',
      'pledge.accepted',
      'pledge.amended',
      'pledge.submitted',
      'pledge.accepted',
      'pledge.withdrawn',
    ]);
    expect(events[5]).toMatchObject({
      before: { status: 'submitted', version: 1 },
      after: { status: 'accepted', version: 1, versionStatus: 'accepted' },
    });
    expect(await t.database.rows(sql`select seq from audit_verify_chain()`)).toEqual([]);
  });

  it('keeps the accepted figures in force when an amendment is rejected or sent back', async () => {
    const pledge = await acceptedPledge(t, { pledger: cookies.repB, staff: cookies.staff }, repB.organisationId, {
      polymer: 'PVC',
      sector: 'CONSTRUCTION',
      workingGroupSlug: null,
      tonnesPerYear: '500',
    });
    await ok(t, AMEND, { id: pledge.id, pledge: pledgeInput({ polymer: 'PVC', tonnesPerYear: '900' }) }, cookies.repB);
    await ok(t, SUBMIT, { id: pledge.id }, cookies.repB);
    const sentBack = await ok<{ reviewPledge: PledgeView }>(
      t,
      REVIEW,
      { id: pledge.id, decision: 'REQUEST_CHANGES', comment: 'Which plant?' },
      cookies.staff,
    );
    expect(sentBack.reviewPledge).toMatchObject({ status: 'ACCEPTED', tonnesPerYear: '500.000', currentVersion: 1 });
    await ok(t, UPDATE, { id: pledge.id, pledge: pledgeInput({ polymer: 'PVC', tonnesPerYear: '950' }) }, cookies.repB);
    await ok(t, SUBMIT, { id: pledge.id }, cookies.repB);
    const rejected = await ok<{ reviewPledge: PledgeView }>(
      t,
      REVIEW,
      { id: pledge.id, decision: 'REJECT', comment: 'Not credible for 2030.' },
      cookies.staff,
    );
    expect(rejected.reviewPledge).toMatchObject({ status: 'ACCEPTED', tonnesPerYear: '500.000', currentVersion: 1 });
    await waitForMailAbout(t, repB.email, /^Pledge amendment not accepted/, 'Not credible for 2030.');
    const versions = (await view(pledge.id, cookies.repB)).data?.alliance.pledge.versions;
    expect(versions?.map((v) => [v.version, v.status, v.reviewComment])).toEqual([
      [1, 'ACCEPTED', null],
      [2, 'REJECTED', 'Not credible for 2030.'],
    ]);
    // A new amendment may follow the rejected one.
    const next = await ok<{ amendPledge: PledgeView }>(
      t,
      AMEND,
      { id: pledge.id, pledge: pledgeInput({ polymer: 'PVC', tonnesPerYear: '600' }) },
      cookies.repB,
    );
    expect(next.amendPledge.openVersion?.version).toBe(3);
  });

  it('rejects a first version for good: the pledge is rejected and cannot be amended', async () => {
    const drafted = await draft(t, cookies.repB, repB.organisationId, { workingGroupSlug: null });
    await ok(t, SUBMIT, { id: drafted.id }, cookies.repB);
    const missing = await t.graphql(REVIEW, { id: drafted.id, decision: 'REJECT' }, { cookie: cookies.staff });
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'comment' });
    const rejected = await ok<{ reviewPledge: PledgeView }>(
      t,
      REVIEW,
      { id: drafted.id, decision: 'REJECT', comment: 'Outside the scope of the alliance.' },
      cookies.staff,
    );
    expect(rejected.reviewPledge.status).toBe('REJECTED');
    const amend = await t.graphql(AMEND, { id: drafted.id, pledge: pledgeInput() }, { cookie: cookies.repB });
    expect(amend.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const withdraw = await t.graphql(WITHDRAW, { id: drafted.id, reason: 'x' }, { cookie: cookies.repB });
    expect(withdraw.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await view(drafted.id)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('withdraws a draft with its open version', async () => {
    const drafted = await draft(t, cookies.repA, repA.organisationId);
    const missing = await t.graphql(WITHDRAW, { id: drafted.id, reason: '  ' }, { cookie: cookies.repA });
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    await ok(t, WITHDRAW, { id: drafted.id, reason: 'Typed by mistake.' }, cookies.repA);
    const [version] = await t.database.db
      .select()
      .from(schema.pledgeVersion)
      .where(eq(schema.pledgeVersion.pledgeId, drafted.id));
    expect(version?.status).toBe('withdrawn');
    // Never in force: still private.
    expect((await view(drafted.id)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('[PLEDGE] every rule on the input is BAD_USER_INPUT naming the field, and writes nothing', () => {
  it.each([
    ['zero tonnes', 'tonnesPerYear', { tonnesPerYear: '0' }],
    ['negative tonnes', 'tonnesPerYear', { tonnesPerYear: '-5' }],
    ['tonnes to the gram', 'tonnesPerYear', { tonnesPerYear: '1.2345' }],
    ['more than 50 Mt', 'tonnesPerYear', { tonnesPerYear: '50000000.001' }],
    ['a target year before 2000', 'targetYear', { targetYear: 1999, baselineYear: null, baselineTonnes: null }],
    ['a target year after 2100', 'targetYear', { targetYear: 2101 }],
    ['a target year before the baseline year', 'targetYear', { targetYear: 2021, baselineYear: 2022 }],
    ['negative baseline tonnes', 'baselineTonnes', { baselineTonnes: '-1' }],
    ['baseline tonnes with 4 decimals', 'baselineTonnes', { baselineTonnes: '1.0001' }],
    ['a baseline year without tonnes', 'baselineTonnes', { baselineTonnes: null }],
    ['baseline tonnes without a year', 'baselineYear', { baselineYear: null }],
    ['conditions over 4000 characters', 'conditions', { conditions: 'é'.repeat(4001) }],
    ['a working group the alliance does not have', 'workingGroupSlug', { workingGroupSlug: 'no-such-group' }],
    ['tonnes that are not a number', 'tonnesPerYear', { tonnesPerYear: 'lots' }],
    ['an unknown polymer', 'polymer', { polymer: 'PLA' }],
  ])('refuses %s (input.pledge.%s)', async (_label, field, overrides) => {
    const before = await countRows(t);
    const res = await t.graphql(
      DRAFT,
      { input: { allianceSlug: SLUG, organisationId: repA.organisationId, pledge: pledgeInput(overrides) } },
      { cookie: cookies.repA },
    );
    expect(res.statusCode).toBeLessThan(500);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: `input.pledge.${field}` });
    expect(await countRows(t)).toEqual(before);
  });

  it('refuses a working group the organisation is not in (its chair would review an outsider’s pledge)', async () => {
    const { workingGroup, workingGroupMember } = schema;
    const [outside] = await t.database.db
      .select({ slug: workingGroup.slug })
      .from(workingGroup)
      .where(
        sql`not exists (select 1 from ${workingGroupMember} where ${workingGroupMember.workingGroupId} = ${workingGroup.id} and ${workingGroupMember.organisationId} = ${repA.organisationId})`,
      )
      .limit(1);
    if (!outside) throw new Error('the fixture organisation is in every group');
    const before = await countRows(t);
    const overrides = { workingGroupSlug: outside.slug };
    const res = await t.graphql(
      DRAFT,
      { input: { allianceSlug: SLUG, organisationId: repA.organisationId, pledge: pledgeInput(overrides) } },
      { cookie: cookies.repA },
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.pledge.workingGroupSlug',
    });
    expect(res.errors?.[0]?.message).toMatch(/not a member/);
    const drafted = await draft(t, cookies.repA, repA.organisationId);
    const update = await t.graphql(
      UPDATE,
      { id: drafted.id, pledge: pledgeInput(overrides) },
      { cookie: cookies.repA },
    );
    expect(update.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'pledge.workingGroupSlug' });
    expect(await countRows(t)).toEqual({ pledges: before.pledges + 1, versions: before.versions + 1 });
  });

  it('accepts the limits themselves: 0.001 t, exactly 50 Mt, a zero baseline, target year = baseline year', async () => {
    for (const overrides of [
      { tonnesPerYear: '0.001' },
      { tonnesPerYear: '50000000.000', baselineTonnes: '0', targetYear: 2020, baselineYear: 2020 },
    ]) {
      const drafted = await draft(t, cookies.repA, repA.organisationId, overrides);
      expect(drafted.status).toBe('DRAFT');
    }
  });

  it('names the field without the input prefix for updatePledgeDraft and amendPledge', async () => {
    const drafted = await draft(t, cookies.repA, repA.organisationId);
    const before = await countRows(t);
    const update = await t.graphql(
      UPDATE,
      { id: drafted.id, pledge: pledgeInput({ tonnesPerYear: '0.0001' }) },
      { cookie: cookies.repA },
    );
    expect(update.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'pledge.tonnesPerYear' });
    const accepted = await acceptedPledge(t, { pledger: cookies.repA, staff: cookies.staff }, repA.organisationId);
    const amend = await t.graphql(
      AMEND,
      { id: accepted.id, pledge: pledgeInput({ workingGroupSlug: 'nope' }) },
      { cookie: cookies.repA },
    );
    expect(amend.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'pledge.workingGroupSlug' });
    const rows = await countRows(t);
    expect(rows.versions).toBe(before.versions + 1); // the accepted pledge's version 1, nothing from the refusals
    const [version] = await t.database.db
      .select()
      .from(schema.pledgeVersion)
      .where(eq(schema.pledgeVersion.pledgeId, drafted.id));
    expect(version?.tonnesPerYear).toBe('1250.500');
  });

  it('lets only signatories pledge: an organisation without an active signature gets CONFLICT', async () => {
    const cookie = await signIn(t, 'newcomer@example.org');
    const registered = await ok<{ registerOrganisation: { organisation: { id: string } } }>(
      t,
      `mutation($input: OrganisationInput!) { registerOrganisation(input: $input) { organisation { id } } }`,
      {
        input: {
          legalName: 'Newcomer Recycling Oy',
          country: 'FI',
          kind: 'COMPANY',
          size: 'SME',
          stages: ['RECYCLER'],
          registrationNumber: 'FI-1234567',
        },
      },
      cookie,
    );
    const before = await countRows(t);
    const res = await t.graphql(
      DRAFT,
      {
        input: {
          allianceSlug: SLUG,
          organisationId: registered.registerOrganisation.organisation.id,
          pledge: pledgeInput(),
        },
      },
      { cookie },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(res.errors?.[0]?.message).toMatch(/no active signature/);
    expect(await countRows(t)).toEqual(before);
  });
});

describe('[PLEDGE] reviewers, races and e-mail', () => {
  it('never lets a chair review their own organisation’s pledge; the secretariat can', async () => {
    const drafted = await draft(t, cookies.chair, chair.organisationId, { workingGroupSlug: 'packaging' });
    await ok(t, SUBMIT, { id: drafted.id }, cookies.chair);
    const own = await t.graphql(REVIEW, { id: drafted.id, decision: 'ACCEPT' }, { cookie: cookies.chair });
    expect(own.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const queue = await ok<{ alliance: { pledgeReviewQueue: { items: { pledge: { id: string } }[] } } }>(
      t,
      `{ alliance(slug: "${SLUG}") { pledgeReviewQueue { items { pledge { id } } } } }`,
      {},
      cookies.chair,
    );
    expect(queue.alliance.pledgeReviewQueue.items.map((i) => i.pledge.id)).not.toContain(drafted.id);
    const byStaff = await ok<{ reviewPledge: PledgeView }>(
      t,
      REVIEW,
      { id: drafted.id, decision: 'ACCEPT' },
      cookies.staff,
    );
    expect(byStaff.reviewPledge.status).toBe('ACCEPTED');
  });

  it('tells the co-chairs, not the chair, when the chair’s own organisation submits', async () => {
    const coChairs = await t.database.rows<{ email: string }>(sql`
      select p.email from working_group wg
      join working_group_member m on m.working_group_id = wg.id and m.role = 'co_chair'
      join organisation_member om on om.organisation_id = m.organisation_id
      join person p on p.id = om.person_id
      where wg.slug = 'packaging'`);
    const coChair = coChairs[0]?.email ?? '';
    const drafted = await draft(t, cookies.chair, chair.organisationId, { polymer: 'LDPE', tonnesPerYear: '77' });
    await ok(t, SUBMIT, { id: drafted.id }, cookies.chair);
    await waitForMailAbout(
      t,
      coChair,
      new RegExp(`^Pledge to review: ${escapeRegExp(chair.organisationName)}`),
      'to supply 77 t of recycled LDPE',
    );
    // The chair's own representative is not asked to review it.
    const toChair = (await mailbox(t, chair.email)).filter((m) => m.text.includes('77 t of'));
    expect(toChair).toEqual([]);
  });

  it('sends a pledge without a working group to the secretariat', async () => {
    const drafted = await draft(t, cookies.repB, repB.organisationId, {
      workingGroupSlug: null,
      tonnesPerYear: '4321',
    });
    await ok(t, SUBMIT, { id: drafted.id }, cookies.repB);
    await waitForMailAbout(
      t,
      SECRETARIAT,
      new RegExp(`^Pledge to review: ${escapeRegExp(repB.organisationName)}`),
      'to supply 4,321 t of recycled PET a year by 2030. The pledge names no working group, so the secretariat reviews it.',
    );
  });

  it('ends two reviewers deciding at once in one decision and a CONFLICT', async () => {
    const drafted = await draft(t, cookies.repA, repA.organisationId, { tonnesPerYear: '808' });
    await ok(t, SUBMIT, { id: drafted.id }, cookies.repA);
    const answers = await Promise.all([
      t.graphql(REVIEW, { id: drafted.id, decision: 'ACCEPT' }, { cookie: cookies.chair }),
      t.graphql(REVIEW, { id: drafted.id, decision: 'REJECT', comment: 'No.' }, { cookie: cookies.staff }),
    ]);
    const codes = answers.map((a) => a.errors?.[0]?.extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    const decisions = await t.database.db
      .select({ action: schema.auditEvent.action })
      .from(schema.auditEvent)
      .where(
        and(
          eq(schema.auditEvent.objectId, drafted.id),
          sql`${schema.auditEvent.action} in ('pledge.accepted', 'pledge.rejected')`,
        ),
      );
    expect(decisions).toHaveLength(1);
  });

  it('keeps one version when the same pledge is submitted twice at once', async () => {
    const drafted = await draft(t, cookies.repA, repA.organisationId, { tonnesPerYear: '909' });
    const answers = await Promise.all([
      t.graphql(SUBMIT, { id: drafted.id }, { cookie: cookies.repA }),
      t.graphql(SUBMIT, { id: drafted.id }, { cookie: cookies.repA }),
    ]);
    expect(answers.map((a) => a.errors?.[0]?.extensions?.code ?? 'OK').sort()).toEqual(['CONFLICT', 'OK']);
    const versions = await t.database.db
      .select()
      .from(schema.pledgeVersion)
      .where(eq(schema.pledgeVersion.pledgeId, drafted.id));
    expect(versions.map((v) => v.status)).toEqual(['submitted']);
    const submissions = await t.database.db
      .select()
      .from(schema.auditEvent)
      .where(and(eq(schema.auditEvent.objectId, drafted.id), eq(schema.auditEvent.action, 'pledge.submitted')));
    expect(submissions).toHaveLength(1);
  });

  it('refuses to change a version under review', async () => {
    const drafted = await draft(t, cookies.repA, repA.organisationId);
    await ok(t, SUBMIT, { id: drafted.id }, cookies.repA);
    const res = await t.graphql(UPDATE, { id: drafted.id, pledge: pledgeInput() }, { cookie: cookies.repA });
    expect(res.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('answers an id that is not one with BAD_USER_INPUT or NOT_FOUND, never a 500', async () => {
    const bad = await t.graphql(SUBMIT, { id: 'not-a-uuid' }, { cookie: cookies.repA });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'pledgeId' });
    const unknown = await t.graphql(SUBMIT, { id: '01890000-0000-7000-8000-000000000000' }, { cookie: cookies.repA });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await view('nope')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('[PLEDGE] reads', () => {
  it('shows an organisation every state of its pledges, the secretariat all but drafts, the public the accepted', async () => {
    const accepted = await acceptedPledge(t, { pledger: cookies.repB, staff: cookies.staff }, repB.organisationId, {
      polymer: 'PP',
    });
    const drafted = await draft(t, cookies.repB, repB.organisationId, { polymer: 'PS' });
    const query = `query($id: ID!) { alliance(slug: "${SLUG}") { pledge(id: $id) { organisation { pledges { id status } } } } }`;
    const seenBy = async (cookie?: string) =>
      (
        await ok<{ alliance: { pledge: { organisation: { pledges: { id: string; status: string }[] } } } }>(
          t,
          query,
          { id: accepted.id },
          cookie,
        )
      ).alliance.pledge.organisation.pledges;
    const publicList = await seenBy();
    expect(publicList.map((p) => p.id)).toContain(accepted.id);
    expect(publicList.map((p) => p.id)).not.toContain(drafted.id);
    expect(publicList.every((p) => p.status === 'ACCEPTED')).toBe(true);
    expect((await seenBy(cookies.repA)).map((p) => p.id)).not.toContain(drafted.id);
    const own = await seenBy(cookies.repB);
    expect(own[0]).toEqual({ id: drafted.id, status: 'DRAFT' }); // newest first
    // A draft is private to its organisation, until it is submitted.
    expect((await seenBy(cookies.staff)).map((p) => p.id)).not.toContain(drafted.id);
    await ok(t, SUBMIT, { id: drafted.id }, cookies.repB);
    expect((await seenBy(cookies.staff)).map((p) => p.id)).toContain(drafted.id);
  });

  it('lists the review queue oldest first, with its total, filtered by group and kind', async () => {
    const uptake = await draft(t, cookies.repA, repA.organisationId, { kind: 'UPTAKE', polymer: 'HDPE' });
    await ok(t, SUBMIT, { id: uptake.id }, cookies.repA);
    const QUEUE = `query($f: PledgeReviewFilter) { alliance(slug: "${SLUG}") { pledgeReviewQueue(filter: $f) {
      totalCount items { pledge { id } version { submittedAt kind workingGroup { slug } } } } } }`;
    type Queue = {
      alliance: {
        pledgeReviewQueue: {
          totalCount: number;
          items: {
            pledge: { id: string };
            version: { submittedAt: string; kind: string; workingGroup: { slug: string } | null };
          }[];
        };
      };
    };
    const all = (await ok<Queue>(t, QUEUE, {}, cookies.staff)).alliance.pledgeReviewQueue;
    const [expected] = await t.database.rows<{ n: number }>(
      sql`select count(*)::int as n from pledge_version where status = 'submitted'`,
    );
    expect(all.totalCount).toBe(Number(expected?.n));
    expect(all.items).toHaveLength(all.totalCount);
    const times = all.items.map((i) => Date.parse(i.version.submittedAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));

    const filtered = (await ok<Queue>(t, QUEUE, { f: { workingGroup: 'packaging', kind: 'UPTAKE' } }, cookies.staff))
      .alliance.pledgeReviewQueue;
    expect(filtered.items.map((i) => i.pledge.id)).toContain(uptake.id);
    expect(
      filtered.items.every((i) => i.version.kind === 'UPTAKE' && i.version.workingGroup?.slug === 'packaging'),
    ).toBe(true);
    expect(filtered.totalCount).toBe(filtered.items.length);

    const chairs = (await ok<Queue>(t, QUEUE, {}, cookies.chair)).alliance.pledgeReviewQueue;
    expect(chairs.items.map((i) => i.pledge.id)).toContain(uptake.id);
    expect(chairs.items.every((i) => i.version.workingGroup?.slug === 'packaging')).toBe(true);

    const anonymous = await t.graphql(QUEUE, {});
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const notAReviewer = await t.graphql(QUEUE, {}, { cookie: cookies.repA });
    expect(notAReviewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('sums accepted pledges by kind and polymer exactly, for the alliance and for each working group', async () => {
    const totals = await totalsOf(t);
    const independent = await t.database.rows<{ kind: string; polymer: string; kg: string; n: number }>(sql`
      select kind::text, polymer::text, (sum(tonnes_per_year) * 1000)::bigint::text as kg, count(*)::int as n
      from pledge where status = 'accepted' group by kind, polymer`);
    expect(totals.pledgeTotals).toHaveLength(independent.length);
    for (const row of independent) {
      const total = totals.pledgeTotals.find((p) => p.kind === row.kind.toUpperCase() && p.polymer === row.polymer);
      expect(total && kg(total.tonnesPerYear)).toBe(BigInt(row.kg));
      expect(total?.pledgeCount).toBe(Number(row.n));
    }

    const groups = await ok<{
      alliance: {
        workingGroups: {
          nodes: {
            id: string;
            slug: string;
            pledgeTotals: { tonnesPerYear: string; pledgeCount: number }[];
            pledges: { totalCount: number; totalTonnes: string; nodes: { workingGroup: { slug: string } | null }[] };
          }[];
        };
      };
    }>(
      t,
      `{ alliance(slug: "${SLUG}") { workingGroups { nodes { id slug pledgeTotals { tonnesPerYear pledgeCount }
        pledges(first: 250) { totalCount totalTonnes nodes { workingGroup { slug } } } } } } }`,
      {},
    );
    for (const group of groups.alliance.workingGroups.nodes) {
      const [row] = await t.database.rows<{ kg: string; n: number }>(sql`
        select coalesce((sum(tonnes_per_year) * 1000)::bigint, 0)::text as kg, count(*)::int as n
        from pledge where status = 'accepted' and working_group_id = ${group.id}`);
      const summed = group.pledgeTotals.reduce((acc, p) => acc + kg(p.tonnesPerYear), 0n);
      expect(summed).toBe(BigInt(row?.kg ?? '0'));
      expect(group.pledges.totalCount).toBe(Number(row?.n));
      expect(kg(group.pledges.totalTonnes)).toBe(BigInt(row?.kg ?? '0'));
      expect(group.pledges.nodes.every((p) => p.workingGroup?.slug === group.slug)).toBe(true);
    }
  });

  it('costs the same number of SQL statements for 10 and for 200 pledges with their versions and statements', async () => {
    const query = `query($first: Int) { alliance(slug: "${SLUG}") { pledges(first: $first) { nodes { id
      alliance { slug } organisation { legalName pledges { id } } workingGroup { slug pledgeTotals { kind } }
      versions { version status statement { sha256 } workingGroup { slug } } openVersion { id statement { sha256 } } } } } }`;
    // Every version gets a statement, so that the statement loader has work at both lengths.
    const [allianceRow] = await t.database.db.select().from(schema.alliance).where(eq(schema.alliance.slug, SLUG));
    const content = tinyPdf('a statement');
    const [statement] = await t.database.db
      .insert(schema.document)
      .values({
        allianceId: allianceRow?.id ?? '',
        kind: 'pledge_statement',
        title: 'Pledge statement',
        sha256: createHash('sha256').update(content).digest('hex'),
        byteSize: content.byteLength,
        content,
        filename: 'statement.pdf',
      })
      .returning();
    await t.database.db.update(schema.pledgeVersion).set({ statementDocumentId: statement?.id ?? null });
    // The worker's e-mail deliveries run on the same database: let them finish so that they are not counted.
    await jobsSettled(t);
    for (const cookie of [undefined, cookies.staff, cookies.chair]) {
      // The session's own statements are the same for both: warm them up first.
      await t.graphql(query, { first: 1 }, cookie ? { cookie } : {});
      t.resetQueryCount();
      const small = await t.graphql<{ alliance: { pledges: { nodes: unknown[] } } }>(
        query,
        { first: 10 },
        cookie ? { cookie } : {},
      );
      const forTen = t.queryCount();
      t.resetQueryCount();
      const large = await t.graphql<{ alliance: { pledges: { nodes: unknown[] } } }>(
        query,
        { first: 200 },
        cookie ? { cookie } : {},
      );
      const forTwoHundred = t.queryCount();
      expect(small.errors).toBeUndefined();
      expect(large.data?.alliance.pledges.nodes).toHaveLength(200);
      const nodes = (large.data?.alliance.pledges.nodes ?? []) as {
        alliance: { slug: string };
        versions: { statement: { sha256: string } | null }[];
      }[];
      expect(nodes.every((n) => n.versions.every((v) => v.statement?.sha256 === statement?.sha256))).toBe(true);
      expect(nodes.every((n) => n.alliance.slug === SLUG)).toBe(true);
      expect(forTwoHundred).toBe(forTen);
      expect(forTen).toBeLessThanOrEqual(14);
    }
  });
});
