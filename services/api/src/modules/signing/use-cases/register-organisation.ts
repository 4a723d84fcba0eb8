import { normaliseName, schema } from '@concord/db';
import { and, asc, eq, ne, or } from 'drizzle-orm';
import { recordAudit } from '../../audit/audit.service.ts';
import { authorize } from '../../policy/policy.ts';
import { type OrganisationInput, parseOrganisationInput } from '../organisation-input.ts';
import type { Deps } from '../signature-transitions.ts';

const { organisation, organisationDuplicateFlag, organisationMember } = schema;

/** Registers an organisation the actor will represent, flagging possible duplicates for the secretariat. */
export async function registerOrganisation({
  db,
  actor,
  input,
  now = new Date(),
}: Deps & { input: OrganisationInput }) {
  authorize(actor, { action: 'organisation.register' });
  const values = parseOrganisationInput(input);
  const normalisedName = normaliseName(values.legalName);
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(organisation)
      .values({ ...values, normalisedName, createdAt: now, updatedAt: now })
      .returning();
    if (!created) throw new Error('organisation not created');
    await tx.insert(organisationMember).values({ organisationId: created.id, personId: actor.personId });
    const duplicates = await tx
      .select()
      .from(organisation)
      .where(
        and(
          ne(organisation.id, created.id),
          or(
            eq(organisation.registrationNumber, values.registrationNumber ?? ''),
            and(eq(organisation.normalisedName, normalisedName), eq(organisation.country, values.country)),
          ),
        ),
      )
      .orderBy(asc(organisation.legalName))
      .limit(20);
    if (duplicates.length > 0) {
      await tx.insert(organisationDuplicateFlag).values(
        duplicates.map((d) => ({
          organisationId: created.id,
          duplicateOfId: d.id,
          reason:
            d.registrationNumber === values.registrationNumber
              ? ('registration_number' as const)
              : ('name_and_country' as const),
          createdAt: now,
        })),
      );
    }
    await recordAudit(tx, {
      actorPersonId: actor.personId,
      actorOrganisationId: created.id,
      action: 'organisation.registered',
      objectType: 'organisation',
      objectId: created.id,
      after: { legalName: created.legalName, country: created.country, possibleDuplicates: duplicates.length },
    });
    return { organisation: created, possibleDuplicates: duplicates };
  });
}
