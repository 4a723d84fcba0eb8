import { databaseErrorOf, SQLSTATE, schema } from '@concord/db';
import { and, eq } from 'drizzle-orm';
import { conflict, DomainError } from '../../../errors.ts';
import { isUuid } from '../../../lib/validate.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { authenticate } from '../../policy/policy.ts';
import { countRepresentatives, type Deps, organisationForChange } from '../organisation-representatives.ts';

const { organisationMember, workingGroupMember } = schema;
const LAST = 'This is the last representative of the organisation; invite another before removing them.';

/**
 * A representative removes a colleague (or themselves), never the last one. The organisation's row is locked first,
 * so two representatives removing each other at once count one after the other; migration 0015's trigger holds the
 * same rule in the database for any other writer.
 */
export async function removeRepresentative({
  db,
  actor,
  organisationId,
  personId,
}: Omit<Deps, 'jobs' | 'config'> & { organisationId: string; personId: string }): Promise<schema.Organisation> {
  authenticate(actor);
  try {
    return await db.transaction(async (tx) => {
      const org = await organisationForChange(tx, actor, organisationId);
      const member = and(
        eq(organisationMember.organisationId, org.id),
        eq(organisationMember.personId, isUuid(personId) ? personId : '00000000-0000-0000-0000-000000000000'),
      );
      const [found] = await tx.select().from(organisationMember).where(member);
      if (!found) throw new DomainError('NOT_FOUND', 'This person does not represent the organisation.', 'personId');
      if ((await countRepresentatives(tx, org.id)) <= 1) throw conflict(LAST);
      await tx.delete(organisationMember).where(member);
      // A chair they held for the organisation stays the organisation's, held by its representatives until the
      // secretariat names another person (docs/adr/0033-chairs-are-people.md).
      const unnamed = await tx
        .update(workingGroupMember)
        .set({ chairPersonId: null })
        .where(and(eq(workingGroupMember.organisationId, org.id), eq(workingGroupMember.chairPersonId, found.personId)))
        .returning({ workingGroupId: workingGroupMember.workingGroupId });
      await recordAudit(tx, {
        actorPersonId: actor.personId,
        action: 'organisation.representative_removed',
        objectType: 'organisation',
        objectId: org.id,
        before: { personId: found.personId },
        ...(unnamed.length > 0 ? { after: { chairsNoLongerNamed: unnamed.map((u) => u.workingGroupId) } } : {}),
      });
      return org;
    });
  } catch (error) {
    const info = databaseErrorOf(error);
    if (info?.code === SQLSTATE.checkViolation && info.constraint === 'organisation_keeps_a_representative') {
      throw conflict(LAST);
    }
    throw error;
  }
}
