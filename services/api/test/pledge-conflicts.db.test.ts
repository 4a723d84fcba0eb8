import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from './helper.ts';
import {
  AMEND,
  acceptedPledge,
  draft,
  ok,
  type Person,
  pledgeInput,
  pledgeTestApp,
  REVIEW,
  SUBMIT,
  UPDATE,
  WITHDRAW,
} from './pledge-fixtures.ts';

/**
 * Defect 10 of issue 9, for pledges: a CONFLICT says what the pledge is now, not the state the request expected
 * (a decision racing a withdrawal used to read "no version waiting for a decision").
 */
let t: TestApp;
let rep: Person;
let cookies: Record<'rep' | 'staff', string>;

beforeAll(async () => {
  ({
    t,
    cookies,
    people: { rep },
  } = await pledgeTestApp({ pledgers: ['rep'] }));
}, 60_000);
afterAll(() => t.close());

async function conflictOf(query: string, variables: Record<string, unknown>, cookie: string): Promise<string> {
  const res = await t.graphql(query, variables, { cookie });
  expect(res.errors?.[0]?.extensions?.code, JSON.stringify(res.errors)).toBe('CONFLICT');
  return res.errors?.[0]?.message ?? '';
}

describe('[PLEDGE] a CONFLICT says what the pledge is now', () => {
  it('a decision on a pledge withdrawn meanwhile says it has been withdrawn', async () => {
    const drafted = await draft(t, cookies.rep, rep.organisationId);
    await ok(t, SUBMIT, { id: drafted.id }, cookies.rep);
    await ok(t, WITHDRAW, { id: drafted.id, reason: 'Plans changed.' }, cookies.rep);
    const message = await conflictOf(REVIEW, { id: drafted.id, decision: 'ACCEPT' }, cookies.staff);
    expect(message).toMatch(/has been withdrawn/);
    expect(message).not.toMatch(/waiting|pending/);
    expect(await conflictOf(SUBMIT, { id: drafted.id }, cookies.rep)).toMatch(/has been withdrawn/);
    expect(await conflictOf(UPDATE, { id: drafted.id, pledge: pledgeInput() }, cookies.rep)).toMatch(
      /has been withdrawn/,
    );
  });

  it('a second decision, a draft change or a submission of a pledge in force names the version in force', async () => {
    const accepted = await acceptedPledge(t, { pledger: cookies.rep, staff: cookies.staff }, rep.organisationId);
    expect(await conflictOf(REVIEW, { id: accepted.id, decision: 'REJECT', comment: 'No.' }, cookies.staff)).toMatch(
      /version 1 is in force/,
    );
    expect(await conflictOf(SUBMIT, { id: accepted.id }, cookies.rep)).toMatch(/version 1 is in force/);
    expect(await conflictOf(UPDATE, { id: accepted.id, pledge: pledgeInput() }, cookies.rep)).toMatch(
      /version 1 is in force/,
    );
    await ok(t, AMEND, { id: accepted.id, pledge: pledgeInput({ tonnesPerYear: '2' }) }, cookies.rep);
    await ok(t, SUBMIT, { id: accepted.id }, cookies.rep);
    expect(await conflictOf(AMEND, { id: accepted.id, pledge: pledgeInput() }, cookies.rep)).toMatch(
      /version 2 waits for review/,
    );
  });

  it('a decision racing a withdrawal ends in one of them, and a refusal that says withdrawn', async () => {
    const drafted = await draft(t, cookies.rep, rep.organisationId);
    await ok(t, SUBMIT, { id: drafted.id }, cookies.rep);
    const [review, withdrawal] = await Promise.all([
      t.graphql(REVIEW, { id: drafted.id, decision: 'ACCEPT' }, { cookie: cookies.staff }),
      t.graphql(WITHDRAW, { id: drafted.id, reason: 'Plans changed.' }, { cookie: cookies.rep }),
    ]);
    // Both may succeed (accepted, then withdrawn); when the decision loses it says why.
    expect(withdrawal.errors).toBeUndefined();
    if (review.errors) {
      expect(review.errors[0]?.extensions?.code).toBe('CONFLICT');
      expect(review.errors[0]?.message).toMatch(/has been withdrawn/);
    }
  });
});
