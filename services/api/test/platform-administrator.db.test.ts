import { schema } from '@concord/db';
import { asc, eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { runCommand } from '../src/cli-commands.ts';
import { buildTestApp, type TestApp } from './helper.ts';
import { signIn } from './journey.ts';

/** `pnpm concord admin add <e-mail>` as the command runs it, on the test database (the process: tests/process). */
async function concord(t: TestApp, ...args: string[]) {
  const out: string[] = [];
  const error: string[] = [];
  const code = await runCommand(args, {
    db: t.database.db,
    io: { out: (line) => out.push(line), error: (line) => error.push(line) },
  });
  return { code, out: out.join('\n'), error: error.join('\n') };
}

const eventsAbout = (t: TestApp, personId: string) =>
  t.database.db
    .select()
    .from(schema.auditEvent)
    .where(eq(schema.auditEvent.objectId, personId))
    .orderBy(asc(schema.auditEvent.seq));

const personByEmail = async (t: TestApp, email: string) =>
  (await t.database.db.select().from(schema.person).where(sql`lower(${schema.person.email}) = lower(${email})`))[0];

describe('[ADMIN] pnpm concord admin add', () => {
  let t: TestApp;
  afterEach(() => t?.close());

  it('creates the person behind a new address as a platform administrator, with an audit event, on an empty database', async () => {
    t = await buildTestApp({ template: 'empty' });
    const result = await concord(t, 'admin', 'add', '  Ada@Example.org ');
    expect(result).toMatchObject({ code: 0, error: '' });
    expect(result.out).toBe('Ada@Example.org is now a platform administrator (a new person: they sign in at /login).');
    const ada = await personByEmail(t, 'ada@example.org');
    expect(ada).toMatchObject({ email: 'Ada@Example.org', name: 'Ada', isPlatformAdministrator: true });
    const events = await eventsAbout(t, ada?.id ?? '');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'person.platform_administrator_added',
      objectType: 'person',
      actorPersonId: null,
      after: { isPlatformAdministrator: true },
    });
    // The address is personal data: in the event's erasable part, not in its chained content.
    expect(JSON.stringify(events[0])).not.toContain('Ada@Example.org');
    const [personal] = await t.database.db
      .select()
      .from(schema.auditPersonal)
      .where(eq(schema.auditPersonal.eventSeq, events[0]?.seq ?? -1));
    expect(personal).toMatchObject({ personId: ada?.id, data: { email: 'Ada@Example.org' } });

    // Signing in by a link afterwards is the same person, with the right: the API knows them as an administrator.
    const cookie = await signIn(t, 'ada@example.org');
    const me = await t.graphql<{ me: { person: { id: string } } }>('{ me { person { id } } }', {}, { cookie });
    expect(me.data?.me.person.id).toBe(ada?.id);
  });

  it('makes an existing person an administrator once: a second run changes nothing and records nothing', async () => {
    t = await buildTestApp();
    const email = 'secretariat@concord.example';
    const before = await personByEmail(t, email);
    expect(before?.isPlatformAdministrator).toBe(false);

    const first = await concord(t, 'admin', 'add', 'SECRETARIAT@concord.example');
    expect(first).toMatchObject({ code: 0, out: `${email} is now a platform administrator.` });
    const second = await concord(t, 'admin', 'add', email);
    expect(second).toMatchObject({ code: 0, out: `${email} is already a platform administrator; nothing changed.` });

    const after = await personByEmail(t, email);
    expect(after).toMatchObject({ id: before?.id, isPlatformAdministrator: true });
    const added = (await eventsAbout(t, before?.id ?? '')).filter(
      (e) => e.action === 'person.platform_administrator_added',
    );
    expect(added).toHaveLength(1);
  });

  it('ends in one person and one event when two commands add the same new address at once', async () => {
    t = await buildTestApp({ template: 'empty' });
    const results = await Promise.all([
      concord(t, 'admin', 'add', 'grace@example.org'),
      concord(t, 'admin', 'add', 'Grace@example.org'),
    ]);
    expect(results.map((r) => r.code)).toEqual([0, 0]);
    const people = await t.database.db
      .select()
      .from(schema.person)
      .where(sql`lower(${schema.person.email}) = 'grace@example.org'`);
    expect(people).toHaveLength(1);
    expect(await eventsAbout(t, people[0]?.id ?? '')).toHaveLength(1);
  });

  it('refuses a malformed address, writing nothing, and answers anything else with the usage', async () => {
    t = await buildTestApp({ template: 'empty' });
    const refused = await concord(t, 'admin', 'add', 'not an address');
    expect(refused).toMatchObject({ code: 1, out: '' });
    expect(refused.error).toBe('Enter an e-mail address such as name@example.org. (email: "not an address")');
    const [count] = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(schema.person);
    expect(count?.n).toBe(0);

    for (const args of [['admin'], ['admin', 'remove', 'a@b.c'], ['admin', 'add'], ['admin', 'add', 'a@b.c', 'x']]) {
      const usage = await concord(t, ...args);
      expect(usage.code).toBe(2);
      expect(usage.error).toContain('Usage: pnpm concord <command>');
    }
  });
});
