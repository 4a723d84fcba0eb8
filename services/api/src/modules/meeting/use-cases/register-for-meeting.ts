import { type Database, schema } from '@concord/db';
import { and, eq, inArray } from 'drizzle-orm';
import { DomainError } from '../../../errors.ts';
import { isUuid } from '../../../lib/validate.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { type Actor, authenticate } from '../../policy/policy.ts';
import { type Deps, existingMeeting, lockMeeting, mustBeScheduled, OBJECT_TYPE } from '../meeting-changes.ts';
import { placesTaken, type RegistrationView, registrationOf, withPosition } from '../meeting-registration.ts';

const { meetingRegistration, signature, workingGroupMember } = schema;

/** The organisations the actor represents that may come to the meeting (all of them for "anyone signed in"). */
async function eligibleOrganisations(db: Database, actor: Actor, row: schema.Meeting): Promise<string[]> {
  const own = [...actor.organisationIds];
  if (row.audience === 'signed_in' || own.length === 0) return own;
  const signatories = await db
    .select({ id: signature.organisationId })
    .from(signature)
    .where(
      and(
        eq(signature.allianceId, row.allianceId),
        eq(signature.status, 'active'),
        inArray(signature.organisationId, own),
      ),
    );
  const signed = signatories.map((s) => s.id);
  if (row.audience === 'alliance_signatories' || row.workingGroupId === null || signed.length === 0) return signed;
  const members = await db
    .select({ id: workingGroupMember.organisationId })
    .from(workingGroupMember)
    .where(
      and(
        eq(workingGroupMember.workingGroupId, row.workingGroupId),
        inArray(workingGroupMember.organisationId, signed),
      ),
    );
  return members.map((m) => m.id);
}

const WHO_MAY: Record<schema.MeetingAudience, string> = {
  group_members: 'Only representatives of the working group’s members may register for this meeting.',
  alliance_signatories: 'Only representatives of the alliance’s signatories may register for this meeting.',
  signed_in: 'You may not register for this meeting.',
};

/**
 * The signed-in person takes a place, or a place on the waiting list when every place is taken. Decided under a
 * lock on the meeting's row, so that concurrent registrations take exactly `capacity` places (the constraint
 * trigger of migration 0014 holds the same line in the database: docs/adr/0023-meetings.md).
 */
export async function registerForMeeting({
  db,
  actor,
  meetingId,
  organisationId,
  now = new Date(),
}: Deps & { meetingId: string; organisationId: string | null }): Promise<RegistrationView> {
  authenticate(actor);
  const current = await existingMeeting(db, actor, meetingId);
  const eligible = await eligibleOrganisations(db, actor, current);
  if (organisationId !== null && (!isUuid(organisationId) || !actor.organisationIds.has(organisationId))) {
    throw new DomainError('FORBIDDEN', 'You may register only for an organisation you represent.', 'organisationId');
  }
  if (
    current.audience !== 'signed_in' &&
    (eligible.length === 0 || (organisationId && !eligible.includes(organisationId)))
  ) {
    throw new DomainError('FORBIDDEN', WHO_MAY[current.audience]);
  }
  const forOrganisation = organisationId ?? eligible[0] ?? null;
  return db.transaction(async (tx) => {
    const row = await lockMeeting(tx, current.id);
    mustBeScheduled(row);
    const existing = await registrationOf(tx, row.id, actor.personId);
    if (existing && existing.status !== 'cancelled') {
      throw new DomainError(
        'CONFLICT',
        existing.status === 'registered'
          ? 'You already have a place at this meeting.'
          : 'You are already on the waiting list of this meeting.',
      );
    }
    const status = (await placesTaken(tx, row.id)) < row.capacity ? 'registered' : 'waiting';
    const values = { status, organisationId: forOrganisation, requestedAt: now, updatedAt: now } as const;
    const [saved] = existing
      ? await tx.update(meetingRegistration).set(values).where(eq(meetingRegistration.id, existing.id)).returning()
      : await tx
          .insert(meetingRegistration)
          .values({ ...values, meetingId: row.id, personId: actor.personId, createdAt: now })
          .returning();
    if (!saved) throw new DomainError('CONFLICT', 'The registration was not saved.');
    await recordAudit(tx, {
      allianceId: row.allianceId,
      actorPersonId: actor.personId,
      actorOrganisationId: forOrganisation,
      action: status === 'registered' ? 'meeting.place_taken' : 'meeting.waiting',
      objectType: OBJECT_TYPE,
      objectId: row.id,
      after: { registrationId: saved.id, status, organisationId: forOrganisation },
    });
    return withPosition(tx, saved);
  });
}
