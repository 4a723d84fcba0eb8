import { type Database, schema } from '@concord/db';
import { sql } from 'drizzle-orm';

const { person } = schema;

/**
 * The person with this (already checked) e-mail address, created if the address is new, locked for the rest of
 * the caller's transaction. Two transactions creating the same address at once: the unique index on lower(email)
 * lets one insert, and both then read that one row. A new person is named after their address until they say
 * otherwise (signing gives the name they sign with); they sign in by a log-in link like anyone.
 */
export async function findOrCreatePerson(
  tx: Database,
  { email, now = new Date() }: { email: string; now?: Date },
): Promise<{ person: schema.Person; isNew: boolean }> {
  const [inserted] = await tx
    .insert(person)
    .values({ email, name: email.split('@')[0] ?? email, createdAt: now, updatedAt: now })
    .onConflictDoNothing()
    .returning({ id: person.id });
  const [found] = await tx.select().from(person).where(sql`lower(${person.email}) = lower(${email})`).for('update');
  if (!found) throw new Error(`no person with the address ${email} after inserting it`);
  return { person: found, isNew: inserted !== undefined };
}
