import { type Database, schema } from '@concord/db';
import { canonicalTimeZone } from '@concord/schema/values';
import { eq } from 'drizzle-orm';
import { badInput, DomainError, notFound } from '../../../errors.ts';
import { optionalText } from '../../../lib/validate.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import type { Actor } from '../../policy/policy.ts';

const { person } = schema;

/** The signed-in person chooses the time zone their invitations are written in (null: the alliance's). */
export async function setMyTimeZone({
  db,
  actor,
  timeZone,
  now = new Date(),
}: {
  db: Database;
  actor: Actor | null;
  timeZone: string | null;
  now?: Date;
}): Promise<schema.Person> {
  if (!actor) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
  const given = optionalText(timeZone, 'timeZone', { max: 64 });
  const zone = given === null ? null : canonicalTimeZone(given);
  if (given !== null && zone === null) {
    throw badInput('timeZone', 'Choose a time zone by its IANA name, such as Europe/Brussels.');
  }
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(person).where(eq(person.id, actor.personId)).for('update');
    if (!before) throw notFound('No such person.');
    if (before.timeZone === zone) return before;
    const [after] = await tx
      .update(person)
      .set({ timeZone: zone, updatedAt: now })
      .where(eq(person.id, actor.personId))
      .returning();
    await recordAudit(tx, {
      actorPersonId: actor.personId,
      action: 'person.time_zone_changed',
      objectType: 'person',
      objectId: actor.personId,
      before: { timeZone: before.timeZone },
      after: { timeZone: zone },
    });
    return after ?? before;
  });
}
