import { schema } from '@concord/db';
import { and, asc, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from './helper.ts';
import {
  AMEND,
  acceptedPledge,
  draft,
  kg,
  ok,
  type Person,
  pledgeInput,
  pledgeTestApp,
  REVIEW,
  SLUG,
  SUBMIT,
  totalsOf,
  viewPledge,
} from './pledge-fixtures.ts';
import { seedReport } from './reporting-fixtures.ts';

/**
 * Defect 2 of issue 9: a withdrawn signatory's pledges lapse. Kept in history and shown as LAPSED, out of every
 * total and export of pledges in force, not amendable; validated reports stay in their years; signing again
 * does not revive them (docs/adr/0010-lapsed-pledges.md).
 */
let t: TestApp;
let people: Record<'first' | 'second' | 'third', Person>;
let cookies: Record<'first' | 'second' | 'third' | 'staff', string>;

const WITHDRAW_SIGNATURE =
  'mutation($id: ID!, $reason: String) { withdrawSignature(id: $id, reason: $reason) { id status } }';
const GROUP_TOTALS = `{ alliance(slug: "${SLUG}") { workingGroup(slug: "packaging") {
  pledgeTotals { kind polymer tonnesPerYear pledgeCount } pledges(first: 250) { totalCount } } } }`;
const BY_YEAR = `{ alliance(slug: "${SLUG}") { progress { byYear { year achievedTonnes reportCount } } } }`;
const QUEUE = `{ alliance(slug: "${SLUG}") { pledgeReviewQueue { totalCount items { pledge { id } } } } }`;
const REGISTER = `query($country: CountryCode) { alliance(slug: "${SLUG}") {
  pledges(first: 250, filter: { country: $country, kind: UPTAKE }) { totalCount nodes { id } } } }`;

beforeAll(async () => {
  ({ t, people, cookies } = await pledgeTestApp({ pledgers: ['first', 'second', 'third'] }));
}, 90_000);
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });

async function activeSignatureOf(organisationId: string): Promise<schema.Signature> {
  const [row] = await t.database.db
    .select()
    .from(schema.signature)
    .where(and(eq(schema.signature.organisationId, organisationId), eq(schema.signature.status, 'active')))
    .orderBy(asc(schema.signature.createdAt))
    .limit(1);
  if (!row) throw new Error('no active signature');
  return row;
}

/** A new active signature of the organisation of `withdrawn`, as the secretariat's approval leaves it. */
async function signAgain(withdrawn: schema.Signature): Promise<void> {
  await t.database.db.insert(schema.signature).values({
    allianceId: withdrawn.allianceId,
    declarationVersionId: withdrawn.declarationVersionId,
    organisationId: withdrawn.organisationId,
    signerName: 'Rep',
    signerJobTitle: 'Director',
    status: 'active',
    confirmedAt: new Date(),
    activatedAt: new Date(),
  });
}

/** The organisation's accepted pledges, summed by kind, in kilograms, straight from the table. */
async function acceptedKgOf(organisationId: string) {
  const rows = await t.database.rows<{ kind: string; kg: string; n: number }>(
    sql`select kind::text as kind, (sum(tonnes_per_year) * 1000)::bigint::text as kg, count(*)::int as n
        from pledge where organisation_id = ${organisationId} and status = 'accepted' group by kind`,
  );
  const of = (kind: string) => rows.find((r) => r.kind === kind);
  return {
    supply: BigInt(of('supply')?.kg ?? '0'),
    uptake: BigInt(of('uptake')?.kg ?? '0'),
    count: rows.reduce((n, r) => n + Number(r.n), 0),
  };
}

const view = (id: string, cookie?: string) => viewPledge(t, id, cookie);

/** Rollup rows that count something, in a stable order (tonnes to the kilogram). */
async function rollupRows() {
  return {
    pledged: await t.database.rows(
      sql`select alliance_id, dimension, key, kind, pledge_count, tonnes::text from progress_pledged_rollup
          where pledge_count <> 0 or tonnes <> 0 order by 1, 2, 3, 4`,
    ),
    achieved: await t.database.rows(
      sql`select alliance_id, dimension, year, key, kind, report_count, round(tonnes, 3)::text as tonnes,
            submitted_count, round(submitted_tonnes, 3)::text as submitted_tonnes from progress_achieved_rollup
          where report_count <> 0 or tonnes <> 0 or submitted_count <> 0 or submitted_tonnes <> 0
          order by 1, 2, 3, 4, 5`,
    ),
  };
}

const sumKg = (rows: { tonnesPerYear: string }[]) => rows.reduce((acc, r) => acc + kg(r.tonnesPerYear), 0n);

describe('[PLEDGE LAPSE] a withdrawn signatory’s pledges lapse', () => {
  it('leaves every total, the register and every export; shows LAPSED with its history; refuses amendments', async () => {
    const rep = people.first;
    const cookie = cookies.first;
    const inForce = await acceptedPledge(t, { pledger: cookie, staff: cookies.staff as string }, rep.organisationId, {
      kind: 'UPTAKE',
      tonnesPerYear: '4321.5',
    });
    const underReview = await draft(t, cookie, rep.organisationId, { tonnesPerYear: '77' });
    await ok(t, SUBMIT, { id: underReview.id }, cookie);
    // An amendment being drafted: it must not survive to be accepted later.
    await ok(t, AMEND, { id: inForce.id, pledge: pledgeInput({ kind: 'UPTAKE', tonnesPerYear: '5000' }) }, cookie);
    // A report validated while the organisation was a signatory.
    await seedReport(t, { pledgeId: inForce.id, year: 2022, tonnes: '1111.000' });

    const lapsing = await acceptedKgOf(rep.organisationId);
    const before = await totalsOf(t);
    const groupBefore = await ok<{ alliance: { workingGroup: { pledgeTotals: { tonnesPerYear: string }[] } } }>(
      t,
      GROUP_TOTALS,
      {},
    );
    const [groupLapsing] = await t.database.rows<{ kg: string }>(
      sql`select coalesce(sum(p.tonnes_per_year) * 1000, 0)::bigint::text as kg from pledge p
          join working_group g on g.id = p.working_group_id
          where p.organisation_id = ${rep.organisationId} and p.status = 'accepted' and g.slug = 'packaging'`,
    );
    const byYearBefore = await ok(t, BY_YEAR, {});
    const registerBefore = await ok<{ alliance: { pledges: { nodes: { id: string }[] } } }>(t, REGISTER, {
      country: (
        await t.database.rows<{ country: string }>(
          sql`select country from organisation where id = ${rep.organisationId}`,
        )
      )[0]?.country,
    });
    expect(registerBefore.alliance.pledges.nodes.map((n) => n.id)).toContain(inForce.id);
    const queueBefore = await ok<{ alliance: { pledgeReviewQueue: { items: { pledge: { id: string } }[] } } }>(
      t,
      QUEUE,
      {},
      cookies.staff,
    );
    expect(queueBefore.alliance.pledgeReviewQueue.items.map((i) => i.pledge.id)).toContain(underReview.id);

    const signatureRow = await activeSignatureOf(rep.organisationId);
    await ok(t, WITHDRAW_SIGNATURE, { id: signatureRow.id, reason: 'We closed the plant.' }, cookie);

    // Out of every total.
    const after = await totalsOf(t);
    expect(kg(after.progress.pledgedSupplyTonnes)).toBe(kg(before.progress.pledgedSupplyTonnes) - lapsing.supply);
    expect(kg(after.progress.pledgedUptakeTonnes)).toBe(kg(before.progress.pledgedUptakeTonnes) - lapsing.uptake);
    expect(after.pledges.totalCount).toBe(before.pledges.totalCount - lapsing.count);
    expect(kg(after.pledges.totalTonnes)).toBe(kg(before.pledges.totalTonnes) - lapsing.supply - lapsing.uptake);
    expect(sumKg(after.pledgeTotals)).toBe(sumKg(before.pledgeTotals) - lapsing.supply - lapsing.uptake);
    const groupAfter = await ok<{ alliance: { workingGroup: { pledgeTotals: { tonnesPerYear: string }[] } } }>(
      t,
      GROUP_TOTALS,
      {},
    );
    expect(sumKg(groupAfter.alliance.workingGroup.pledgeTotals)).toBe(
      sumKg(groupBefore.alliance.workingGroup.pledgeTotals) - BigInt(groupLapsing?.kg ?? '0'),
    );

    // Out of the register and every export of pledges in force.
    const [organisationRow] = await t.database.db
      .select({ country: schema.organisation.country })
      .from(schema.organisation)
      .where(eq(schema.organisation.id, rep.organisationId));
    const register = await ok<{ alliance: { pledges: { totalCount: number; nodes: { id: string }[] } } }>(t, REGISTER, {
      country: organisationRow?.country,
    });
    expect(register.alliance.pledges.totalCount).toBeLessThanOrEqual(250);
    expect(register.alliance.pledges.nodes.map((n) => n.id)).not.toContain(inForce.id);
    const json = (await get(`/exports/pledges.json?alliance=${SLUG}`)).json() as { pledge_id: string }[];
    expect(json.map((r) => r.pledge_id)).not.toContain(inForce.id);
    expect(json.some((r) => r.pledge_id === inForce.id)).toBe(false);
    expect((await get(`/exports/pledges.csv?alliance=${SLUG}`)).body).not.toContain(inForce.id);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await get(`/exports/pledges.xlsx?alliance=${SLUG}`)).rawPayload);
    const ids: string[] = [];
    workbook.getWorksheet('Pledges')?.eachRow((row) => ids.push(String(row.getCell(1).value)));
    expect(ids.length).toBeGreaterThan(1);
    expect(ids).not.toContain(inForce.id);

    // Reports already validated stay in their years.
    expect(await ok(t, BY_YEAR, {})).toEqual(byYearBefore);
    // The rollups kept by the triggers are what a rebuild from the pledges and reports gives.
    const kept = await rollupRows();
    await t.database.rows(sql`select progress_rollup_rebuild()`);
    expect(await rollupRows()).toEqual(kept);

    // Shown as lapsed, to the public too (it was in force), with its history.
    const shown = await view(inForce.id);
    expect(shown.errors).toBeUndefined();
    expect(shown.data?.alliance.pledge).toMatchObject({ status: 'LAPSED', tonnesPerYear: '4321.500' });
    expect(shown.data?.alliance.pledge.lapsedAt).not.toBeNull();
    expect(shown.data?.alliance.pledge.versions?.map((v) => v.status)).toEqual(['ACCEPTED']);
    const own = await view(inForce.id, cookie);
    expect(own.data?.alliance.pledge.versions?.map((v) => v.status)).toEqual(['ACCEPTED', 'LAPSED']);
    expect(own.data?.alliance.pledge.openVersion).toBeNull();
    const [event] = await t.database.db
      .select()
      .from(schema.auditEvent)
      .where(and(eq(schema.auditEvent.objectId, inForce.id), eq(schema.auditEvent.action, 'pledge.lapsed')));
    expect(event).toMatchObject({ objectType: 'pledge', before: expect.objectContaining({ status: 'accepted' }) });

    // The pledge under review lapses too and leaves the review queue.
    expect((await view(underReview.id, cookie)).data?.alliance.pledge.status).toBe('LAPSED');
    const queueAfter = await ok<{ alliance: { pledgeReviewQueue: { items: { pledge: { id: string } }[] } } }>(
      t,
      QUEUE,
      {},
      cookies.staff,
    );
    expect(queueAfter.alliance.pledgeReviewQueue.items.map((i) => i.pledge.id)).not.toContain(underReview.id);

    // No amendment, no decision, no change: CONFLICT saying that it lapsed.
    const amended = await t.graphql(AMEND, { id: inForce.id, pledge: pledgeInput() }, { cookie });
    expect(amended.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(amended.errors?.[0]?.message).toMatch(/lapsed/);
    const reviewed = await t.graphql(REVIEW, { id: underReview.id, decision: 'ACCEPT' }, { cookie: cookies.staff });
    expect(reviewed.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(reviewed.errors?.[0]?.message).toMatch(/lapsed/);
  });

  it('is not revived by signing again; the organisation pledges anew', async () => {
    const rep = people.second;
    const cookie = cookies.second;
    const inForce = await acceptedPledge(t, { pledger: cookie, staff: cookies.staff as string }, rep.organisationId);
    const signatureRow = await activeSignatureOf(rep.organisationId);
    await ok(t, WITHDRAW_SIGNATURE, { id: signatureRow.id }, cookie);
    const lapsedTotals = await totalsOf(t);

    // Signs again.
    await signAgain(signatureRow);
    expect((await view(inForce.id)).data?.alliance.pledge.status).toBe('LAPSED');
    expect(await totalsOf(t)).toEqual(lapsedTotals);
    const again = await t.graphql(AMEND, { id: inForce.id, pledge: pledgeInput() }, { cookie });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const anew = await acceptedPledge(t, { pledger: cookie, staff: cookies.staff as string }, rep.organisationId);
    expect(anew.status).toBe('ACCEPTED');
  });

  it('ends a review racing the withdrawal of the signature in a lapsed pledge, on both databases', async () => {
    const rep = people.third;
    const cookie = cookies.third;
    for (let round = 0; round < 4; round++) {
      const drafted = await draft(t, cookie, rep.organisationId, { tonnesPerYear: '999' });
      await ok(t, SUBMIT, { id: drafted.id }, cookie);
      const signatureRow = await activeSignatureOf(rep.organisationId);
      const before = await totalsOf(t);
      const [review, withdrawal] = await Promise.all([
        t.graphql(REVIEW, { id: drafted.id, decision: 'ACCEPT' }, { cookie: cookies.staff }),
        t.graphql(WITHDRAW_SIGNATURE, { id: signatureRow.id }, { cookie }),
      ]);
      expect(withdrawal.errors).toBeUndefined();
      expect(['OK', 'CONFLICT']).toContain(review.errors?.[0]?.extensions?.code ?? 'OK');
      if (review.errors) expect(review.errors[0]?.message).toMatch(/lapsed/);
      expect((await view(drafted.id, cookie)).data?.alliance.pledge.status).toBe('LAPSED');
      const after = await totalsOf(t);
      expect(after.progress).toEqual(before.progress);
      expect(after.pledges.totalCount).toBe(before.pledges.totalCount);
      // Signs again for the next round.
      await signAgain(signatureRow);
    }
  });
});
