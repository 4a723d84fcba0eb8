import { type Database, schema } from '@concord/db';
import { eq } from 'drizzle-orm';
import { DomainError, notFound } from '../../errors.ts';
import { requiredText } from '../../lib/validate.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../policy/policy.ts';

const { person } = schema;

/**
 * The signed-in person sets the name Concord knows them by (the account page). Until then it is the one they
 * signed a declaration with, or their address's local part. The names go into the audit event's personal part,
 * which an erasure removes; the event itself says only that the name changed.
 */
export async function setMyName({
  db,
  actor,
  name,
  now = new Date(),
}: {
  db: Database;
  actor: Actor | null;
  name: string;
  now?: Date;
}): Promise<schema.Person> {
  if (!actor) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
  const checked = requiredText(name, 'name', { max: 200, isName: true });
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(person).where(eq(person.id, actor.personId)).for('update');
    if (!before) throw notFound('No such person.');
    if (before.name === checked) return before;
    const [after] = await tx
      .update(person)
      .set({ name: checked, updatedAt: now })
      .where(eq(person.id, actor.personId))
      .returning();
    await recordAudit(tx, {
      actorPersonId: actor.personId,
      action: 'person.renamed',
      objectType: 'person',
      objectId: actor.personId,
      personal: { personId: actor.personId, data: { before: before.name, after: checked } },
    });
    return after ?? before;
  });
}
