import { normaliseName, schema } from '@concord/db';
import { and, asc, eq, gt, inArray, ne, or, sql } from 'drizzle-orm';
import { DomainError } from '../../../errors.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { authorize } from '../../policy/policy.ts';
import { type OrganisationInput, parseOrganisationInput } from '../organisation-input.ts';
import type { Deps } from '../signature-transitions.ts';

const { organisation, organisationDuplicateFlag, organisationMember, person, signature } = schema;

/** A person registers a handful of organisations, not dozens: a consultant for several clients stays well under. */
export const REGISTRATIONS_PER_DAY = 10;

/**
 * Registers an organisation the actor will represent, flagging possible duplicates for the secretariat. The
 * registrant is told only of duplicates that are public already (active signatories with the same name and
 * country) or that they represent: registration numbers are in no export, so a match on one stays between the
 * new organisation and the secretariat.
 */
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
    // The person's row, locked: their concurrent registrations count one after another.
    await tx.select({ id: person.id }).from(person).where(eq(person.id, actor.personId)).for('update');
    const [recent] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(organisationMember)
      .where(
        and(
          eq(organisationMember.personId, actor.personId),
          gt(organisationMember.createdAt, new Date(now.getTime() - 24 * 3_600_000)),
        ),
      );
    if (Number(recent?.n ?? 0) >= REGISTRATIONS_PER_DAY) {
      throw new DomainError(
        'RATE_LIMITED',
        `You have registered ${REGISTRATIONS_PER_DAY} organisations in the last 24 hours; try again tomorrow, or ask the secretariat.`,
      );
    }
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
            values.registrationNumber ? eq(organisation.registrationNumber, values.registrationNumber) : undefined,
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
    return {
      organisation: created,
      possibleDuplicates: await toldToRegistrant(tx, actor.organisationIds, created, duplicates),
    };
  });
}

/**
 * The duplicates the registrant may hear of: their own organisations, and public signatories of the same name
 * and country (what the register shows anyway), never a match on a registration number alone.
 */
async function toldToRegistrant(
  tx: Deps['db'],
  represented: ReadonlySet<string>,
  registered: Pick<schema.Organisation, 'normalisedName' | 'country'>,
  duplicates: schema.Organisation[],
): Promise<schema.Organisation[]> {
  if (duplicates.length === 0) return [];
  const signatories = await tx
    .selectDistinct({ id: signature.organisationId })
    .from(signature)
    .where(
      and(
        eq(signature.status, 'active'),
        inArray(
          signature.organisationId,
          duplicates.map((d) => d.id),
        ),
      ),
    );
  const isPublic = new Set(signatories.map((s) => s.id));
  return duplicates.filter(
    (d) =>
      represented.has(d.id) ||
      (isPublic.has(d.id) && d.normalisedName === registered.normalisedName && d.country === registered.country),
  );
}
