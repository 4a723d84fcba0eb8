import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALLIANCE,
  APPOINT,
  allianceInput,
  auditOf,
  CHANGE_TARGET,
  CREATE,
  ok,
  REMOVE,
  refusal,
  setUpRows,
  signInAsAdministrator,
  UPDATE,
} from './alliance-fixtures.ts';
import { buildTestApp, type TestApp } from './helper.ts';
import { mailbox, signIn, waitForMail } from './journey.ts';
import { pledgers, SECRETARIAT, SLUG } from './pledge-fixtures.ts';

interface AllianceView {
  id: string;
  slug: string;
  name: string;
  languages: string[];
  contactEmail: string | null;
  signingWindow: { opensOn: string | null; closesOn: string | null; isOpen: boolean; state: string };
  target: { tonnes: string; flow: string; year: number; baselineYear: number; baselineTonnes: string | null };
  targetHistory: { target: AllianceView['target']; appliesFrom: string; replacedOn: string | null }[];
  secretariatMembers?: { id: string; email: string }[] | null;
}

const today = () => new Date().toISOString().slice(0, 10);

let t: TestApp;
let admin: string;
let demoSecretariat: string;
let representative: string;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await signInAsAdministrator(t);
  demoSecretariat = await signIn(t, SECRETARIAT);
  const [rep] = await pledgers(t, 1);
  representative = await signIn(t, rep?.email ?? '');
}, 60_000);
afterAll(() => t?.close());

describe('[ALLIANCE] a platform administrator sets up an alliance', () => {
  it('creates it with its target, window, languages and first secretariat, each recorded; the public sees it', async () => {
    const { createAlliance: created } = await ok<{ createAlliance: AllianceView }>(
      t,
      CREATE,
      { input: allianceInput() },
      admin,
    );
    expect(created).toMatchObject({
      slug: 'circular-textiles',
      name: 'Circular Textiles Alliance',
      contactEmail: 'secretariat@textiles.example',
      languages: ['en', 'fr', 'de'],
      signingWindow: { opensOn: '2026-01-01', closesOn: null },
      target: { tonnes: '1500000.000', flow: 'UPTAKE', year: 2030, baselineYear: 2020, baselineTonnes: '250000.500' },
      targetHistory: [
        {
          target: { tonnes: '1500000.000', flow: 'UPTAKE', year: 2030 },
          appliesFrom: today(),
          replacedOn: null,
        },
      ],
    });

    const seen = await ok<{ alliance: AllianceView }>(t, ALLIANCE, { slug: 'circular-textiles' });
    expect(seen.alliance).toMatchObject({ id: created.id, secretariatMembers: null });
    const all = await ok<{ alliances: { totalCount: number; nodes: { slug: string }[] } }>(
      t,
      '{ alliances { totalCount nodes { slug } } }',
      {},
    );
    expect(all.alliances.nodes.map((a) => a.slug)).toEqual(['circular-plastics', 'circular-textiles'].sort());

    const events = await auditOf(t, created.id);
    expect(events.map((e) => e.action)).toEqual([
      'alliance.created',
      'alliance.secretariat_member_appointed',
      'alliance.secretariat_member_appointed',
    ]);
    expect(events[0]?.after).toMatchObject({ slug: 'circular-textiles', target: { tonnes: '1500000.000' } });
    // Who was appointed is personal data: in the events' erasable part, not in their chained content.
    expect(JSON.stringify(events)).not.toContain('anna@textiles.example');

    // A first member, new to Concord, signs in and runs the alliance: their secretariat, not the demo one.
    const anna = await signIn(t, 'anna@textiles.example');
    const members = await ok<{ alliance: AllianceView }>(t, ALLIANCE, { slug: 'circular-textiles' }, anna);
    expect(members.alliance.secretariatMembers?.map((m) => m.email)).toEqual([
      'anna@textiles.example',
      'ben@textiles.example',
    ]);
    const renamed = await ok<{ updateAlliance: AllianceView }>(
      t,
      UPDATE,
      { slug: 'circular-textiles', input: { name: 'Circular Textiles Alliance (EU)' } },
      anna,
    );
    expect(renamed.updateAlliance.name).toBe('Circular Textiles Alliance (EU)');
    expect(await refusal(t, UPDATE, { slug: SLUG, input: { name: 'Taken over' } }, anna)).toMatchObject({
      code: 'FORBIDDEN',
    });
    const demo = await ok<{ alliance: AllianceView }>(t, ALLIANCE, { slug: 'circular-textiles' }, demoSecretariat);
    expect(demo.alliance.secretariatMembers).toBeNull();
  });

  it('lets only a platform administrator create one, and the public is asked to sign in; nothing is written', async () => {
    const before = await setUpRows(t);
    const input = allianceInput({ slug: 'refused-alliance' });
    expect(await refusal(t, CREATE, { input })).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await refusal(t, CREATE, { input }, representative)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(t, CREATE, { input }, demoSecretariat)).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Only a platform administrator may set up an alliance.',
    });
    expect(await setUpRows(t)).toEqual(before);
  });

  it.each([
    ['a slug with capitals', { slug: 'Circular Glass' }, 'input.slug'],
    ['a slug the portal uses', { slug: 'new' }, 'input.slug'],
    ['an empty name', { name: '  ' }, 'input.name'],
    ['a name with a direction override', { name: 'Glass \u202eecnaillA' }, 'input.name'],
    ['an empty purpose', { purpose: '' }, 'input.purpose'],
    ['a contact that is no address', { contactEmail: 'the secretariat' }, 'input.contactEmail'],
    [
      'a target of nothing',
      { target: { tonnes: '0', flow: 'SUPPLY', year: 2030, baselineYear: 2020 } },
      'input.target.tonnes',
    ],
    [
      'a target in grams',
      { target: { tonnes: '1.0005', flow: 'SUPPLY', year: 2030, baselineYear: 2020 } },
      'input.target.tonnes',
    ],
    [
      'a target year of 1999',
      { target: { tonnes: '1', flow: 'SUPPLY', year: 1999, baselineYear: 1990 } },
      'input.target.year',
    ],
    [
      'a baseline after the target',
      { target: { tonnes: '1', flow: 'SUPPLY', year: 2030, baselineYear: 2031 } },
      'input.target.baselineYear',
    ],
    [
      'a negative baseline',
      { target: { tonnes: '1', flow: 'SUPPLY', year: 2030, baselineYear: 2020, baselineTonnes: '-1' } },
      'input.target.baselineTonnes',
    ],
    [
      'a window closing before it opens',
      { signingWindow: { opensOn: '2026-02-01', closesOn: '2026-01-31' } },
      'input.signingWindow.closesOn',
    ],
    ['no language', { languages: [] }, 'input.languages'],
    ['a language that is not the EU’s', { languages: ['en', 'tlh'] }, 'input.languages[1]'],
    ['a language twice', { languages: ['fr', 'fr'] }, 'input.languages[1]'],
    ['no secretariat', { secretariatEmails: [] }, 'input.secretariatEmails'],
    [
      'a secretariat member without an address',
      { secretariatEmails: ['a@glass.example', 'b at glass'] },
      'input.secretariatEmails[1]',
    ],
  ])('refuses %s on its field, writing nothing', async (_label, overrides, field) => {
    const before = await setUpRows(t);
    const input = allianceInput({ slug: 'circular-glass', ...overrides });
    expect(await refusal(t, CREATE, { input }, admin)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await setUpRows(t)).toEqual(before);
  });

  it('ends in one alliance and a CONFLICT on input.slug when two administrators take the same slug at once', async () => {
    const second = await signInAsAdministrator(t, 'second.admin@concord.example');
    const before = await setUpRows(t);
    const results = await Promise.all(
      [admin, second].map((cookie, i) =>
        t.graphql(CREATE, { input: allianceInput({ slug: 'circular-paper', name: `Paper ${i}` }) }, { cookie }),
      ),
    );
    const refused = results.filter((r) => r.errors);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(refused.map((r) => r.errors?.[0]?.extensions)).toEqual([{ code: 'CONFLICT', field: 'input.slug' }]);
    expect(refused[0]?.errors?.[0]?.message).toBe('An alliance already has the slug "circular-paper"; choose another.');
    expect(results.every((r) => r.statusCode === 200)).toBe(true);
    const after = await setUpRows(t);
    expect(after?.alliances).toBe((before?.alliances ?? 0) + 1);
    // The existing slug again, later: the same answer.
    expect(await refusal(t, CREATE, { input: allianceInput({ slug: SLUG }) }, admin)).toMatchObject({
      code: 'CONFLICT',
      field: 'input.slug',
    });
  });
});

describe('[ALLIANCE] the secretariat edits its alliance', () => {
  it('changes the fields given, in one audit event of what they were and are; the same values again record nothing', async () => {
    const { id } = (await ok<{ alliance: AllianceView }>(t, ALLIANCE, { slug: SLUG })).alliance;
    const before = (await auditOf(t, id)).length;
    const input = {
      purpose: 'The demo alliance, edited.',
      languages: ['en', 'nl'],
      contactEmail: 'cpa@concord.example',
      signingWindow: { opensOn: '2019-09-20', closesOn: '2099-12-31' },
    };
    const { updateAlliance } = await ok<{ updateAlliance: AllianceView }>(
      t,
      UPDATE,
      { slug: SLUG, input },
      demoSecretariat,
    );
    expect(updateAlliance).toMatchObject({
      languages: ['en', 'nl'],
      contactEmail: 'cpa@concord.example',
      signingWindow: { opensOn: '2019-09-20', closesOn: '2099-12-31', isOpen: true, state: 'OPEN' },
    });
    const events = (await auditOf(t, id)).slice(before);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'alliance.updated',
      before: { languages: ['en', 'fr', 'de'], signingClosesOn: null, contactEmail: 'secretariat@concord.example' },
      after: { languages: ['en', 'nl'], signingClosesOn: '2099-12-31', contactEmail: 'cpa@concord.example' },
    });
    expect(Object.keys(events[0]?.after as object).sort()).toEqual(
      ['contactEmail', 'languages', 'purpose', 'signingClosesOn'].sort(),
    );
    await ok(t, UPDATE, { slug: SLUG, input }, demoSecretariat);
    expect(await auditOf(t, id)).toHaveLength(before + 1);
    await ok(t, UPDATE, { slug: SLUG, input: { signingWindow: { opensOn: '2019-09-20' } } }, demoSecretariat);
  });

  it('refuses a required setting set to null, or another alliance’s secretariat, on its field and writing nothing', async () => {
    const before = await setUpRows(t);
    expect(await refusal(t, UPDATE, { slug: SLUG, input: { name: null } }, demoSecretariat)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.name',
    });
    expect(await refusal(t, UPDATE, { slug: SLUG, input: { languages: null } }, demoSecretariat)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.languages',
    });
    expect(await refusal(t, UPDATE, { slug: SLUG, input: { name: 'X' } }, representative)).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await refusal(t, UPDATE, { slug: 'no-such-alliance', input: { name: 'X' } }, admin)).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await setUpRows(t)).toEqual(before);
  });

  it('changes the target and keeps the one it replaced, dated; progress is measured against the new one', async () => {
    const { id } = (await ok<{ alliance: AllianceView }>(t, ALLIANCE, { slug: SLUG })).alliance;
    const target = { tonnes: '12000000', flow: 'UPTAKE', year: 2030, baselineYear: 2016, baselineTonnes: '4000000' };
    expect(
      await refusal(t, CHANGE_TARGET, { slug: SLUG, target, appliesFrom: '2999-01-01' }, demoSecretariat),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'appliesFrom' });
    expect(
      await refusal(t, CHANGE_TARGET, { slug: SLUG, target, appliesFrom: '2018-01-01' }, demoSecretariat),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'appliesFrom', message: expect.stringMatching(/2018-12-11/) });
    expect(
      await refusal(t, CHANGE_TARGET, { slug: SLUG, target: { ...target, year: 2010 } }, demoSecretariat),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'target.baselineYear' });
    expect(await refusal(t, CHANGE_TARGET, { slug: SLUG, target }, representative)).toMatchObject({
      code: 'FORBIDDEN',
    });

    const { changeAllianceTarget } = await ok<{ changeAllianceTarget: AllianceView }>(
      t,
      CHANGE_TARGET,
      { slug: SLUG, target, appliesFrom: '2024-01-01' },
      demoSecretariat,
    );
    expect(changeAllianceTarget.target).toEqual({
      tonnes: '12000000.000',
      flow: 'UPTAKE',
      year: 2030,
      baselineYear: 2016,
      baselineTonnes: '4000000.000',
    });
    expect(changeAllianceTarget.targetHistory).toEqual([
      {
        target: {
          tonnes: '10000000.000',
          flow: 'UPTAKE',
          year: 2025,
          baselineYear: 2016,
          baselineTonnes: '4000000.000',
        },
        appliesFrom: '2018-12-11',
        replacedOn: '2024-01-01',
      },
      { target: changeAllianceTarget.target, appliesFrom: '2024-01-01', replacedOn: null },
    ]);
    const progress = await ok<{ alliance: { progress: { targetTonnes: string } } }>(
      t,
      `{ alliance(slug: "${SLUG}") { progress { targetTonnes } } }`,
      {},
    );
    expect(progress.alliance.progress.targetTonnes).toBe('12000000.000');
    const [event] = (await auditOf(t, id)).filter((e) => e.action === 'alliance.target_changed');
    expect(event).toMatchObject({
      before: { target: { tonnes: '10000000.000', year: 2025, appliesFrom: '2018-12-11' } },
      after: { target: { tonnes: '12000000.000', year: 2030, appliesFrom: '2024-01-01' } },
    });
  });

  it('appoints and removes secretariat members, never the last one', async () => {
    await ok(
      t,
      CREATE,
      { input: allianceInput({ slug: 'circular-wood', secretariatEmails: ['wood@wood.example'] }) },
      admin,
    );
    const wood = await signIn(t, 'wood@wood.example');
    const { appointSecretariatMember } = await ok<{ appointSecretariatMember: AllianceView }>(
      t,
      APPOINT,
      { slug: 'circular-wood', email: 'Second@Wood.example' },
      wood,
    );
    const members = appointSecretariatMember.secretariatMembers ?? [];
    expect(members.map((m) => m.email)).toEqual(['Second@Wood.example', 'wood@wood.example']);
    // Each person appointed is told by e-mail where to start: at the alliance's creation, and when appointed later.
    for (const address of ['wood@wood.example', 'Second@Wood.example']) {
      const told = await waitForMail(t, address, /^You are now in the secretariat of the Circular Textiles Alliance$/);
      expect(told.text).toContain('/alliances/circular-wood/settings');
    }
    // Appointing the same person again changes nothing.
    const rows = await setUpRows(t);
    await ok(t, APPOINT, { slug: 'circular-wood', email: 'second@wood.example' }, wood);
    expect(await setUpRows(t)).toEqual(rows);
    expect(await refusal(t, APPOINT, { slug: 'circular-wood', email: 'x@y.example' }, demoSecretariat)).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await refusal(t, APPOINT, { slug: 'circular-wood', email: 'not an address' }, wood)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'email',
    });

    const second = members.find((m) => m.email === 'Second@Wood.example');
    const self = members.find((m) => m.email === 'wood@wood.example');
    const { removeSecretariatMember } = await ok<{ removeSecretariatMember: AllianceView }>(
      t,
      REMOVE,
      { slug: 'circular-wood', personId: second?.id },
      wood,
    );
    expect(removeSecretariatMember.secretariatMembers?.map((m) => m.email)).toEqual(['wood@wood.example']);
    expect(await refusal(t, REMOVE, { slug: 'circular-wood', personId: self?.id }, wood)).toMatchObject({
      code: 'CONFLICT',
      message: 'This is the last member of the secretariat; appoint another before removing them.',
    });
    expect(await refusal(t, REMOVE, { slug: 'circular-wood', personId: second?.id }, wood)).toMatchObject({
      code: 'NOT_FOUND',
      field: 'personId',
    });
    const { id } = (await ok<{ alliance: AllianceView }>(t, ALLIANCE, { slug: 'circular-wood' })).alliance;
    expect((await auditOf(t, id)).map((e) => e.action)).toEqual([
      'alliance.created',
      'alliance.secretariat_member_appointed',
      'alliance.secretariat_member_appointed',
      'alliance.secretariat_member_removed',
    ]);
  });
});

describe('[ALLIANCE] reading many alliances', () => {
  it('costs the same number of SQL statements with two more alliances (targets, versions, drafts, secretariat)', async () => {
    const LIST = `{ alliances { nodes { slug signingWindow { isOpen } targetHistory { appliesFrom }
      declarationVersions { version } declarationDraft { version } secretariatMembers { email } } } }`;
    const statements = async () => {
      t.resetQueryCount();
      const res = await t.graphql<{ alliances: { nodes: unknown[] } }>(LIST, {}, { cookie: admin });
      expect(res.errors).toBeUndefined();
      return { alliances: res.data?.alliances.nodes.length ?? 0, statements: t.queryCount() };
    };
    const before = await statements();
    const told = async (to: string) => (await mailbox(t, to)).filter((m) => /secretariat/.test(m.subject)).length;
    const appointed = ['anna@textiles.example', 'ben@textiles.example'];
    const toldBefore = await Promise.all(appointed.map(told));
    for (const slug of ['circular-glass-a', 'circular-glass-b']) {
      await ok(t, CREATE, { input: allianceInput({ slug }) }, admin);
    }
    // The appointed are e-mailed in the background: counted once sent, so that the worker's statements stay out.
    for (const [i, to] of appointed.entries()) await waitForMail(t, to, /secretariat/, (toldBefore[i] ?? 0) + 2);
    const after = await statements();
    expect(after.alliances).toBe(before.alliances + 2);
    expect(after.statements).toBe(before.statements);
  });
});
