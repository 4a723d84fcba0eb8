import { schema } from '@concord/db';
import { eq } from 'drizzle-orm';
import { DomainError, notFound } from '../../../errors.ts';
import { isUuid } from '../../../lib/validate.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { authorize } from '../../policy/policy.ts';
import { findSeat } from '../steering-committee.reads.ts';
import { type Deps, existingAlliance, OBJECT_TYPE } from '../steering-committee-changes.ts';

const { steeringCommitteeMember: seat } = schema;

/** Secretariat: takes a seat off the steering committee, under the alliance's lock, with an audit event. */
export async function removeSteeringCommitteeMember({
  db,
  actor,
  id,
}: Pick<Deps, 'db' | 'actor'> & { id: string }): Promise<boolean> {
  const found = isUuid(id) ? await findSeat(db, id) : undefined;
  if (!found) {
    if (!actor) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
    throw notFound('No such member of the steering committee.');
  }
  authorize(actor, { action: 'steeringCommittee.manage', allianceId: found.allianceId });
  return db.transaction(async (tx) => {
    await existingAlliance(tx, actor, found.allianceId, { lock: true });
    const [removed] = await tx.delete(seat).where(eq(seat.id, found.id)).returning();
    if (!removed) throw notFound('This member of the steering committee has already been removed.');
    await recordAudit(tx, {
      allianceId: removed.allianceId,
      actorPersonId: actor?.personId ?? null,
      action: 'steering_committee.member_removed',
      objectType: OBJECT_TYPE,
      objectId: removed.allianceId,
      before: { personId: removed.personId, organisationId: removed.organisationId, role: removed.role },
    });
    return true;
  });
}
