import { schema } from '@concord/db';
import { PRIVACY_NOTICE_VERSION } from '@concord/schema/values';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notPersonal, personalDataSections } from '../src/modules/personal-data/personal-data-inventory.ts';
import { buildTestApp, type TestApp } from './helper.ts';
import { signIn, waitFor } from './journey.ts';
import { richSubject, SECRETARIAT_EMAIL, type Subject, signInAccepting } from './personal-data-fixtures.ts';
import { ok, type Person, pledgers } from './pledge-fixtures.ts';

const MINE = '{ myPersonalData }';
const OF = 'query($id: ID!) { personalData(personId: $id) }';
const BY_EMAIL = 'query($email: String!) { personByEmail(email: $email) { id email } }';

interface Export {
  format: string;
  personId: string;
  privacyNotice: { currentVersion: string };
  sections: Record<string, Record<string, unknown>[]>;
}

/**
 * Column names that suggest personal data. With every column that points at a person (a foreign key to person),
 * what the inventory must account for: a column added later that matches is a failing test until someone decides.
 */
const LOOKS_PERSONAL =
  '(email|name|title|job|reason|comment|question|answer|recipient|user_agent|requested_by|auditor|^text$|^html$|^headers$|^subject$|^data$|salt|token|error|message)';

let t: TestApp;
let staff: string;
let subject: Subject;
let other: Person;

beforeAll(async () => {
  t = await buildTestApp();
  staff = await signIn(t, SECRETARIAT_EMAIL);
  subject = await richSubject(t, staff, 'export');
  [other] = (await pledgers(t, 1)) as [Person];
}, 120_000);
afterAll(() => t.close());

describe('[PERSONAL DATA] the inventory of what Concord holds about a person', () => {
  it('accounts for every column that looks personal or points at a person: exported, or not personal and why', async () => {
    const candidates = await t.database.rows<{ column: string }>(sql`
      select c.table_name || '.' || c.column_name as column from information_schema.columns c
      where c.table_schema = 'public' and c.column_name ~ ${LOOKS_PERSONAL}
      union
      select r.relname || '.' || a.attname from pg_constraint k
      join pg_class r on r.oid = k.conrelid
      join pg_attribute a on a.attrelid = k.conrelid and a.attnum = any(k.conkey)
      where k.contype = 'f' and k.confrelid = 'person'::regclass`);
    const exported = new Set(personalDataSections.flatMap((s) => s.columns.map((c) => `${s.table}.${c}`)));
    const unaccounted = candidates.map((c) => c.column).filter((c) => !exported.has(c) && !(c in notPersonal));
    expect(unaccounted.sort()).toEqual([]);

    // And the inventory names no column that does not exist (a rename would otherwise go unnoticed).
    const existing = new Set(
      (
        await t.database.rows<{ column: string }>(sql`select table_name || '.' || column_name as column
          from information_schema.columns where table_schema = 'public'`)
      ).map((c) => c.column),
    );
    expect([...exported, ...Object.keys(notPersonal)].filter((c) => !existing.has(c))).toEqual([]);
  });
});

describe('[PERSONAL DATA] the export', () => {
  it('gives a person everything the inventory lists about them, every section and every value', async () => {
    // What the database holds about the person is read first: the worker may send an e-mail meanwhile (a row the
    // export then holds too), and a value read after the export could be one the export was too early to see. A
    // message still pending changes when the worker sends it (its status, its error): read once none is.
    const heldValues = async () => {
      const held: { section: string; column: string; value: string }[] = [];
      for (const section of personalDataSections) {
        const typed = await t.database.rows<{ column_name: string; data_type: string }>(sql`
          select column_name, data_type from information_schema.columns
          where table_schema = 'public' and table_name = ${section.table}`);
        const textual = section.columns.filter((c) =>
          ['text', 'character', 'uuid', 'USER-DEFINED'].includes(
            typed.find((x) => x.column_name === c)?.data_type ?? '',
          ),
        );
        for (const column of textual) {
          const values = await t.database.rows<{ value: string }>(sql`select distinct t.${sql.identifier(column)}::text
            as value from ${sql.identifier(section.table)} t where ${section.whose(subject)} and t.${sql.identifier(column)} is not null`);
          for (const { value } of values) held.push({ section: section.name, column, value });
        }
      }
      return held;
    };
    const isPending = (v: { section: string; column: string; value: string }) =>
      v.section === 'emailsSent' && v.column === 'status' && v.value === 'pending';
    const held = await waitFor(async () => {
      const values = await heldValues();
      return values.some(isPending) ? undefined : values;
    }, 'the person’s e-mails sent');

    const { myPersonalData: exported } = await ok<{ myPersonalData: Export }>(t, MINE, {}, subject.cookie);
    expect(exported.format).toBe('concord.personal-data/1');
    expect(exported.personId).toBe(subject.id);
    const text = JSON.stringify(exported);
    for (const section of personalDataSections) {
      expect(exported.sections[section.name]?.length ?? 0, `section ${section.name}`).toBeGreaterThan(0);
    }
    // Every value of every text-like column of the person's rows is in the export, as the database holds it.
    for (const { section, column, value } of held)
      expect(text, `${section}.${column}`).toContain(JSON.stringify(value));

    // What a person would look for first.
    const [person] = exported.sections.person ?? [];
    expect(person).toMatchObject({ email: subject.email, name: subject.name });
    expect(exported.sections.organisationMemberships?.[0]).toMatchObject({ jobTitle: subject.jobTitle });
    expect(exported.sections.signaturesSigned?.[0]).toMatchObject({
      signerName: subject.name,
      signerJobTitle: subject.jobTitle,
      status: 'active',
    });
    expect(exported.sections.privacyNoticeAcceptances?.[0]).toMatchObject({ version: PRIVACY_NOTICE_VERSION });
    expect(exported.sections.auditPersonalParts?.map((p) => p.data)).toEqual(
      expect.arrayContaining([
        { email: subject.email },
        { signerName: subject.name, signerJobTitle: subject.jobTitle },
      ]),
    );
    expect(exported.sections.sessions?.[0]).not.toHaveProperty('tokenHash');
  });

  it('is the person’s own, or the secretariat’s acting on their request; to anyone else the person does not exist', async () => {
    const anonymous = await t.graphql(MINE);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const stranger = await signIn(t, other.email);
    for (const [query, variables] of [
      [OF, { id: subject.id }],
      [BY_EMAIL, { email: subject.email }],
      [OF, { id: 'not-an-id' }],
    ] as const) {
      const res = await t.graphql(query, variables, { cookie: stranger });
      expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    // A person may look themselves up, as anyone acting for them may.
    await expect(
      ok(
        t,
        OF,
        {
          id: (await ok<{ personByEmail: { id: string } }>(t, BY_EMAIL, { email: other.email }, stranger)).personByEmail
            .id,
        },
        stranger,
      ),
    ).resolves.toBeTruthy();

    const found = await ok<{ personByEmail: { id: string } }>(
      t,
      BY_EMAIL,
      { email: subject.email.toUpperCase() },
      staff,
    );
    expect(found.personByEmail.id).toBe(subject.id);
    const { personalData } = await ok<{ personalData: Export }>(t, OF, { id: subject.id }, staff);
    expect(personalData.sections.person?.[0]).toMatchObject({ email: subject.email });
  });
});

describe('[PERSONAL DATA] the privacy notice each person accepted', () => {
  it('is recorded when a person signs in beside it, once, and shown on their account', async () => {
    const email = 'notice.reader@feather.example';
    const first = await signInAccepting(t, email);
    await signInAccepting(t, email);
    const me = await ok<{ me: { privacyNotice: { version: string; isCurrent: boolean } } }>(
      t,
      '{ me { privacyNotice { version isCurrent acceptedAt } } }',
      {},
      first.cookie,
    );
    expect(me.me.privacyNotice).toMatchObject({ version: PRIVACY_NOTICE_VERSION, isCurrent: true });
    const events = await t.database.db
      .select()
      .from(schema.auditEvent)
      .where(
        and(
          eq(schema.auditEvent.action, 'person.privacy_notice_accepted'),
          eq(schema.auditEvent.actorPersonId, first.personId),
        ),
      );
    expect(events).toHaveLength(1);
    await expect(ok(t, 'query { privacyNotice { version } }', {})).resolves.toEqual({
      privacyNotice: { version: PRIVACY_NOTICE_VERSION },
    });
  });

  it('refuses a notice older than the one in force, and leaves the log-in link unspent', async () => {
    const stale = await signInAccepting(t, 'stale.reader@feather.example', '2020-01-01');
    expect(stale.res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'privacyNoticeVersion' });
    const retried = await t.graphql<{ signInWithLink: { person: { id: string } } }>(
      'mutation($token: String!) { signInWithLink(token: $token) { person { id } } }',
      { token: stale.token },
    );
    expect(retried.errors).toBeUndefined();
    const cookie = retried.setCookie.find((c) => c.startsWith('concord_session='))?.split(';')[0] ?? '';
    const none = await ok<{ me: { privacyNotice: null } }>(t, '{ me { privacyNotice { version } } }', {}, cookie);
    expect(none.me.privacyNotice).toBeNull();
    const accepted = await ok<{ acceptPrivacyNotice: { version: string; isCurrent: boolean } }>(
      t,
      'mutation($v: String!) { acceptPrivacyNotice(version: $v) { version isCurrent } }',
      { v: PRIVACY_NOTICE_VERSION },
      cookie,
    );
    expect(accepted.acceptPrivacyNotice).toEqual({ version: PRIVACY_NOTICE_VERSION, isCurrent: true });
  });
});
