import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.ts';
import { signIn } from './journey.ts';

/** A person's time zone, in which their meeting invitations are written: theirs, or the alliance's. */

const SET = 'mutation($tz: String) { setMyTimeZone(timeZone: $tz) { timeZone } }';

let t: TestApp;
let cookie = '';
beforeAll(async () => {
  t = await buildTestApp();
  cookie = await signIn(t, 'zone-keeper@example.org');
}, 120_000);
afterAll(() => t?.close());

describe('[MEETINGS] a person’s time zone', () => {
  it('is none at first, is saved in its canonical spelling, refused by name when unknown, and cleared with null', async () => {
    const me = await t.graphql<{ me: { timeZone: string | null } }>('{ me { timeZone } }', {}, { cookie });
    expect(me.data?.me.timeZone).toBeNull();
    const set = await t.graphql<{ setMyTimeZone: { timeZone: string } }>(SET, { tz: 'america/new_york' }, { cookie });
    expect(set.data?.setMyTimeZone.timeZone).toBe('America/New_York');
    for (const tz of ['Mars/Olympus_Mons', '+02:00', 'CET1', 'x'.repeat(65)]) {
      const res = await t.graphql(SET, { tz }, { cookie });
      expect(res.errors?.[0]?.extensions, tz).toMatchObject({ code: 'BAD_USER_INPUT', field: 'timeZone' });
    }
    const cleared = await t.graphql<{ setMyTimeZone: { timeZone: null } }>(SET, { tz: null }, { cookie });
    expect(cleared.data?.setMyTimeZone.timeZone).toBeNull();
    const anonymous = await t.graphql(SET, { tz: 'Europe/Paris' });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
