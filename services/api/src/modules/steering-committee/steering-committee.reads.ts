import { type Database, schema } from '@concord/db';
import { and, asc, eq, not, type SQL, sql } from 'drizzle-orm';
import type { SteeringCommitteeMemberParent } from '../../graphql/mappers.ts';
import { activeSignatureOf, stillRepresents } from '../working-group/active-member.ts';
import type { AppointmentCandidate } from '../working-group/chairs.ts';

/**
 * The steering committee as it is read (docs/adr/0035-steering-committee.md): a seat counts while its organisation
 * is an active signatory of the alliance and its person still represents the organisation, the rule roles follow
 * (working-group/active-member.ts). A seat that does not count stays in its table, and counts again when both hold.
 */
const { organisation, organisationMember, person, signature, steeringCommitteeMember: seat } = schema;

/** The counting seats of an alliance: the chair first, then by name. */
export async function listSteeringCommittee(
  db: Database,
  allianceId: string,
): Promise<SteeringCommitteeMemberParent[]> {
  return db
    .select({ id: seat.id, role: seat.role, name: person.name, organisation, since: seat.updatedAt })
    .from(seat)
    .innerJoin(signature, activeSignatureOf(seat.organisationId, seat.allianceId))
    .innerJoin(organisationMember, stillRepresents(seat.personId, seat.organisationId))
    .innerJoin(person, eq(person.id, seat.personId))
    .innerJoin(organisation, eq(organisation.id, seat.organisationId))
    .where(eq(seat.allianceId, allianceId))
    .orderBy(sql`${seat.role} = 'chair' desc`, asc(person.name), asc(seat.id));
}

/** Why a kept seat does not count, the first that applies: the organisation's signature, then the person's role. */
export const seatPauses = ['not_an_active_signatory', 'not_a_representative'] as const;

export interface PausedSeat {
  seat: SteeringCommitteeMemberParent;
  reason: (typeof seatPauses)[number];
}

/** The seats of an alliance that the rule above leaves out, for the secretariat: the chair first, then by name. */
export async function listPausedSeats(db: Database, allianceId: string): Promise<PausedSeat[]> {
  const signs = sql<boolean>`exists (select 1 from ${signature} where ${activeSignatureOf(seat.organisationId, seat.allianceId)})`;
  const represents = sql<boolean>`exists (select 1 from ${organisationMember} where ${stillRepresents(seat.personId, seat.organisationId)})`;
  const rows = await db
    .select({
      id: seat.id,
      role: seat.role,
      name: person.name,
      organisation,
      since: seat.updatedAt,
      signs,
      represents,
    })
    .from(seat)
    .innerJoin(person, eq(person.id, seat.personId))
    .innerJoin(organisation, eq(organisation.id, seat.organisationId))
    .where(and(eq(seat.allianceId, allianceId), not(and(signs, represents) as SQL)))
    .orderBy(sql`${seat.role} = 'chair' desc`, asc(person.name), asc(seat.id));
  return rows.map(({ signs: signed, represents: _represents, ...member }) => ({
    seat: member,
    reason: signed ? 'not_a_representative' : 'not_an_active_signatory',
  }));
}

/** Whom a seat can be given to: every representative of every active signatory, by organisation then name. */
export async function listSteeringCommitteeCandidates(
  db: Database,
  allianceId: string,
): Promise<AppointmentCandidate[]> {
  return db
    .select({
      personId: person.id,
      name: person.name,
      organisationId: organisation.id,
      organisationName: organisation.legalName,
    })
    .from(organisationMember)
    .innerJoin(signature, activeSignatureOf(organisationMember.organisationId, sql`${allianceId}::uuid`))
    .innerJoin(organisation, eq(organisation.id, organisationMember.organisationId))
    .innerJoin(person, eq(person.id, organisationMember.personId))
    .orderBy(asc(organisation.legalName), asc(person.name), asc(person.id));
}

/**
 * Whether the person may hold a seat for the organisation in the alliance: the same rule, for one pair. Says which
 * of the two fails first.
 */
export async function seatHolds(
  db: Database,
  { allianceId, organisationId, personId }: { allianceId: string; organisationId: string; personId: string | null },
): Promise<{ signs: boolean; represents: boolean; legalName: string | null }> {
  const [row] = await db
    .select({
      legalName: organisation.legalName,
      signs: sql<boolean>`exists (select 1 from ${signature} where ${activeSignatureOf(organisation.id, sql`${allianceId}::uuid`)})`,
      represents:
        personId === null
          ? sql<boolean>`false`
          : sql<boolean>`exists (select 1 from ${organisationMember} where ${stillRepresents(sql`${personId}::uuid`, organisation.id)})`,
    })
    .from(organisation)
    .where(eq(organisation.id, organisationId));
  return row ? { ...row } : { signs: false, represents: false, legalName: null };
}

/** The seat a request names, with its alliance. */
export async function findSeat(db: Database, id: string): Promise<schema.SteeringCommitteeMember | undefined> {
  const [row] = await db.select().from(seat).where(eq(seat.id, id));
  return row;
}
