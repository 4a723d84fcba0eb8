import { schema } from '@concord/db';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_COMMITMENT, commitmentInput, personIdOf, REPORT_PROGRESS } from './commitment-fixtures.ts';
import type { TestApp } from './helper.ts';
import { signIn } from './journey.ts';
import { meetingInput, SCHEDULE } from './meeting-fixtures.ts';
import { draft, ok, type Person, pledgeTestApp, REVIEW, SLUG, SUBMIT } from './pledge-fixtures.ts';

/**
 * The public activity feed (`Alliance.activity`), on both databases: every whitelisted change appears once, with
 * the organisation it is about; drafts, unpublished minutes, pledges under review, pending signatures, notes,
 * comments and people never do; an organisation that stops being a public signatory disappears from it; a group's
 * feed holds only its own; keyset pages add up to the whole.
 */
interface Entry {
  seq: number;
  kind: string;
  at: string;
  workingGroupSlug: string | null;
  workingGroupName: string | null;
  subjectId: string;
  subjectTitle: string | null;
  declarationVersion: number | null;
  commitmentStatus: string | null;
  organisationId: string | null;
  organisationName: string | null;
  byOrganisationName: string | null;
}
interface Feed {
  nodes: Entry[];
  edges: { cursor: string }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const ACTIVITY = `query($group: String, $first: Int, $after: String) { alliance(slug: "${SLUG}") {
  activity(workingGroupSlug: $group, first: $first, after: $after) {
    nodes { seq kind at workingGroupSlug workingGroupName subjectId subjectTitle declarationVersion commitmentStatus
      organisationId organisationName byOrganisationName }
    edges { cursor } pageInfo { hasNextPage endCursor } } } }`;
const SAVE_MINUTES = `mutation($m: ID!, $input: MeetingMinutesInput!) { saveMeetingMinutes(meetingId: $m, input: $input) { text } }`;
const PUBLISH_MINUTES = 'mutation($m: ID!) { publishMeetingMinutes(meetingId: $m) { publishedAt } }';
const CANCEL = 'mutation($id: ID!, $reason: String!) { cancelMeeting(id: $id, reason: $reason) { status } }';
const REGISTER = `mutation($input: OrganisationInput!) { registerOrganisation(input: $input) { organisation { id } } }`;
const SIGN = 'mutation($input: SignDeclarationInput!) { signDeclaration(input: $input) { id status } }';
const APPROVE = 'mutation($id: ID!) { approveSignature(id: $id) { status } }';
const WITHDRAW = 'mutation($id: ID!, $reason: String) { withdrawSignature(id: $id, reason: $reason) { status } }';

let t: TestApp;
let people: Record<'pledger' | 'other' | 'chair', Person>;
let cookies: Record<'pledger' | 'other' | 'chair' | 'staff', string>;
let packagingId = '';

beforeAll(async () => {
  ({ t, people, cookies } = await pledgeTestApp({ pledgers: ['pledger', 'other'], chairs: { chair: 'packaging' } }));
  const [group] = await t.database.db
    .select()
    .from(schema.workingGroup)
    .where(eq(schema.workingGroup.slug, 'packaging'));
  packagingId = group?.id ?? '';
}, 120_000);
afterAll(() => t?.close());

async function feed(variables: Record<string, unknown> = {}): Promise<Feed> {
  const res = await t.graphql<{ alliance: { activity: Feed } }>(ACTIVITY, { first: 250, ...variables });
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return res.data.alliance.activity;
}

/** The entries newer than `since`, oldest first: what the test's own changes added. */
async function added(since: number, group?: string): Promise<Entry[]> {
  return (await feed(group ? { group } : {})).nodes.filter((e) => e.seq > since).reverse();
}

const newest = async () => (await feed({ first: 1 })).nodes[0]?.seq ?? 0;
const kinds = (entries: Entry[]) => entries.map((e) => [e.kind, e.subjectTitle ?? e.organisationName]);

describe('[ACTIVITY] what the feed shows', () => {
  it('meetings, minutes once published, commitments by status, accepted pledges; never drafts, notes or people', async () => {
    const since = await newest();
    const chairPersonName = 'Hidden Chairperson';
    await t.database.db
      .update(schema.person)
      .set({ name: chairPersonName })
      .where(eq(schema.person.email, people.chair.email));

    const meeting = await ok<{ scheduleMeeting: { id: string } }>(
      t,
      SCHEDULE,
      { slug: SLUG, group: packagingId, input: meetingInput({ title: 'Trays: second round' }) },
      cookies.chair,
    );
    const meetingId = meeting.scheduleMeeting.id;
    const secretText = 'Draft minutes: the chair thinks the converters stalled.';
    await ok(
      t,
      SAVE_MINUTES,
      { m: meetingId, input: { text: secretText, decisions: ['Write a guide.'] } },
      cookies.chair,
    );
    // Saved, not published: nothing about the minutes yet.
    expect(kinds(await added(since))).toEqual([['MEETING_SCHEDULED', 'Trays: second round']]);

    await ok(t, PUBLISH_MINUTES, { m: meetingId }, cookies.chair);

    const taskholderPersonId = await personIdOf(t, people.pledger.email);
    const commitment = await ok<{ createCommitment: { id: string } }>(
      t,
      CREATE_COMMITMENT,
      {
        slug: SLUG,
        group: 'packaging',
        input: commitmentInput(people.pledger.organisationId, { title: 'Publish the tray guide', taskholderPersonId }),
        note: 'A private-sounding note that the feed must not carry.',
      },
      cookies.chair,
    );
    const commitmentId = commitment.createCommitment.id;
    await ok(t, REPORT_PROGRESS, { id: commitmentId, status: 'IN_PROGRESS', note: 'Outline out.' }, cookies.pledger);
    await ok(t, REPORT_PROGRESS, { id: commitmentId, note: 'A note without a new status.' }, cookies.pledger);

    const drafted = await draft(t, cookies.pledger, people.pledger.organisationId);
    await ok(t, SUBMIT, { id: drafted.id }, cookies.pledger);
    const reviewComment = 'Reviewer comment that stays between them.';
    await ok(t, REVIEW, { id: drafted.id, decision: 'REQUEST_CHANGES', comment: reviewComment }, cookies.staff);
    const drafting = await draft(t, cookies.other, people.other.organisationId); // stays a draft
    await ok(t, SUBMIT, { id: (await draft(t, cookies.other, people.other.organisationId)).id }, cookies.other);
    const accepted = await draft(t, cookies.other, people.other.organisationId, { polymer: 'HDPE' });
    await ok(t, SUBMIT, { id: accepted.id }, cookies.other);
    await ok(t, REVIEW, { id: accepted.id, decision: 'ACCEPT' }, cookies.staff);

    const entries = await added(since);
    expect(kinds(entries)).toEqual([
      ['MEETING_SCHEDULED', 'Trays: second round'],
      ['MINUTES_PUBLISHED', 'Trays: second round'],
      ['COMMITMENT_RECORDED', 'Publish the tray guide'],
      ['COMMITMENT_STATUS_CHANGED', 'Publish the tray guide'],
      ['PLEDGE_ACCEPTED', people.other.organisationName],
    ]);
    expect(entries.map((e) => e.workingGroupSlug)).toEqual(Array(5).fill('packaging'));
    expect(entries[1]?.subjectId).toBe(meetingId);
    expect(entries[2]).toMatchObject({
      subjectId: commitmentId,
      commitmentStatus: null,
      organisationId: people.pledger.organisationId,
      organisationName: people.pledger.organisationName,
      byOrganisationName: people.chair.organisationName,
    });
    expect(entries[3]).toMatchObject({
      commitmentStatus: 'IN_PROGRESS',
      byOrganisationName: people.pledger.organisationName,
    });
    expect(entries[4]).toMatchObject({ subjectId: accepted.id, organisationId: people.other.organisationId });
    expect(entries.map((e) => e.subjectId)).not.toContain(drafting.id);

    // No text but titles and organisations' names: no note, comment, minutes, person or e-mail address.
    const text = JSON.stringify(entries);
    for (const secret of [
      secretText,
      reviewComment,
      'A private-sounding note',
      'Outline out.',
      chairPersonName,
      people.chair.email,
      people.pledger.email,
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('a signatory appears once approved, not while pending; it leaves the feed, with its pledges, when it withdraws', async () => {
    const since = await newest();
    const email = 'rep@activity-feed.example';
    const cookie = await signIn(t, email);
    const registered = await ok<{ registerOrganisation: { organisation: { id: string } } }>(
      t,
      REGISTER,
      {
        input: {
          legalName: 'Feedwise Recycling BV',
          country: 'NL',
          kind: 'COMPANY',
          size: 'SME',
          stages: ['RECYCLER'],
          website: 'https://feedwise.example',
          registrationNumber: `KVK ${Math.floor(Math.random() * 1e8)}`,
        },
      },
      cookie,
    );
    const organisationId = registered.registerOrganisation.organisation.id;
    const [version] = await t.database.db
      .select({ version: schema.declarationVersion.version })
      .from(schema.declarationVersion)
      .where(eq(schema.declarationVersion.status, 'published'))
      .orderBy(asc(schema.declarationVersion.version))
      .limit(1);
    const signed = await ok<{ signDeclaration: { id: string } }>(
      t,
      SIGN,
      {
        input: {
          allianceSlug: SLUG,
          organisationId,
          declarationVersion: version?.version ?? 1,
          signerName: 'Fenna Feedwise',
          signerJobTitle: 'Director',
        },
      },
      cookie,
    );
    const signatureId = signed.signDeclaration.id;
    // The e-mail confirmation is the signing tests' to walk: here the signature simply waits for review.
    await t.database.db
      .update(schema.signature)
      .set({ status: 'pending_review', confirmedAt: new Date() })
      .where(eq(schema.signature.id, signatureId));
    expect(JSON.stringify(await added(since))).not.toContain('Feedwise');

    await ok(t, APPROVE, { id: signatureId }, cookies.staff);
    const joined = await added(since);
    expect(kinds(joined)).toEqual([['SIGNATORY_JOINED', 'Feedwise Recycling BV']]);
    expect(joined[0]).toMatchObject({ subjectId: signatureId, organisationId, workingGroupSlug: null });
    expect(JSON.stringify(joined)).not.toContain('Fenna');
    // An alliance-wide change is not a group's.
    expect((await added(since, 'packaging')).map((e) => e.kind)).toEqual([]);

    // The organisation whose pledge the first test accepted withdraws: the pledge and its name leave the feed.
    const before = await feed();
    const [active] = await t.database.db
      .select({ id: schema.signature.id })
      .from(schema.signature)
      .where(
        and(eq(schema.signature.organisationId, people.other.organisationId), eq(schema.signature.status, 'active')),
      );
    await ok(t, WITHDRAW, { id: active?.id, reason: 'Leaving.' }, cookies.other);
    await ok(t, WITHDRAW, { id: signatureId }, cookie);
    const after = await feed();
    const removed = before.nodes.filter((e) => !after.nodes.some((a) => a.seq === e.seq));
    expect(removed.map((e) => e.kind).sort()).toEqual(['PLEDGE_ACCEPTED', 'SIGNATORY_JOINED']);
    expect(JSON.stringify(after.nodes)).not.toContain(people.other.organisationName);
    expect(JSON.stringify(after.nodes)).not.toContain('Feedwise');
  });

  it("a group's feed holds only its own; a plenary and its cancellation are the alliance's", async () => {
    const since = await newest();
    const plenary = await ok<{ scheduleMeeting: { id: string } }>(
      t,
      SCHEDULE,
      { slug: SLUG, input: meetingInput({ title: 'Annual plenary', audience: 'ALLIANCE_SIGNATORIES' }) },
      cookies.staff,
    );
    await ok(t, CANCEL, { id: plenary.scheduleMeeting.id, reason: 'A strike closes the venue.' }, cookies.staff);
    const all = await added(since);
    expect(kinds(all)).toEqual([
      ['MEETING_SCHEDULED', 'Annual plenary'],
      ['MEETING_CANCELLED', 'Annual plenary'],
    ]);
    expect(JSON.stringify(all)).not.toContain('strike');
    expect(await added(since, 'packaging')).toEqual([]);
    const group = await feed({ group: 'packaging' });
    expect(group.nodes.length).toBeGreaterThan(0);
    expect(new Set(group.nodes.map((e) => e.workingGroupSlug))).toEqual(new Set(['packaging']));
  });
});

describe('[ACTIVITY] pages', () => {
  it('keyset pages, newest first, add up to the whole feed without repeats', async () => {
    const whole = (await feed()).nodes.map((e) => e.seq);
    expect(whole.length).toBeGreaterThanOrEqual(5);
    expect([...whole].sort((a, b) => b - a)).toEqual(whole);
    const paged: number[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages += 1) {
      const page: Feed = await feed({ first: 2, after });
      paged.push(...page.nodes.map((e) => e.seq));
      expect(page.nodes.length).toBeLessThanOrEqual(2);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(paged).toEqual(whole.slice(0, paged.length));
    expect(paged.length).toBe(Math.min(whole.length, 20));
  });

  it('refuses a cursor it did not issue, a page too large and an unknown group, naming the argument', async () => {
    const forged = Buffer.from(JSON.stringify(['x'])).toString('base64url');
    for (const [variables, code, field] of [
      [{ after: forged }, 'BAD_USER_INPUT', 'after'],
      [{ after: Buffer.from('[1.5]').toString('base64url') }, 'BAD_USER_INPUT', 'after'],
      [{ first: 251 }, 'BAD_USER_INPUT', 'first'],
      [{ group: 'no-such-group' }, 'NOT_FOUND', undefined],
    ] as const) {
      const res = await t.graphql(ACTIVITY, { first: 5, ...variables });
      expect(res.errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe(code);
      if (field) expect(res.errors?.[0]?.extensions?.field).toBe(field);
    }
  });
});

describe('[REPRESENTATION] who is at the table', () => {
  it("counts each group's public members by stage and by country, as the register has them", async () => {
    const res = await t.graphql<{
      alliance: {
        workingGroups: {
          nodes: {
            slug: string;
            memberCount: number;
            representation: {
              byStage: { stage: string; organisations: number }[];
              byCountry: { country: string; organisations: number }[];
            };
          }[];
        };
      };
    }>(`{ alliance(slug: "${SLUG}") { workingGroups(first: 50) { nodes { slug memberCount
      representation { byStage { stage organisations } byCountry { country organisations } } } } } }`);
    const groups = res.data?.alliance.workingGroups.nodes ?? [];
    expect(groups.length).toBeGreaterThanOrEqual(6);
    const members = await t.database.db
      .select({
        slug: schema.workingGroup.slug,
        country: schema.organisation.country,
        stages: schema.organisation.stages,
      })
      .from(schema.workingGroupMember)
      .innerJoin(schema.workingGroup, eq(schema.workingGroup.id, schema.workingGroupMember.workingGroupId))
      .innerJoin(schema.organisation, eq(schema.organisation.id, schema.workingGroupMember.organisationId))
      .innerJoin(
        schema.signature,
        and(
          eq(schema.signature.organisationId, schema.organisation.id),
          eq(schema.signature.status, 'active'),
          eq(schema.signature.allianceId, schema.workingGroup.allianceId),
        ),
      );
    for (const group of groups) {
      const mine = members.filter((m) => m.slug === group.slug);
      const { byCountry, byStage } = group.representation;
      expect(
        byCountry.reduce((sum, r) => sum + r.organisations, 0),
        group.slug,
      ).toBe(group.memberCount);
      expect(byCountry.reduce((sum, r) => sum + r.organisations, 0)).toBe(mine.length);
      for (const { country, organisations } of byCountry) {
        expect(organisations).toBe(mine.filter((m) => m.country === country).length);
      }
      const counts = byCountry.map((r) => r.organisations);
      expect([...counts].sort((a, b) => b - a)).toEqual(counts);
      expect(byStage.reduce((sum, r) => sum + r.organisations, 0)).toBe(mine.reduce((s, m) => s + m.stages.length, 0));
      for (const { stage, organisations } of byStage) {
        expect(organisations).toBe(mine.filter((m) => m.stages.includes(stage.toLowerCase() as never)).length);
      }
    }
    expect(groups.some((g) => g.representation.byStage.length > 1)).toBe(true);
  });
});
