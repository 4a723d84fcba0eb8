import { type Database, schema } from '@concord/db';
import type { DigestEntry } from '@concord/notifications';
import { and, asc, eq, lt } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { frequencyColumnOf, optOutLink } from './email-preferences.service.ts';

const { emailDigest, emailDigestItem, person } = schema;

const DAY_MS = 24 * 3600 * 1000;

/**
 * The period of a digest that holds a moment, in UTC: its day, or its week from Monday. `start` names it
 * (`YYYY-MM-DD`), `startsAt` is its first instant.
 */
export function periodOf(frequency: schema.DigestFrequency, at: Date): { start: string; startsAt: Date } {
  const day = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  // getUTCDay: Sunday 0 … Saturday 6; a week starts on Monday (ISO 8601).
  const startsAt = new Date(frequency === 'daily' ? day : day - ((new Date(day).getUTCDay() + 6) % 7) * DAY_MS);
  return { start: startsAt.toISOString().slice(0, 10), startsAt };
}

/**
 * The scheduled job (docs/adr/0036-email-digests.md): for each frequency, the last period that has ended, and one
 * digest to each person with items kept from before its end. Safe to run at any time, as often as wanted, by any
 * number of workers: each person's digest of a period is a row with a unique key, inserted before the items are
 * taken, so a second run for the period finds it and sends nothing. Items that came while no run went (a worker
 * down for days) go in the next digest: nothing is lost.
 */
export async function sendDueDigests({
  db,
  jobs,
  config,
  now = new Date(),
}: {
  db: Database;
  jobs: JobQueue;
  config: Config;
  now?: Date;
}): Promise<{ digests: number; items: number }> {
  const outcome = { digests: 0, items: 0 };
  for (const frequency of schema.digestFrequencies) {
    const endsAt = periodOf(frequency, now).startsAt;
    const period = periodOf(frequency, new Date(endsAt.getTime() - 1)).start;
    const waiting = await db
      .selectDistinct({ personId: emailDigestItem.personId })
      .from(emailDigestItem)
      .where(and(eq(emailDigestItem.frequency, frequency), lt(emailDigestItem.createdAt, endsAt)))
      .orderBy(asc(emailDigestItem.personId));
    for (const { personId } of waiting) {
      const items = await sendDigest(db, jobs, config, { personId, frequency, period, endsAt });
      if (items > 0) {
        outcome.digests += 1;
        outcome.items += items;
      }
    }
  }
  return outcome;
}

/**
 * One person's digest of one period, in one transaction: the digest's row (or nothing, if the period's digest
 * exists), the items taken (deleted: the e-mail job now holds them), and the e-mail queued in the person's language
 * with its own opt-out link. Items of a kind the person turned OFF since they came are dropped, not sent. Returns
 * how many items the e-mail lists.
 */
async function sendDigest(
  db: Database,
  jobs: JobQueue,
  config: Config,
  {
    personId,
    frequency,
    period,
    endsAt,
  }: { personId: string; frequency: schema.DigestFrequency; period: string; endsAt: Date },
): Promise<number> {
  return db.transaction(async (tx) => {
    const [recipient] = await tx
      .select({
        email: person.email,
        locale: person.locale,
        erasedAt: person.erasedAt,
        activity: person[frequencyColumnOf.activity],
        announcement: person[frequencyColumnOf.announcement],
      })
      .from(person)
      .where(eq(person.id, personId))
      // Taken before the items, in the order erasure takes them: a digest and an erasure at once wait for each other.
      .for('update');
    if (!recipient || recipient.erasedAt) return 0;
    const [digest] = await tx
      .insert(emailDigest)
      .values({ personId, frequency, periodStart: period, itemCount: 0 })
      .onConflictDoNothing({ target: [emailDigest.personId, emailDigest.frequency, emailDigest.periodStart] })
      .returning({ id: emailDigest.id });
    if (!digest) return 0;
    const taken = await tx
      .delete(emailDigestItem)
      .where(
        and(
          eq(emailDigestItem.personId, personId),
          eq(emailDigestItem.frequency, frequency),
          lt(emailDigestItem.createdAt, endsAt),
        ),
      )
      .returning();
    const listed = taken
      .filter((item) => recipient[item.topic as 'activity' | 'announcement'] !== 'off')
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
    await tx.update(emailDigest).set({ itemCount: listed.length }).where(eq(emailDigest.id, digest.id));
    if (listed.length === 0) return 0;
    await jobs.enqueue(tx, 'send-email', {
      idempotencyKey: `digest:${digest.id}`,
      template: 'digest',
      to: recipient.email,
      locale: recipient.locale,
      data: {
        frequency,
        periodStart: period,
        entries: listed.map((item) => ({ template: item.template, data: item.data }) as DigestEntry),
        unsubscribeUrl: await optOutLink(tx, config, personId, `${frequency}-digest`),
      },
    });
    return listed.length;
  });
}
