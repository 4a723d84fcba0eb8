import { schema } from '@concord/db';
import { and, eq, ne } from 'drizzle-orm';
import { badInput } from '../../../errors.ts';
import type { SteeringCommitteeMemberParent } from '../../../graphql/mappers.ts';
import { isUuid } from '../../../lib/validate.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { authorize } from '../../policy/policy.ts';
import { seatHolds } from '../steering-committee.reads.ts';
import { committeeUrl, type Deps, existingAlliance, OBJECT_TYPE } from '../steering-committee-changes.ts';

const { organisation, person, steeringCommitteeMember: seat } = schema;

/**
 * Secretariat: gives a representative of an active signatory a seat on the alliance's steering committee, as its
 * chair or a member (docs/adr/0035-steering-committee.md). One seat per person and alliance (a unique constraint):
 * appointing them again changes their role or organisation, and the same appointment again changes nothing. At most
 * one chair (a partial unique index): a new chair makes the previous one a member, in the same transaction and audit
 * event. Changes to one committee are serialised by locking the alliance's row, so two at once leave one seat and
 * one chair. The person is told by e-mail, in their language, through the queue.
 */
export async function appointSteeringCommitteeMember({
  db,
  jobs,
  config,
  actor,
  allianceId,
  organisationId,
  personId,
  role,
  now = new Date(),
}: Deps & {
  allianceId: string;
  organisationId: string;
  personId: string;
  role: schema.SteeringCommitteeRole;
}): Promise<SteeringCommitteeMemberParent> {
  const found = await existingAlliance(db, actor, allianceId);
  authorize(actor, { action: 'steeringCommittee.manage', allianceId: found.id });
  return db.transaction(async (tx) => {
    const alliance = await existingAlliance(tx, actor, found.id, { lock: true });
    const holds = isUuid(organisationId)
      ? await seatHolds(tx, { allianceId: alliance.id, organisationId, personId: isUuid(personId) ? personId : null })
      : null;
    if (!holds?.legalName || !holds.signs) {
      throw badInput(
        'organisationId',
        `${holds?.legalName ?? 'This organisation'} is not an active signatory of the ${alliance.name}: only a signatory's representative can sit on its steering committee.`,
      );
    }
    if (!holds.represents) {
      throw badInput(
        'personId',
        `This person does not represent ${holds.legalName}: a member of the steering committee is chosen from the organisation's representatives.`,
      );
    }
    const [before] = await tx
      .select()
      .from(seat)
      .where(and(eq(seat.allianceId, alliance.id), eq(seat.personId, personId)));
    const [named] = await tx
      .select({ name: person.name, email: person.email, locale: person.locale })
      .from(person)
      .where(eq(person.id, personId));
    const [org] = await tx.select().from(organisation).where(eq(organisation.id, organisationId));
    if (!named || !org) throw new Error('the person or organisation vanished under the alliance lock');
    const parentOf = (row: schema.SteeringCommitteeMember): SteeringCommitteeMemberParent => ({
      id: row.id,
      role: row.role,
      name: named.name,
      organisation: org,
      since: row.updatedAt,
    });
    if (before && before.organisationId === organisationId && before.role === role) return parentOf(before);
    let previousChair: schema.SteeringCommitteeMember | undefined;
    if (role === 'chair') {
      [previousChair] = await tx
        .update(seat)
        .set({ role: 'member', updatedAt: now })
        .where(and(eq(seat.allianceId, alliance.id), eq(seat.role, 'chair'), ne(seat.personId, personId)))
        .returning();
    }
    const [appointed] = await tx
      .insert(seat)
      .values({ allianceId: alliance.id, personId, organisationId, role, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: [seat.allianceId, seat.personId], set: { organisationId, role, updatedAt: now } })
      .returning();
    if (!appointed) throw new Error('the seat was not written');
    const previous = previousChair && {
      personId: previousChair.personId,
      organisationId: previousChair.organisationId,
    };
    await recordAudit(tx, {
      allianceId: alliance.id,
      actorPersonId: actor?.personId ?? null,
      action: 'steering_committee.member_appointed',
      objectType: OBJECT_TYPE,
      objectId: alliance.id,
      ...(before || previous
        ? {
            before: {
              ...(before ? { personId, organisationId: before.organisationId, role: before.role } : {}),
              ...(previous ? { previousChair: { ...previous, role: 'chair' } } : {}),
            },
          }
        : {}),
      after: {
        personId,
        organisationId,
        role,
        ...(previous ? { previousChair: { ...previous, role: 'member' } } : {}),
      },
    });
    await jobs.enqueue(tx, 'send-email', {
      idempotencyKey: `steering-committee-appointed:${alliance.id}:${personId}:${role}:${now.toISOString()}`,
      template: 'steering-committee-appointed',
      to: named.email,
      locale: named.locale,
      data: {
        allianceName: alliance.name,
        organisationName: org.legalName,
        role,
        committeeUrl: committeeUrl(config, alliance.slug),
      },
    });
    return parentOf(appointed);
  });
}
