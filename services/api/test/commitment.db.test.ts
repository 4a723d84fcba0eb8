import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COMMITMENT,
  type CommitmentView,
  CREATE_COMMITMENT,
  commitmentInput,
  commitmentRows,
  inDays,
  outsiderOf,
  personIdOf,
  REPORT_PROGRESS,
  UPDATE_COMMITMENT,
} from './commitment-fixtures.ts';
import type { TestApp } from './helper.ts';
import { ok, type Person, pledgeTestApp, SLUG } from './pledge-fixtures.ts';

/**
 * Commitments through the API, on both databases: a chair records one for a member of the group, the taskholder
 * reports progress, the public reads it and its history without the named person; who may do what; refusals name
 * their field and write nothing; DONE is final, also when two reports race.
 */
let t: TestApp;
let people: Record<'taskholder' | 'other' | 'chair' | 'otherChair', Person>;
let cookies: Record<'taskholder' | 'other' | 'chair' | 'otherChair' | 'staff', string>;
let taskholderPersonId = '';

beforeAll(async () => {
  ({ t, people, cookies } = await pledgeTestApp({
    pledgers: ['taskholder', 'other'],
    chairs: { chair: 'packaging', otherChair: 'construction' },
  }));
  taskholderPersonId = await personIdOf(t, people.taskholder.email);
}, 120_000);
afterAll(() => t?.close());

const create = (cookie: string, variables: Record<string, unknown> = {}) =>
  t.graphql<{ createCommitment: CommitmentView }>(
    CREATE_COMMITMENT,
    {
      slug: SLUG,
      group: 'packaging',
      input: commitmentInput(people.taskholder.organisationId, { taskholderPersonId }),
      note: 'Agreed at the March meeting.',
      ...variables,
    },
    { cookie },
  );

async function created(): Promise<CommitmentView> {
  const res = await create(cookies.chair);
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return res.data.createCommitment;
}

describe('a commitment from agreement to done', () => {
  it('the chair records it, the taskholder reports, the public sees the history without the named person', async () => {
    const before = await commitmentRows(t);
    const commitment = await created();
    expect(commitment).toMatchObject({
      status: 'OPEN',
      workingGroup: { slug: 'packaging' },
      taskholder: { id: people.taskholder.organisationId },
      taskholderPerson: { id: taskholderPersonId },
      viewerCanManage: true,
      viewerCanReport: true,
    });
    expect(commitment.history).toEqual([
      expect.objectContaining({
        fromStatus: null,
        toStatus: 'OPEN',
        byRole: 'CHAIR',
        note: 'Agreed at the March meeting.',
      }),
    ]);
    expect(commitment.history[0]?.byOrganisation?.id).toBe(people.chair.organisationId);

    await ok(
      t,
      REPORT_PROGRESS,
      { id: commitment.id, status: 'IN_PROGRESS', note: 'Outline circulated.' },
      cookies.taskholder,
    );
    await ok(t, REPORT_PROGRESS, { id: commitment.id, note: 'Two comments in.' }, cookies.taskholder);
    const done = await ok<{ reportCommitmentProgress: CommitmentView }>(
      t,
      REPORT_PROGRESS,
      { id: commitment.id, status: 'DONE', note: 'Guidelines published.' },
      cookies.taskholder,
    );
    expect(done.reportCommitmentProgress.status).toBe('DONE');
    expect(await commitmentRows(t)).toEqual({
      commitments: before.commitments + 1,
      updates: before.updates + 4,
      events: before.events + 4,
    });

    const seen = (await t.graphql<{ alliance: { commitment: CommitmentView } }>(COMMITMENT, { id: commitment.id })).data
      ?.alliance.commitment;
    expect(seen?.taskholderPerson).toBeNull();
    expect(seen?.viewerCanReport).toBe(false);
    expect(seen?.history.map((h) => [h.fromStatus, h.toStatus, h.byRole, h.byOrganisation?.id ?? null])).toEqual([
      [null, 'OPEN', 'CHAIR', people.chair.organisationId],
      ['OPEN', 'IN_PROGRESS', 'TASKHOLDER', people.taskholder.organisationId],
      ['IN_PROGRESS', 'IN_PROGRESS', 'TASKHOLDER', people.taskholder.organisationId],
      ['IN_PROGRESS', 'DONE', 'TASKHOLDER', people.taskholder.organisationId],
    ]);

    const again = await t.graphql(
      REPORT_PROGRESS,
      { id: commitment.id, status: 'DROPPED', note: 'x' },
      { cookie: cookies.chair },
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('the chair moves the deadline with a note; a past deadline for a new one is refused on input.deadline', async () => {
    const commitment = await created();
    const moved = await ok<{ updateCommitment: CommitmentView }>(
      t,
      UPDATE_COMMITMENT,
      {
        id: commitment.id,
        input: commitmentInput(people.taskholder.organisationId, { deadline: inDays(60) }),
        note: 'More time for the consultation.',
      },
      cookies.chair,
    );
    expect(moved.updateCommitment.deadline).toBe(inDays(60));
    expect(moved.updateCommitment.taskholderPerson).toBeNull();
    expect(moved.updateCommitment.history.at(-1)).toMatchObject({ deadline: inDays(60), byRole: 'CHAIR' });
    const before = await commitmentRows(t);
    const past = await create(cookies.chair, {
      input: commitmentInput(people.taskholder.organisationId, { deadline: inDays(-1) }),
    });
    expect(past.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.deadline' });
    expect(await commitmentRows(t)).toEqual(before);
  });
});

describe('who may do what', () => {
  it('only the chair of the group or the secretariat records one; the public is asked to sign in', async () => {
    expect((await create(cookies.other)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await create(cookies.otherChair)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await create('')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await create(cookies.staff)).data?.createCommitment.history[0]?.byRole).toBe('SECRETARIAT');
  });

  it("the alliance's own commitments are the secretariat's: a chair may not record one", async () => {
    const own = {
      group: null,
      input: commitmentInput(people.other.organisationId, { title: 'Publish the R&D agenda' }),
    };
    expect((await create(cookies.chair, own)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const res = await create(cookies.staff, own);
    expect(res.data?.createCommitment.workingGroup).toBeNull();
    const report = await t.graphql(
      REPORT_PROGRESS,
      { id: res.data?.createCommitment.id, note: 'Started.' },
      { cookie: cookies.other },
    );
    expect(report.errors).toBeUndefined();
  });

  it('only the taskholder, the chair or the secretariat reports; another member is FORBIDDEN', async () => {
    const commitment = await created();
    const res = await t.graphql(REPORT_PROGRESS, { id: commitment.id, note: 'Not mine.' }, { cookie: cookies.other });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const chair = await ok<{ reportCommitmentProgress: CommitmentView }>(
      t,
      REPORT_PROGRESS,
      { id: commitment.id, status: 'DROPPED', note: 'Overtaken by the CEN standard.' },
      cookies.chair,
    );
    expect(chair.reportCommitmentProgress.history.at(-1)?.byRole).toBe('CHAIR');
  });
});

describe('refusals name their field and write nothing', () => {
  it('a taskholder outside the group, a person who does not represent it, LATE chosen by hand', async () => {
    const before = await commitmentRows(t);
    const outside = await create(cookies.chair, {
      input: commitmentInput(await outsiderOf(t, 'packaging')),
    });
    expect(outside.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.taskholderOrganisationId',
    });
    const stranger = await create(cookies.chair, {
      input: commitmentInput(people.other.organisationId, { taskholderPersonId }),
    });
    expect(stranger.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.taskholderPersonId',
    });
    const commitment = await created();
    const late = await t.graphql(
      REPORT_PROGRESS,
      { id: commitment.id, status: 'LATE', note: 'x' },
      { cookie: cookies.taskholder },
    );
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'status' });
    expect(await commitmentRows(t)).toEqual({
      commitments: before.commitments + 1,
      updates: before.updates + 1,
      events: before.events + 1,
    });
  });
});

describe('lists', () => {
  it("the chair's view holds the group's open ones; the account page the taskholder's", async () => {
    const commitment = await created();
    const group = await ok<{
      alliance: { workingGroup: { commitments: { nodes: { id: string; status: string }[] } } };
    }>(
      t,
      `query { alliance(slug: "${SLUG}") { workingGroup(slug: "packaging") { commitments(open: true, first: 100) { nodes { id status } } } } }`,
      {},
      cookies.chair,
    );
    const open = group.alliance.workingGroup.commitments.nodes;
    expect(open.map((c) => c.id)).toContain(commitment.id);
    expect(open.every((c) => ['OPEN', 'IN_PROGRESS', 'LATE'].includes(c.status))).toBe(true);
    const mine = await ok<{ me: { commitments: { id: string }[] } }>(
      t,
      '{ me { commitments { id } } }',
      {},
      cookies.taskholder,
    );
    expect(mine.me.commitments.map((c) => c.id)).toContain(commitment.id);
    const others = await ok<{ me: { commitments: { id: string }[] } }>(
      t,
      '{ me { commitments { id } } }',
      {},
      cookies.otherChair,
    );
    expect(others.me.commitments.map((c) => c.id)).not.toContain(commitment.id);
  });
});

describe('races', () => {
  it('DONE and DROPPED reported at once: one wins, the other is a CONFLICT, one final entry', async () => {
    const commitment = await created();
    const results = await Promise.all([
      t.graphql(REPORT_PROGRESS, { id: commitment.id, status: 'DONE', note: 'Done.' }, { cookie: cookies.taskholder }),
      t.graphql(REPORT_PROGRESS, { id: commitment.id, status: 'DROPPED', note: 'Dropped.' }, { cookie: cookies.chair }),
    ]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.flatMap((r) => r.errors ?? []).map((e) => e.extensions?.code)).toEqual(['CONFLICT']);
    const seen = await ok<{ alliance: { commitment: CommitmentView } }>(t, COMMITMENT, { id: commitment.id });
    expect(seen.alliance.commitment.history.filter((h) => ['DONE', 'DROPPED'].includes(h.toStatus))).toHaveLength(1);
  });
});
