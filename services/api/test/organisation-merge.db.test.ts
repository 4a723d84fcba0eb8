import { randomUUID } from 'node:crypto';
import { schema } from '@concord/db';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, refusal } from './alliance-fixtures.ts';
import { buildTestApp, type TestApp } from './helper.ts';
import { signIn } from './journey.ts';
import { pledgers, SECRETARIAT, SLUG } from './pledge-fixtures.ts';

/**
 * Issue 11: the secretariat corrects an organisation (the change in its history) and merges a duplicate into another
 * in one transaction, with the conflicts settled by the stated rules; the duplicate's id leads to the survivor.
 */

const ORG = `id legalName country kind transparencyRegisterNumber mergedInto { id }
  history { action changes { field from to } otherOrganisationId }`;
const UPDATE = `mutation($id: ID!, $input: UpdateOrganisationInput!) { updateOrganisation(id: $id, input: $input) { ${ORG} } }`;
const MERGE = `mutation($duplicateId: ID!, $survivorId: ID!) {
  mergeOrganisations(duplicateId: $duplicateId, survivorId: $survivorId) { ${ORG} } }`;
const SIGNATORY = `query($id: ID!) { alliance(slug: "${SLUG}") { signatory(organisationId: $id) { id organisation { id } } } }`;
const TOTALS = `{ alliance(slug: "${SLUG}") { progress { pledgedSupplyTonnes pledgedUptakeTonnes achievedTonnes } counts { signatories acceptedPledges } } }`;

type Org = {
  id: string;
  legalName: string;
  country: string;
  mergedInto: { id: string } | null;
  history: {
    action: string;
    changes: { field: string; from: string | null; to: string | null }[];
    otherOrganisationId: string | null;
  }[];
};

let t: TestApp;
let secretariat = '';
beforeAll(async () => {
  t = await buildTestApp();
  secretariat = await signIn(t, SECRETARIAT);
});
afterAll(() => t?.close());

const { organisationDuplicateFlag, pledge, signature, workingGroupMember, organisationMember } = schema;

/** Distinct signatory organisations of the demo's packaging group, one representative each, not yet merged. */
async function signatories(count: number) {
  const seen = new Map<string, Awaited<ReturnType<typeof pledgers>>[number]>();
  for (const rep of await pledgers(t, 50)) if (!seen.has(rep.organisationId)) seen.set(rep.organisationId, rep);
  const all = [...seen.values()];
  // Each test takes organisations of its own: a merge leaves its pair out of the next.
  taken += count;
  return all.slice(taken - count, taken);
}
let taken = 0;

async function rowsOf(organisationId: string) {
  const count = async (
    table: typeof pledge | typeof signature | typeof workingGroupMember | typeof organisationMember,
  ) => (await t.database.db.select().from(table).where(eq(table.organisationId, organisationId))).length;
  return {
    pledges: await count(pledge),
    signatures: await count(signature),
    groups: await count(workingGroupMember),
    representatives: await count(organisationMember),
  };
}

describe('[ORGANISATIONS] the secretariat corrects an organisation', () => {
  it('changes the fields given, each shown in its history as it was and is; the same values again record nothing', async () => {
    const [rep] = await signatories(1);
    if (!rep) throw new Error('no signatory in the demo data');
    const input = {
      legalName: `${rep.organisationName} SA`,
      country: 'LU',
      transparencyRegisterNumber: '123456789012-34',
    };
    const first = await ok<{ updateOrganisation: Org }>(t, UPDATE, { id: rep.organisationId, input }, secretariat);
    expect(first.updateOrganisation).toMatchObject({ legalName: input.legalName, country: 'LU' });
    const [change] = first.updateOrganisation.history.filter((h) => h.action === 'organisation.updated');
    expect(change?.changes).toEqual(
      expect.arrayContaining([
        { field: 'legalName', from: rep.organisationName, to: input.legalName },
        { field: 'transparencyRegisterNumber', from: null, to: '123456789012-34' },
      ]),
    );
    const again = await ok<{ updateOrganisation: Org }>(t, UPDATE, { id: rep.organisationId, input }, secretariat);
    expect(again.updateOrganisation.history).toHaveLength(first.updateOrganisation.history.length);
  });

  it('refuses its own representative and a bad value, naming the field, and writes nothing', async () => {
    const [rep] = await signatories(1);
    if (!rep) throw new Error('no signatory in the demo data');
    const cookie = await signIn(t, rep.email);
    const events = async () =>
      (await t.database.rows<{ n: number }>(sql`select count(*)::int as n from audit_event`))[0]?.n;
    const before = await events();
    expect(await refusal(t, UPDATE, { id: rep.organisationId, input: { country: 'FR' } }, cookie)).toMatchObject({
      code: 'FORBIDDEN',
    });
    for (const [input, field] of [
      [{ transparencyRegisterNumber: '12-3' }, 'input.transparencyRegisterNumber'],
      [{ legalName: '  ' }, 'input.legalName'],
      [{ stages: [] }, 'input.stages'],
      [{ website: 'ftp://example.org' }, 'input.website'],
      [{ country: 'XK' }, 'input.country'],
    ] as const) {
      expect(await refusal(t, UPDATE, { id: rep.organisationId, input }, secretariat), field).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
      });
    }
    expect(await refusal(t, UPDATE, { id: randomUUID(), input: { country: 'FR' } }, secretariat)).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await events()).toBe(before);
  });
});

describe('[ORGANISATIONS] merging duplicates', () => {
  /** Two signatories of the demo alliance in the packaging group, the first flagged as a duplicate of the second. */
  async function flaggedPair() {
    const [duplicate, survivor] = await signatories(2);
    if (!duplicate || !survivor) throw new Error('two signatories needed');
    await t.database.db.insert(organisationDuplicateFlag).values({
      organisationId: duplicate.organisationId,
      duplicateOfId: survivor.organisationId,
      reason: 'name_and_country',
    });
    return { duplicate, survivor };
  }

  it('moves everything to the survivor in one go, settles both signatures and both memberships, and keeps the totals', async () => {
    const { duplicate, survivor } = await flaggedPair();
    // The duplicate's representative sits on the steering committee for it.
    const { db } = t.database;
    const [rep] = await db.select().from(schema.person).where(eq(schema.person.email, duplicate.email));
    const [alliance] = await db.select().from(schema.alliance).where(eq(schema.alliance.slug, SLUG));
    const seatOf = { allianceId: alliance?.id ?? '', personId: rep?.id ?? '' };
    await db.insert(schema.steeringCommitteeMember).values({ ...seatOf, organisationId: duplicate.organisationId });
    const a = await rowsOf(duplicate.organisationId);
    const b = await rowsOf(survivor.organisationId);
    const totals = await ok<Record<string, unknown>>(t, TOTALS, {});
    const merged = await ok<{ mergeOrganisations: Org }>(
      t,
      MERGE,
      { duplicateId: duplicate.organisationId, survivorId: survivor.organisationId },
      secretariat,
    );
    expect(merged.mergeOrganisations.id).toBe(survivor.organisationId);
    expect(merged.mergeOrganisations.history.at(-1)).toMatchObject({
      action: 'organisation.merged',
      otherOrganisationId: duplicate.organisationId,
    });
    expect(await rowsOf(duplicate.organisationId)).toEqual({
      pledges: 0,
      signatures: 0,
      groups: 0,
      representatives: 0,
    });
    const after = await rowsOf(survivor.organisationId);
    expect(after.pledges).toBe(a.pledges + b.pledges);
    expect(after.signatures).toBe(a.signatures + b.signatures);
    // Both were in the packaging group: one membership is kept.
    expect(after.groups).toBe(a.groups + b.groups - 1);
    expect(after.representatives).toBe(a.representatives + b.representatives);
    // Both had an active signature: the survivor's is kept, the duplicate's closed, and one signatory fewer counts.
    const live = await t.database.db
      .select({ status: signature.status })
      .from(signature)
      .where(and(eq(signature.organisationId, survivor.organisationId), inArray(signature.status, ['active'])));
    expect(live).toHaveLength(1);
    const now = await ok<{ alliance: { progress: unknown; counts: { signatories: number } } }>(t, TOTALS, {});
    const was = totals as { alliance: { progress: unknown; counts: { signatories: number } } };
    expect(now.alliance.progress).toEqual(was.alliance.progress);
    expect(now.alliance.counts.signatories).toBe(was.alliance.counts.signatories - 1);
    // The duplicate's id leads to the survivor.
    const old = await ok<{ alliance: { signatory: { organisation: { id: string } } } }>(t, SIGNATORY, {
      id: duplicate.organisationId,
    });
    expect(old.alliance.signatory.organisation.id).toBe(survivor.organisationId);
    // Its representatives act for the survivor now.
    const cookie = await signIn(t, duplicate.email);
    const me = await ok<{ me: { organisations: { organisation: { id: string } }[] } }>(
      t,
      '{ me { organisations { organisation { id } } } }',
      {},
      cookie,
    );
    expect(me.me.organisations.map((o) => o.organisation.id)).toContain(survivor.organisationId);
    // So does their seat on the steering committee, listed for the survivor.
    const seats = await db
      .select({ organisationId: schema.steeringCommitteeMember.organisationId })
      .from(schema.steeringCommitteeMember)
      .where(eq(schema.steeringCommitteeMember.personId, seatOf.personId));
    expect(seats).toEqual([{ organisationId: survivor.organisationId }]);
    // Merged once: again is a CONFLICT, and nothing is written.
    expect(
      await refusal(
        t,
        MERGE,
        { duplicateId: duplicate.organisationId, survivorId: survivor.organisationId },
        secretariat,
      ),
    ).toMatchObject({ code: 'CONFLICT' });
    expect(
      await refusal(t, UPDATE, { id: duplicate.organisationId, input: { country: 'FR' } }, secretariat),
    ).toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('moves the commitments it holds, its meeting registrations and the meetings it attended, a meeting both attended once', async () => {
    const { duplicate, survivor } = await flaggedPair();
    const { db } = t.database;
    const [alliance] = await db
      .select({ id: schema.alliance.id })
      .from(schema.alliance)
      .where(eq(schema.alliance.slug, SLUG));
    const meetings = await db.select({ id: schema.meeting.id }).from(schema.meeting).limit(2);
    const [both, theirs] = meetings;
    if (!alliance || !both || !theirs) throw new Error('the demo has meetings');
    await db.insert(schema.commitment).values(
      [duplicate, duplicate, survivor].map((o, i) => ({
        allianceId: alliance.id,
        title: `Merge test commitment ${i}`,
        taskholderOrganisationId: o.organisationId,
        deadline: '2030-01-01',
      })),
    );
    await db.insert(schema.meetingAttendance).values([
      { meetingId: both.id, organisationId: duplicate.organisationId },
      { meetingId: both.id, organisationId: survivor.organisationId },
      { meetingId: theirs.id, organisationId: duplicate.organisationId },
    ]);
    const [person] = await db
      .select({ id: schema.person.id })
      .from(schema.person)
      .where(eq(schema.person.email, duplicate.email));
    await db.insert(schema.meetingRegistration).values({
      meetingId: theirs.id,
      personId: person?.id ?? '',
      organisationId: duplicate.organisationId,
      status: 'registered',
    });

    const held = async (id: string) => ({
      commitments: (await db.select().from(schema.commitment).where(eq(schema.commitment.taskholderOrganisationId, id)))
        .length,
      attended: (
        await db.select().from(schema.meetingAttendance).where(eq(schema.meetingAttendance.organisationId, id))
      )
        .map((a) => a.meetingId)
        .sort(),
      registrations: (
        await db.select().from(schema.meetingRegistration).where(eq(schema.meetingRegistration.organisationId, id))
      ).length,
    });
    // The demo's own meetings may count them already: what each held before, the fixtures above included.
    const d = await held(duplicate.organisationId);
    const s = await held(survivor.organisationId);

    await ok(t, MERGE, { duplicateId: duplicate.organisationId, survivorId: survivor.organisationId }, secretariat);

    expect(await held(duplicate.organisationId)).toEqual({ commitments: 0, attended: [], registrations: 0 });
    expect(await held(survivor.organisationId)).toEqual({
      commitments: d.commitments + s.commitments,
      attended: [...new Set([...d.attended, ...s.attended])].sort(),
      registrations: d.registrations + s.registrations,
    });
    const [event] = await db
      .select({ after: schema.auditEvent.after })
      .from(schema.auditEvent)
      .where(
        and(
          eq(schema.auditEvent.action, 'organisation.merged'),
          eq(schema.auditEvent.objectId, survivor.organisationId),
        ),
      );
    expect(event?.after).toMatchObject({
      moved: {
        commitments: d.commitments,
        meetingRegistrations: d.registrations,
        meetingsAttended: d.attended.filter((m) => !s.attended.includes(m)).length,
      },
    });
  });

  it('refuses a pair never flagged, the organisation itself, a representative, and a stranger alliance’s secretariat', async () => {
    const [x, y] = await signatories(2);
    if (!x || !y) throw new Error('two signatories needed');
    const pair = { duplicateId: x.organisationId, survivorId: y.organisationId };
    expect(await refusal(t, MERGE, pair, secretariat)).toMatchObject({ code: 'CONFLICT' });
    expect(
      await refusal(t, MERGE, { duplicateId: x.organisationId, survivorId: x.organisationId }, secretariat),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'survivorId',
    });
    expect(await refusal(t, MERGE, { ...pair, survivorId: randomUUID() }, secretariat)).toMatchObject({
      code: 'NOT_FOUND',
      field: 'survivorId',
    });
    const cookie = await signIn(t, x.email);
    expect(await refusal(t, MERGE, pair, cookie)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await rowsOf(x.organisationId)).toEqual(await rowsOf(x.organisationId));
  });

  it('two merges of one pair at once, each way round, end in one merge and one refusal', async () => {
    const { duplicate, survivor } = await flaggedPair();
    const results = await Promise.all([
      t.graphql(
        MERGE,
        { duplicateId: duplicate.organisationId, survivorId: survivor.organisationId },
        { cookie: secretariat },
      ),
      t.graphql(
        MERGE,
        { duplicateId: survivor.organisationId, survivorId: duplicate.organisationId },
        { cookie: secretariat },
      ),
    ]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors).map((r) => r.errors?.[0]?.extensions?.code)).toEqual(['CONFLICT']);
    const merged = await t.database.rows<{ n: number }>(
      sql`select count(*)::int as n from organisation where merged_into_id is not null and id in (${duplicate.organisationId}, ${survivor.organisationId})`,
    );
    expect(merged[0]?.n).toBe(1);
  });
});
