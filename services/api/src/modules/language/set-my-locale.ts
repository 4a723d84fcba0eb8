import { type Database, schema } from '@concord/db';
import { isSupportedLocale, SUPPORTED_LOCALES } from '@concord/schema/values';
import { eq } from 'drizzle-orm';
import { badInput, DomainError, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../policy/policy.ts';

const { person } = schema;

/** The signed-in person chooses the language Concord writes to them in (the account page). */
export async function setMyLocale({
  db,
  actor,
  locale,
  now = new Date(),
}: {
  db: Database;
  actor: Actor | null;
  locale: string;
  now?: Date;
}): Promise<schema.Person> {
  if (!actor) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
  if (!isSupportedLocale(locale)) {
    throw badInput('locale', `Choose one of the languages Concord is written in: ${SUPPORTED_LOCALES.join(', ')}.`);
  }
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(person).where(eq(person.id, actor.personId)).for('update');
    if (!before) throw notFound('No such person.');
    if (before.locale === locale) return before;
    const [after] = await tx
      .update(person)
      .set({ locale, updatedAt: now })
      .where(eq(person.id, actor.personId))
      .returning();
    await recordAudit(tx, {
      actorPersonId: actor.personId,
      action: 'person.locale_changed',
      objectType: 'person',
      objectId: actor.personId,
      before: { locale: before.locale },
      after: { locale },
    });
    return after ?? before;
  });
}
