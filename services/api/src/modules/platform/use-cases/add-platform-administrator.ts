import { type Database, schema } from '@concord/db';
import { eq } from 'drizzle-orm';
import { emailAddress } from '../../../lib/validate.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { findOrCreatePerson } from '../../auth/find-or-create-person.ts';

const { person } = schema;

export interface AddedPlatformAdministrator {
  person: schema.Person;
  /** The address was new to Concord: the person was created (they sign in by a log-in link as anyone does). */
  isNewPerson: boolean;
  /** False when the person already was a platform administrator: nothing changed, nothing was recorded. */
  isChanged: boolean;
}

/**
 * Makes the person with this e-mail address a platform administrator, creating the person if the address is new,
 * in one transaction with its audit event. There is no actor: this is the operator's command
 * (`pnpm concord admin add`, services/api/src/cli.ts), run by whoever holds the database, before anyone can sign in
 * with the right to appoint anybody. Running it twice changes nothing the second time.
 */
export async function addPlatformAdministrator({
  db,
  email: given,
  now = new Date(),
}: {
  db: Database;
  email: string;
  now?: Date;
}): Promise<AddedPlatformAdministrator> {
  const email = emailAddress(given, 'email');
  return db.transaction(async (tx) => {
    // Two commands for one new address at once end on one row, locked, so that one of them records the change.
    const { person: found, isNew } = await findOrCreatePerson(tx, { email, now });
    if (found.isPlatformAdministrator) return { person: found, isNewPerson: false, isChanged: false };
    const [updated] = await tx
      .update(person)
      .set({ isPlatformAdministrator: true, updatedAt: now })
      .where(eq(person.id, found.id))
      .returning();
    if (!updated) throw new Error('person not updated');
    await recordAudit(tx, {
      action: 'person.platform_administrator_added',
      objectType: 'person',
      objectId: updated.id,
      before: { isPlatformAdministrator: false },
      after: { isPlatformAdministrator: true },
      // The address it was given is personal data: erasable like the address a person registers with.
      personal: { personId: updated.id, data: { email } },
    });
    return { person: updated, isNewPerson: isNew, isChanged: true };
  });
}
