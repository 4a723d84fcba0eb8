import { schema } from '@concord/db';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tonnesToKg } from '../src/modules/progress/decimal.ts';
import { allianceInput, CREATE, ok, refusal, signInAsAdministrator } from './alliance-fixtures.ts';
import { buildTestApp, type TestApp } from './helper.ts';
import { signIn } from './journey.ts';
import { pledgers, SECRETARIAT, SLUG } from './pledge-fixtures.ts';

/**
 * Issue 11, setting up an alliance: a target that counts both flows (the lesser of supply and uptake is the
 * headline, docs/adr/0034-a-target-of-both-flows.md), and sub-targets the secretariat adds, changes and removes.
 */

const TARGET = `target { tonnes counts flow year baselineYear baselineTonnes }`;
const CHANGE_TARGET = `mutation($slug: String!, $target: TargetInput!) {
  changeAllianceTarget(slug: $slug, target: $target) { ${TARGET} targetHistory { target { counts } } } }`;
const PROGRESS = `query($slug: String!) { alliance(slug: $slug) { ${TARGET}
  progress { year countedFlow achievedTonnes share
    byYear { year countedFlow achievedTonnes share reportCount }
    breakdown(by: KIND) { key achievedTonnes achievedSupplyTonnes achievedUptakeTonnes }
    polymers: breakdown(by: POLYMER) { key achievedTonnes } }
  subTargets { id label polymer sector tonnes year progress { year pledgedTonnes achievedTonnes share } } } }`;
const SUB_TARGET = 'id label polymer sector tonnes year';
const ADD = `mutation($slug: String!, $input: SubTargetInput!) { addSubTarget(slug: $slug, input: $input) { ${SUB_TARGET} } }`;
const CHANGE = `mutation($id: ID!, $input: SubTargetInput!) { changeSubTarget(id: $id, input: $input) { ${SUB_TARGET} } }`;
const REMOVE = `mutation($id: ID!) { removeSubTarget(id: $id) { subTargets { ${SUB_TARGET} } } }`;

interface YearView {
  year: number;
  countedFlow: string;
  achievedTonnes: string;
  share: string;
  reportCount: number;
}
interface ProgressView {
  alliance: {
    target: { counts: string; flow: string };
    progress: {
      year: number | null;
      countedFlow: string;
      achievedTonnes: string;
      share: string;
      byYear: YearView[];
      breakdown: { key: string; achievedTonnes: string; achievedSupplyTonnes: string; achievedUptakeTonnes: string }[];
      polymers: { key: string; achievedTonnes: string }[];
    };
    subTargets: { label: string; progress: { pledgedTonnes: string; achievedTonnes: string; share: string } }[];
  };
}

const demoTarget = { tonnes: '10000000', year: 2025, baselineYear: 2016, baselineTonnes: '4000000' };
const lesser = (a: string, b: string) => (tonnesToKg(a) < tonnesToKg(b) ? a : b);
const sum = (list: string[]) => list.reduce((total, tonnes) => total + tonnesToKg(tonnes), 0n);

let t: TestApp;
let secretariat: string;
let representative: string;
let otherSecretariat: string;
let admin: string;
beforeAll(async () => {
  t = await buildTestApp();
  secretariat = await signIn(t, SECRETARIAT);
  const [rep] = await pledgers(t, 1);
  representative = await signIn(t, rep?.email ?? '');
  admin = await signInAsAdministrator(t);
  await ok(t, CREATE, { input: allianceInput({ secretariatEmails: ['other@textiles.example'] }) }, admin);
  otherSecretariat = await signIn(t, 'other@textiles.example');
}, 60_000);
afterAll(() => t?.close());

async function progressCounting(counts: string): Promise<ProgressView['alliance']> {
  await ok(t, CHANGE_TARGET, { slug: SLUG, target: { ...demoTarget, counts } }, secretariat);
  return (await ok<ProgressView>(t, PROGRESS, { slug: SLUG })).alliance;
}

const rows = async () => {
  const [row] = await t.database.rows<Record<string, number>>(sql`select
    (select count(*)::int from alliance_sub_target) as sub_targets,
    (select count(*)::int from alliance_target_history) as targets,
    (select count(*)::int from audit_event) as events`);
  return row;
};

describe('[TARGET] a target that counts both flows', () => {
  it('measures supply and uptake each against the target and counts the lesser, year by year', async () => {
    const supply = await progressCounting('SUPPLY');
    const uptake = await progressCounting('UPTAKE');
    const both = await progressCounting('BOTH');
    expect(both.target).toMatchObject({ counts: 'BOTH', flow: 'UPTAKE' });
    expect(supply.target).toMatchObject({ counts: 'SUPPLY', flow: 'SUPPLY' });
    const { progress } = both;
    expect(progress.year).not.toBeNull();
    // The demo achieves both flows in its headline year, and not the same tonnes: the test can tell them apart.
    expect(supply.progress.achievedTonnes).not.toBe(uptake.progress.achievedTonnes);
    expect(tonnesToKg(uptake.progress.achievedTonnes)).toBeGreaterThan(0n);
    const least = lesser(supply.progress.achievedTonnes, uptake.progress.achievedTonnes);
    expect(progress.achievedTonnes).toBe(least);
    expect(progress.countedFlow).toBe(least === supply.progress.achievedTonnes ? 'SUPPLY' : 'UPTAKE');
    expect(progress.share).toBe(
      least === supply.progress.achievedTonnes ? supply.progress.share : uptake.progress.share,
    );
    // Never their sum: a tonne supplied and then used would count twice.
    expect(tonnesToKg(progress.achievedTonnes)).toBeLessThan(
      sum([supply.progress.achievedTonnes, uptake.progress.achievedTonnes]),
    );
    // Every year: the lesser of the two that year, and which one it was.
    const yearOf = (list: YearView[], year: number) => list.find((y) => y.year === year);
    for (const year of progress.byYear) {
      const s = yearOf(supply.progress.byYear, year.year)?.achievedTonnes ?? '0.000';
      const u = yearOf(uptake.progress.byYear, year.year)?.achievedTonnes ?? '0.000';
      expect(year.achievedTonnes, String(year.year)).toBe(lesser(s, u));
      expect(year.countedFlow).toBe(tonnesToKg(s) < tonnesToKg(u) ? 'SUPPLY' : 'UPTAKE');
    }
    expect(progress.byYear.map((y) => y.year)).toEqual(
      [...new Set([...supply.progress.byYear, ...uptake.progress.byYear].map((y) => y.year))].sort(),
    );
    // The breakdowns show the counted flow's figures, so their rows still add up to the headline.
    const kind = Object.fromEntries(progress.breakdown.map((r) => [r.key, r]));
    expect(kind[progress.countedFlow]?.achievedTonnes).toBe(progress.achievedTonnes);
    expect(sum(progress.polymers.map((r) => r.achievedTonnes))).toBe(tonnesToKg(progress.achievedTonnes));
    // A sub-target of a target of both: each of its figures is the lesser of the two flows'.
    for (const [index, sub] of both.subTargets.entries()) {
      const s = supply.subTargets[index]?.progress;
      const u = uptake.subTargets[index]?.progress;
      expect(sub.progress.pledgedTonnes, sub.label).toBe(lesser(s?.pledgedTonnes ?? '', u?.pledgedTonnes ?? ''));
      expect(sub.progress.achievedTonnes, sub.label).toBe(lesser(s?.achievedTonnes ?? '', u?.achievedTonnes ?? ''));
    }
    // The history keeps what each earlier target counted.
    const history = await ok<{ alliance: { targetHistory: { target: { counts: string } }[] } }>(
      t,
      `query($slug: String!) { alliance(slug: $slug) { targetHistory { target { counts } } } }`,
      { slug: SLUG },
    );
    expect(history.alliance.targetHistory.slice(-3).map((p) => p.target.counts)).toEqual(['SUPPLY', 'UPTAKE', 'BOTH']);
  });

  it('takes the deprecated flow alone as before, and refuses neither or a disagreement on target.counts', async () => {
    await ok(t, CHANGE_TARGET, { slug: SLUG, target: { ...demoTarget, flow: 'SUPPLY' } }, secretariat);
    expect((await ok<ProgressView>(t, PROGRESS, { slug: SLUG })).alliance.target.counts).toBe('SUPPLY');
    const before = await rows();
    expect(await refusal(t, CHANGE_TARGET, { slug: SLUG, target: demoTarget }, secretariat)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'target.counts',
    });
    expect(
      await refusal(
        t,
        CHANGE_TARGET,
        { slug: SLUG, target: { ...demoTarget, counts: 'BOTH', flow: 'UPTAKE' } },
        secretariat,
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'target.counts' });
    expect(await rows()).toEqual(before);
    // Setting up an alliance of both flows.
    const { createAlliance } = await ok<{ createAlliance: { target: { counts: string } } }>(
      t,
      `mutation($input: CreateAllianceInput!) { createAlliance(input: $input) { target { counts } } }`,
      {
        input: allianceInput({
          slug: 'circular-both',
          target: { tonnes: '1000', counts: 'BOTH', year: 2030, baselineYear: 2020 },
        }),
      },
      admin,
    );
    expect(createAlliance.target.counts).toBe('BOTH');
  });
});

describe('[TARGET] the secretariat manages sub-targets', () => {
  const input = { label: 'Recycled PP in cars', polymer: 'PP', sector: 'AUTOMOTIVE', tonnes: '120000.5', year: 2030 };

  it('adds, changes and removes one, each with an audit event keeping what it was', async () => {
    const { addSubTarget: added } = await ok<{ addSubTarget: { id: string } }>(
      t,
      ADD,
      { slug: SLUG, input },
      secretariat,
    );
    expect(added).toMatchObject({ ...input, tonnes: '120000.500' });
    const { changeSubTarget: changed } = await ok<{ changeSubTarget: unknown }>(
      t,
      CHANGE,
      { id: added.id, input: { ...input, label: 'Recycled polymers in cars', polymer: null, tonnes: '200000' } },
      secretariat,
    );
    expect(changed).toMatchObject({
      id: added.id,
      label: 'Recycled polymers in cars',
      polymer: null,
      tonnes: '200000.000',
    });
    const { removeSubTarget } = await ok<{ removeSubTarget: { subTargets: { id: string }[] } }>(
      t,
      REMOVE,
      { id: added.id },
      secretariat,
    );
    expect(removeSubTarget.subTargets.map((s) => s.id)).not.toContain(added.id);
    const events = await t.database.db
      .select()
      .from(schema.auditEvent)
      .where(eq(schema.auditEvent.objectId, added.id))
      .orderBy(asc(schema.auditEvent.seq));
    expect(events.map((e) => [e.action, e.objectType])).toEqual([
      ['alliance.sub_target_added', 'alliance_sub_target'],
      ['alliance.sub_target_changed', 'alliance_sub_target'],
      ['alliance.sub_target_removed', 'alliance_sub_target'],
    ]);
    expect(events[1]?.before).toMatchObject({ label: 'Recycled PP in cars', polymer: 'PP', tonnes: '120000.500' });
    expect(events[1]?.after).toMatchObject({ label: 'Recycled polymers in cars', polymer: null, sector: 'automotive' });
    expect(events[2]?.before).toMatchObject({ label: 'Recycled polymers in cars', tonnes: '200000.000', year: 2030 });
  });

  it('refuses bad input on its field, a label taken, and anyone but the secretariat, writing nothing', async () => {
    const { addSubTarget: kept } = await ok<{ addSubTarget: { id: string } }>(
      t,
      ADD,
      { slug: SLUG, input: { ...input, label: 'Kept' } },
      secretariat,
    );
    const before = await rows();
    const bad: [Record<string, unknown>, string][] = [
      [{ label: '   ' }, 'input.label'],
      [{ label: 'x'.repeat(201) }, 'input.label'],
      [{ polymer: null, sector: null }, 'input.polymer'],
      [{ tonnes: '0' }, 'input.tonnes'],
      [{ tonnes: '1.0005' }, 'input.tonnes'],
      [{ year: 1999 }, 'input.year'],
    ];
    for (const [change, field] of bad) {
      expect(await refusal(t, ADD, { slug: SLUG, input: { ...input, ...change } }, secretariat), field).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
      });
      expect(
        await refusal(t, CHANGE, { id: kept.id, input: { ...input, ...change } }, secretariat),
        field,
      ).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    // A label the alliance has already.
    expect(await refusal(t, ADD, { slug: SLUG, input: { ...input, label: 'Kept' } }, secretariat)).toMatchObject({
      code: 'CONFLICT',
      field: 'input.label',
    });
    // Rights: the public, a representative, another alliance's secretariat.
    for (const [cookie, code] of [
      [undefined, 'UNAUTHENTICATED'],
      [representative, 'FORBIDDEN'],
      [otherSecretariat, 'FORBIDDEN'],
    ] as const) {
      expect(await refusal(t, ADD, { slug: SLUG, input }, cookie)).toMatchObject({ code });
      expect(await refusal(t, CHANGE, { id: kept.id, input }, cookie)).toMatchObject({ code });
      expect(await refusal(t, REMOVE, { id: kept.id }, cookie)).toMatchObject({ code });
    }
    // A sub-target that is not there.
    for (const id of ['00000000-0000-7000-8000-000000000000', 'not-an-id']) {
      expect(await refusal(t, REMOVE, { id }, secretariat)).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
      expect(await refusal(t, CHANGE, { id, input }, secretariat)).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    }
    expect(await rows()).toEqual(before);
    // A platform administrator may, as for every change of an alliance.
    await ok(t, REMOVE, { id: kept.id }, admin);
  });

  it('adds one of two labelled alike at once, and refuses the other', async () => {
    const label = 'Raced';
    const results = await Promise.all(
      [0, 1].map(() => t.graphql(ADD, { slug: SLUG, input: { ...input, label } }, { cookie: secretariat })),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.flatMap((r) => r.errors ?? []).map((e) => e.extensions?.code)).toEqual(['CONFLICT']);
    const [row] = await t.database.rows<{ n: number }>(
      sql`select count(*)::int as n from alliance_sub_target where label = ${label}`,
    );
    expect(row?.n).toBe(1);
  });
});
