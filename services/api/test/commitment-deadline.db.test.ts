import { schema } from '@concord/db';
import { eq, sql } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markCommitmentLate, remindTaskholder } from '../src/modules/commitment/commitment-deadlines.ts';
import { createCommitment } from '../src/modules/commitment/use-cases/create-commitment.ts';
import { loadActor } from '../src/modules/policy/actor.ts';
import { commitmentInput, inDays } from './commitment-fixtures.ts';
import { buildTestApp, type TestApp } from './helper.ts';
import { waitFor } from './journey.ts';
import { chairOf, type Person, pledgers, SLUG } from './pledge-fixtures.ts';
import { type SmtpSink, startSmtpSink } from './smtp-sink.ts';

/**
 * A commitment's deadline through the queue to a real SMTP server, on both databases: the reminder before it and
 * the notice after it reach the taskholder's named person in their saved language (French here), the schedule marks
 * the commitment LATE with an entry in its history, and a second run of either job, or a job for a deadline that
 * has since moved, sends and changes nothing. The clock is the use case's `now`; the jobs are the worker's.
 */
let t: TestApp;
let sink: SmtpSink;
let taskholder: Person;
let chair: Person;

beforeAll(async () => {
  sink = await startSmtpSink({ keepRaw: true });
  t = await buildTestApp({ env: { SMTP_URL: sink.url } });
  [taskholder] = (await pledgers(t, 1)) as [Person];
  chair = await chairOf(t, 'packaging');
  await t.database.db.update(schema.person).set({ locale: 'fr' }).where(eq(schema.person.email, taskholder.email));
}, 120_000);
afterAll(async () => {
  await t?.close();
  await sink?.close();
});

async function actorOf(email: string) {
  const [person] = await t.database.db.select().from(schema.person).where(eq(schema.person.email, email));
  if (!person) throw new Error(email);
  return { person, actor: await loadActor(t.database.db, person) };
}

const deps = () => ({ db: t.database.db, jobs: t.app.jobs, config: t.app.config });

async function mailTo(to: string, count: number) {
  const found = await waitFor(async () => {
    const mine = sink.messages.filter((m) => m.to === to);
    return mine.length >= count ? mine : undefined;
  }, `${count} e-mails to ${to}`);
  return Promise.all(found.map((m) => simpleParser(m.raw ?? '')));
}

describe('[COMMITMENTS] reminders and lateness through the queue', () => {
  it('reminds in French, marks LATE the day after, tells the taskholder, and does each once', async () => {
    const { actor } = await actorOf(chair.email);
    const { person } = await actorOf(taskholder.email);
    const commitment = await createCommitment({
      ...deps(),
      actor,
      allianceSlug: SLUG,
      workingGroupSlug: 'packaging',
      input: commitmentInput(taskholder.organisationId, { taskholderPersonId: person.id, deadline: inDays(10) }),
      note: 'Agreed at the meeting.',
    });
    const jobs = await t.database.rows<{ name: string; start_after: string }>(
      sql`select name, start_after from pgboss.job where data->>'commitmentId' = ${commitment.id} order by name`,
    );
    expect(jobs.map((j) => j.name)).toEqual(['commitment-deadline', 'commitment-reminder']);

    const job = { commitmentId: commitment.id, deadline: commitment.deadline };
    const reminderDay = new Date(`${inDays(3)}T08:00:00Z`);
    expect(await remindTaskholder({ ...deps(), ...job, now: reminderDay })).toEqual({ emails: 1 });
    expect(await remindTaskholder({ ...deps(), ...job, now: reminderDay })).toEqual({ emails: 1 });
    const [reminder] = await mailTo(taskholder.email, 1);
    expect(reminder?.subject).toBe(`Tâche à rendre le ${frenchDate(commitment.deadline)} : ${commitment.title}`);
    expect(reminder?.text).toMatch(/dans 7\sjours/);
    expect(reminder?.text).toContain(`/alliances/${SLUG}/commitments/${commitment.id}`);

    // Nothing happens before the deadline has passed.
    const onTheDay = new Date(`${commitment.deadline}T12:00:00Z`);
    expect(await markCommitmentLate({ ...deps(), ...job, now: onTheDay })).toEqual({ emails: 0, skipped: 'not-due' });
    const dayAfter = new Date(`${inDays(11)}T08:00:00Z`);
    expect(await markCommitmentLate({ ...deps(), ...job, now: dayAfter })).toEqual({ emails: 1 });
    expect(await markCommitmentLate({ ...deps(), ...job, now: dayAfter })).toEqual({ emails: 0, skipped: 'closed' });
    const [, late] = await mailTo(taskholder.email, 2);
    expect(late?.subject).toBe(`Tâche en retard : ${commitment.title}`);
    const [row] = await t.database.db.select().from(schema.commitment).where(eq(schema.commitment.id, commitment.id));
    expect(row?.status).toBe('late');
    const history = await t.database.db
      .select()
      .from(schema.commitmentUpdate)
      .where(eq(schema.commitmentUpdate.commitmentId, commitment.id));
    expect(history.map((h) => [h.fromStatus, h.toStatus, h.byRole])).toEqual([
      [null, 'open', 'chair'],
      ['open', 'late', 'schedule'],
    ]);
    // The deduplicated reminder was sent once: two e-mails in all.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(sink.messages.filter((m) => m.to === taskholder.email)).toHaveLength(2);
  });

  it('a job for a deadline that has moved does nothing', async () => {
    const { actor } = await actorOf(chair.email);
    const commitment = await createCommitment({
      ...deps(),
      actor,
      allianceSlug: SLUG,
      workingGroupSlug: 'packaging',
      input: commitmentInput(taskholder.organisationId, { deadline: inDays(20) }),
      note: 'Agreed.',
    });
    const stale = { commitmentId: commitment.id, deadline: inDays(5) };
    const now = new Date(`${inDays(30)}T08:00:00Z`);
    expect(await markCommitmentLate({ ...deps(), ...stale, now })).toEqual({ emails: 0, skipped: 'deadline-moved' });
    expect(await remindTaskholder({ ...deps(), ...stale, now })).toEqual({ emails: 0, skipped: 'deadline-moved' });
  });
});

function frenchDate(date: string): string {
  return new Intl.DateTimeFormat('fr', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}
