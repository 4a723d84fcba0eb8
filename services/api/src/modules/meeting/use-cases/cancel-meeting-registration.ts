import { schema } from '@concord/db';
import { eq } from 'drizzle-orm';
import { DomainError } from '../../../errors.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { authenticate } from '../../policy/policy.ts';
import { type Deps, existingMeeting, lockMeeting, OBJECT_TYPE } from '../meeting-changes.ts';
import { type RegistrationView, registrationOf, waitingList } from '../meeting-registration.ts';

const { meetingRegistration } = schema;

/**
 * The signed-in person gives up their place, or leaves the waiting list. A place given up goes, in the same
 * transaction and under the meeting's lock, to the first on the waiting list.
 */
export async function cancelMeetingRegistration({
  db,
  actor,
  meetingId,
  now = new Date(),
}: Deps & { meetingId: string }): Promise<RegistrationView> {
  authenticate(actor);
  const current = await existingMeeting(db, actor, meetingId);
  return db.transaction(async (tx) => {
    const row = await lockMeeting(tx, current.id);
    const existing = await registrationOf(tx, row.id, actor.personId);
    if (!existing || existing.status === 'cancelled') {
      throw new DomainError('CONFLICT', 'You have no place at this meeting, nor one on its waiting list.');
    }
    const [cancelled] = await tx
      .update(meetingRegistration)
      .set({ status: 'cancelled', updatedAt: now })
      .where(eq(meetingRegistration.id, existing.id))
      .returning();
    let promoted: schema.MeetingRegistration | undefined;
    if (existing.status === 'registered' && row.status === 'scheduled') {
      [promoted] = await waitingList(tx, row.id);
      if (promoted) {
        await tx
          .update(meetingRegistration)
          .set({ status: 'registered', updatedAt: now })
          .where(eq(meetingRegistration.id, promoted.id));
      }
    }
    await recordAudit(tx, {
      allianceId: row.allianceId,
      actorPersonId: actor.personId,
      action: 'meeting.registration_cancelled',
      objectType: OBJECT_TYPE,
      objectId: row.id,
      before: { registrationId: existing.id, status: existing.status },
      after: { registrationId: existing.id, status: 'cancelled', movedUp: promoted?.id ?? null },
    });
    return { ...(cancelled ?? existing), waitingPosition: null };
  });
}
