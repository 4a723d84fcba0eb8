import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyPdf } from '../../documents/src/tiny-pdf.ts';
import type { TestApp } from './helper.ts';
import {
  AMEND,
  acceptedPledge,
  chairOf,
  DRAFT,
  draft,
  ok,
  type Person,
  PLEDGE,
  type PledgeView,
  pledgeInput,
  pledgeTestApp,
  REVIEW,
  SLUG,
  SUBMIT,
  UPDATE,
  WITHDRAW,
} from './pledge-fixtures.ts';

/**
 * The matrix of roles × pledge operations through the real API. Each cell sets up its own pledge of
 * organisation A (in the packaging group), so one operation's success cannot hide another's.
 */
type Role = 'public' | 'repA' | 'repB' | 'chair' | 'otherChair' | 'secretariat';
const roles: Role[] = ['public', 'repA', 'repB', 'chair', 'otherChair', 'secretariat'];

let t: TestApp;
let repA: Person;
const cookies: Partial<Record<Role, string>> = {};

beforeAll(async () => {
  const app = await pledgeTestApp({
    pledgers: ['repA', 'repB'],
    chairs: { chair: 'packaging', otherChair: 'construction' },
  });
  ({ t } = app);
  repA = app.people.repA;
  const { staff, ...others } = app.cookies;
  Object.assign(cookies, others, { secretariat: staff });
}, 60_000);
afterAll(() => t.close());

const as = (cookie: string | undefined) => (cookie ? { cookie } : {});
const codeOf = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code ?? 'OK';

const draftOfA = () => draft(t, cookies.repA ?? '', repA.organisationId);
async function submittedOfA(): Promise<PledgeView> {
  const drafted = await draftOfA();
  await ok(t, SUBMIT, { id: drafted.id }, cookies.repA);
  return drafted;
}
const acceptedOfA = () =>
  acceptedPledge(t, { pledger: cookies.repA ?? '', staff: cookies.secretariat ?? '' }, repA.organisationId);

interface Operation {
  name: string;
  allowed: Role[];
  /** What a signed-in person without the right gets (FORBIDDEN unless the object is hidden from them). */
  denied?: string;
  /** What the public gets (UNAUTHENTICATED unless the object is hidden from them). */
  deniedToPublic?: string;
  run(cookie: string | undefined): Promise<string>;
}

const operations: Operation[] = [
  {
    name: 'draft a pledge for organisation A',
    allowed: ['repA'],
    run: async (cookie) =>
      codeOf(
        await t.graphql(
          DRAFT,
          { input: { allianceSlug: SLUG, organisationId: repA.organisationId, pledge: pledgeInput() } },
          as(cookie),
        ),
      ),
  },
  {
    name: "update A's draft",
    allowed: ['repA'],
    run: async (cookie) =>
      codeOf(await t.graphql(UPDATE, { id: (await draftOfA()).id, pledge: pledgeInput() }, as(cookie))),
  },
  {
    name: "submit A's draft",
    allowed: ['repA'],
    run: async (cookie) => codeOf(await t.graphql(SUBMIT, { id: (await draftOfA()).id }, as(cookie))),
  },
  {
    name: "accept A's submitted pledge",
    allowed: ['chair', 'secretariat'],
    run: async (cookie) =>
      codeOf(await t.graphql(REVIEW, { id: (await submittedOfA()).id, decision: 'ACCEPT' }, as(cookie))),
  },
  {
    name: "request changes to A's submitted pledge",
    allowed: ['chair', 'secretariat'],
    run: async (cookie) =>
      codeOf(
        await t.graphql(
          REVIEW,
          { id: (await submittedOfA()).id, decision: 'REQUEST_CHANGES', comment: 'More detail, please.' },
          as(cookie),
        ),
      ),
  },
  {
    name: "reject A's submitted pledge",
    allowed: ['chair', 'secretariat'],
    run: async (cookie) =>
      codeOf(
        await t.graphql(REVIEW, { id: (await submittedOfA()).id, decision: 'REJECT', comment: 'No.' }, as(cookie)),
      ),
  },
  {
    name: "amend A's accepted pledge",
    allowed: ['repA'],
    run: async (cookie) =>
      codeOf(await t.graphql(AMEND, { id: (await acceptedOfA()).id, pledge: pledgeInput() }, as(cookie))),
  },
  {
    name: "withdraw A's accepted pledge",
    allowed: ['repA'],
    run: async (cookie) =>
      codeOf(await t.graphql(WITHDRAW, { id: (await acceptedOfA()).id, reason: 'Sold.' }, as(cookie))),
  },
  {
    // A draft is private to its organisation: reviewers see a pledge once it is submitted.
    name: "see A's draft",
    allowed: ['repA'],
    denied: 'NOT_FOUND',
    deniedToPublic: 'NOT_FOUND',
    run: async (cookie) => codeOf(await t.graphql(PLEDGE, { id: (await draftOfA()).id }, as(cookie))),
  },
  {
    name: "see A's pledge under review, and its open version",
    allowed: ['repA', 'chair', 'secretariat'],
    denied: 'NOT_FOUND',
    deniedToPublic: 'NOT_FOUND',
    run: async (cookie) => {
      const res = await t.graphql<{ alliance: { pledge: PledgeView } }>(
        PLEDGE,
        { id: (await submittedOfA()).id },
        as(cookie),
      );
      if (res.errors) return codeOf(res);
      return res.data?.alliance.pledge.openVersion?.status === 'SUBMITTED' ? 'OK' : 'NO OPEN VERSION';
    },
  },
  {
    name: "see the amendment under review of A's accepted pledge",
    allowed: ['repA', 'chair', 'secretariat'],
    denied: 'HIDDEN',
    deniedToPublic: 'HIDDEN',
    run: async (cookie) => {
      const accepted = await acceptedOfA();
      await ok(t, AMEND, { id: accepted.id, pledge: pledgeInput({ tonnesPerYear: '7' }) }, cookies.repA);
      await ok(t, SUBMIT, { id: accepted.id }, cookies.repA);
      const res = await t.graphql<{ alliance: { pledge: PledgeView } }>(PLEDGE, { id: accepted.id }, as(cookie));
      if (res.errors) return codeOf(res);
      const pledge = res.data?.alliance.pledge;
      const seesAmendment = pledge?.openVersion?.version === 2 && pledge.versions?.length === 2;
      const seesAccepted = pledge?.versions?.[0]?.status === 'ACCEPTED';
      return seesAmendment && seesAccepted ? 'OK' : seesAccepted ? 'HIDDEN' : 'BROKEN';
    },
  },
  {
    name: "see A's drafts among its pledges",
    allowed: ['repA'],
    denied: 'HIDDEN',
    deniedToPublic: 'HIDDEN',
    run: async (cookie) => {
      const accepted = await acceptedOfA();
      const drafted = await draftOfA();
      const res = await t.graphql<{ alliance: { pledge: { organisation: { pledges: { id: string }[] } } } }>(
        `query($id: ID!) { alliance(slug: "${SLUG}") { pledge(id: $id) { organisation { pledges { id } } } } }`,
        { id: accepted.id },
        as(cookie),
      );
      if (res.errors) return codeOf(res);
      const ids = res.data?.alliance.pledge.organisation.pledges.map((p) => p.id) ?? [];
      return ids.includes(drafted.id) ? 'OK' : ids.includes(accepted.id) ? 'HIDDEN' : 'BROKEN';
    },
  },
  {
    name: 'read the pledge review queue',
    allowed: ['chair', 'otherChair', 'secretariat'],
    run: async (cookie) =>
      codeOf(await t.graphql(`{ alliance(slug: "${SLUG}") { pledgeReviewQueue { totalCount } } }`, {}, as(cookie))),
  },
  {
    name: "find A's submitted pledge in the review queue",
    allowed: ['chair', 'secretariat'],
    denied: 'ABSENT',
    run: async (cookie) => {
      const submitted = await submittedOfA();
      const res = await t.graphql<{ alliance: { pledgeReviewQueue: { items: { pledge: { id: string } }[] } } }>(
        `{ alliance(slug: "${SLUG}") { pledgeReviewQueue { items { pledge { id } } } } }`,
        {},
        as(cookie),
      );
      if (res.errors) return codeOf(res) === 'FORBIDDEN' ? 'ABSENT' : codeOf(res);
      return res.data?.alliance.pledgeReviewQueue.items.some((i) => i.pledge.id === submitted.id) ? 'OK' : 'ABSENT';
    },
  },
  {
    name: "attach a statement to A's draft",
    allowed: ['repA'],
    run: async (cookie) => {
      const res = await t.app.inject({
        method: 'PUT',
        url: `/pledges/${(await draftOfA()).id}/statement`,
        headers: { 'content-type': 'application/pdf', 'x-requested-with': 'test', ...as(cookie) },
        payload: tinyPdf(`statement ${Math.random()}`),
      });
      return { 200: 'OK', 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN' }[res.statusCode] ?? String(res.statusCode);
    },
  },
];

describe('[PLEDGE RIGHTS] every role × every pledge operation', () => {
  for (const operation of operations) {
    for (const role of roles) {
      const expected = operation.allowed.includes(role)
        ? 'OK'
        : role === 'public'
          ? (operation.deniedToPublic ?? 'UNAUTHENTICATED')
          : (operation.denied ?? 'FORBIDDEN');
      it(`${role}: ${operation.name} → ${expected}`, async () => {
        expect(await operation.run(role === 'public' ? undefined : cookies[role])).toBe(expected);
      });
    }
  }

  it('refuses a chair of the group when the pledge is their own organisation’s (the secretariat decides)', async () => {
    const chair = await chairOf(t, 'packaging');
    const drafted = await draft(t, cookies.chair ?? '', chair.organisationId);
    await ok(t, SUBMIT, { id: drafted.id }, cookies.chair);
    const res = await t.graphql(REVIEW, { id: drafted.id, decision: 'ACCEPT' }, as(cookies.chair));
    expect(codeOf(res)).toBe('FORBIDDEN');
    expect(codeOf(await t.graphql(REVIEW, { id: drafted.id, decision: 'ACCEPT' }, as(cookies.secretariat)))).toBe('OK');
  });
});
