import { type Database, schema } from '@concord/db';
import { eq, sql } from 'drizzle-orm';
import { notFound } from '../../errors.ts';
import { isUuid } from '../../lib/validate.ts';
import { type Actor, authenticate, can } from '../policy/policy.ts';

/**
 * Checks that `actor` may act on a request about `personId`'s personal data (policy: person.actOnRequest). Someone
 * without the right is told what an unknown id is told: whether a person exists is nobody else's to learn.
 */
export async function authorizeForPerson(db: Database, actor: Actor | null, personId: string): Promise<Actor> {
  authenticate(actor);
  if (actor.personId === personId) return actor;
  if (!isUuid(personId)) throw notFound('No such person.');
  const [target] = await db
    .select({
      isPlatformAdministrator: schema.person.isPlatformAdministrator,
      erasedAt: schema.person.erasedAt,
      // The alliances the person takes part in: as staff, or for an organisation that signed (or tried to).
      allianceIds: sql<string[]>`array(
        select s.alliance_id::text from alliance_staff s where s.person_id = ${personId}
        union
        select g.alliance_id::text from organisation_member m join signature g on g.organisation_id = m.organisation_id
        where m.person_id = ${personId})`,
    })
    .from(schema.person)
    .where(eq(schema.person.id, personId));
  const operation = {
    action: 'person.actOnRequest',
    personId,
    allianceIds: target?.allianceIds ?? [],
    isPlatformAdministrator: target?.isPlatformAdministrator ?? false,
  } as const;
  if (!target) throw notFound('No such person.');
  // Erased, the person takes part in nothing any more, and is nothing but a pseudonym: whoever acts on requests for
  // people (any secretariat, an administrator) is told so, which makes a request sent twice answer the same twice.
  const isErasedForStaff = target.erasedAt !== null && (actor.secretariatOf.size > 0 || actor.isPlatformAdministrator);
  if (!isErasedForStaff && !can(actor, operation)) throw notFound('No such person.');
  return actor;
}
