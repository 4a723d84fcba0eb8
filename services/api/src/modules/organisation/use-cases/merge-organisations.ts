import { type Database, schema } from '@concord/db';
import { and, asc, eq, inArray, isNull, or } from 'drizzle-orm';
import { badInput, conflict, DomainError } from '../../../errors.ts';
import { isUuid } from '../../../lib/validate.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { authenticate, authorize } from '../../policy/policy.ts';
import { alliancesOf, type Deps } from '../organisation-representatives.ts';

const {
  commitment,
  meetingAttendance,
  meetingRegistration,
  organisation,
  organisationDuplicateFlag,
  organisationMember,
  pledge,
  signature,
  steeringCommitteeMember,
  workingGroupMember,
} = schema;

/** How far along a live signature is: the one further along is kept when both organisations signed one alliance. */
const SIGNATURE_RANK: Partial<Record<schema.SignatureStatus, number>> = {
  active: 3,
  pending_review: 2,
  pending_confirmation: 1,
};
/** The stronger role is kept when both organisations belong to one working group. */
const ROLE_RANK: Record<schema.WorkingGroupRole, number> = { chair: 4, co_chair: 3, member: 2, observer: 1 };
const LIVE: schema.SignatureStatus[] = ['pending_confirmation', 'pending_review', 'active'];

/**
 * The secretariat merges an organisation flagged as a possible duplicate into another, in one transaction: both rows
 * are locked (in id order, so two merges of the same pair cannot deadlock), the duplicate is marked as merged first
 * (its representatives may then leave it: migration 0015), then its signatures, working-group memberships, pledges
 * (their reports follow them), representatives, the commitments it holds as taskholder, its meeting registrations and
 * the meetings it attended move to the survivor, with the conflicts resolved by the rules of the schema's description.
 * What records the duplicate's past acts (a commitment's progress notes, a comment's moderation) keeps naming it; it
 * stays, as a redirect to the survivor.
 */
export async function mergeOrganisations({
  db,
  actor,
  duplicateId,
  survivorId,
  now = new Date(),
}: Omit<Deps, 'jobs' | 'config'> & { duplicateId: string; survivorId: string }): Promise<schema.Organisation> {
  authenticate(actor);
  if (!isUuid(duplicateId)) throw new DomainError('NOT_FOUND', 'No such organisation.', 'duplicateId');
  if (!isUuid(survivorId)) throw new DomainError('NOT_FOUND', 'No such organisation.', 'survivorId');
  if (duplicateId === survivorId) throw badInput('survivorId', 'An organisation cannot be merged into itself.');
  return db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(organisation)
      .where(inArray(organisation.id, [duplicateId, survivorId]))
      .orderBy(asc(organisation.id))
      .for('update');
    const duplicate = rows.find((r) => r.id === duplicateId);
    const survivor = rows.find((r) => r.id === survivorId);
    if (!duplicate) throw new DomainError('NOT_FOUND', 'No such organisation.', 'duplicateId');
    if (!survivor) throw new DomainError('NOT_FOUND', 'No such organisation.', 'survivorId');
    const alliances = await alliancesOf(tx, [duplicate.id, survivor.id]);
    // An organisation that signed nothing yet is the business of the alliances its twin signed.
    const allianceIds = alliances.get(duplicate.id) ?? alliances.get(survivor.id) ?? [];
    authorize(actor, { action: 'organisation.merge', allianceIds });
    if (duplicate.mergedIntoId) throw conflict(`${duplicate.legalName} was already merged into another organisation.`);
    if (survivor.mergedIntoId)
      throw conflict(`${survivor.legalName} was merged into another organisation; merge into that one.`);
    const pair = or(
      and(
        eq(organisationDuplicateFlag.organisationId, duplicate.id),
        eq(organisationDuplicateFlag.duplicateOfId, survivor.id),
      ),
      and(
        eq(organisationDuplicateFlag.organisationId, survivor.id),
        eq(organisationDuplicateFlag.duplicateOfId, duplicate.id),
      ),
    );
    const flags = await tx.select({ id: organisationDuplicateFlag.id }).from(organisationDuplicateFlag).where(pair);
    if (flags.length === 0) {
      throw conflict(`${duplicate.legalName} and ${survivor.legalName} were never flagged as possible duplicates.`);
    }

    await tx
      .update(organisation)
      .set({ mergedIntoId: survivor.id, mergedAt: now, updatedAt: now })
      .where(eq(organisation.id, duplicate.id));
    // What was merged into the duplicate earlier now leads straight to the survivor.
    await tx.update(organisation).set({ mergedIntoId: survivor.id }).where(eq(organisation.mergedIntoId, duplicate.id));
    const closedSignatures = await settleSignatures(tx, duplicate, survivor, now);
    const moved = {
      signatures: await count(
        tx
          .update(signature)
          .set({ organisationId: survivor.id, updatedAt: now })
          .where(eq(signature.organisationId, duplicate.id))
          .returning({ id: signature.id }),
      ),
      workingGroups: await moveMemberships(tx, duplicate.id, survivor.id, now),
      pledges: await count(
        tx
          .update(pledge)
          .set({ organisationId: survivor.id })
          .where(eq(pledge.organisationId, duplicate.id))
          .returning({ id: pledge.id }),
      ),
      representatives: await moveRepresentatives(tx, duplicate.id, survivor.id),
      commitments: await count(
        tx
          .update(commitment)
          .set({ taskholderOrganisationId: survivor.id, updatedAt: now })
          .where(eq(commitment.taskholderOrganisationId, duplicate.id))
          .returning({ id: commitment.id }),
      ),
      meetingRegistrations: await count(
        tx
          .update(meetingRegistration)
          .set({ organisationId: survivor.id, updatedAt: now })
          .where(eq(meetingRegistration.organisationId, duplicate.id))
          .returning({ id: meetingRegistration.id }),
      ),
      meetingsAttended: await moveAttendance(tx, duplicate.id, survivor.id),
      // A seat is the person's (one per alliance), held for the organisation: it follows their representation.
      steeringCommitteeSeats: await count(
        tx
          .update(steeringCommitteeMember)
          .set({ organisationId: survivor.id, updatedAt: now })
          .where(eq(steeringCommitteeMember.organisationId, duplicate.id))
          .returning({ id: steeringCommitteeMember.id }),
      ),
    };
    await tx
      .update(organisationDuplicateFlag)
      .set({ resolvedAt: now })
      .where(and(pair, isNull(organisationDuplicateFlag.resolvedAt)));
    await recordAudit(tx, {
      actorPersonId: actor.personId,
      action: 'organisation.merged',
      objectType: 'organisation',
      objectId: survivor.id,
      after: { duplicateId: duplicate.id, moved, closedSignatures },
    });
    await recordAudit(tx, {
      actorPersonId: actor.personId,
      action: 'organisation.merged_into',
      objectType: 'organisation',
      objectId: duplicate.id,
      after: { survivorId: survivor.id },
    });
    const [merged] = await tx.select().from(organisation).where(eq(organisation.id, survivor.id));
    return merged ?? survivor;
  });
}

const count = async (rows: Promise<unknown[]>) => (await rows).length;

/** A meeting both attended is attended once by the survivor; the duplicate's other meetings become the survivor's. */
async function moveAttendance(tx: Database, duplicateId: string, survivorId: string): Promise<number> {
  const ours = tx
    .select({ meetingId: meetingAttendance.meetingId })
    .from(meetingAttendance)
    .where(eq(meetingAttendance.organisationId, survivorId));
  await tx
    .delete(meetingAttendance)
    .where(and(eq(meetingAttendance.organisationId, duplicateId), inArray(meetingAttendance.meetingId, ours)));
  return count(
    tx
      .update(meetingAttendance)
      .set({ organisationId: survivorId })
      .where(eq(meetingAttendance.organisationId, duplicateId))
      .returning({ meetingId: meetingAttendance.meetingId }),
  );
}

/**
 * Where both organisations have a live signature of one alliance (one live signature per organisation and alliance
 * is an invariant), the one further along is kept, the survivor's between equals; the other is closed as withdrawn,
 * its reason saying why. Answers the ids of the signatures closed.
 */
async function settleSignatures(
  tx: Database,
  duplicate: schema.Organisation,
  survivor: schema.Organisation,
  now: Date,
): Promise<string[]> {
  const live = await tx
    .select()
    .from(signature)
    .where(and(inArray(signature.organisationId, [duplicate.id, survivor.id]), inArray(signature.status, LIVE)))
    .for('update');
  const closed: string[] = [];
  for (const ours of live.filter((s) => s.organisationId === survivor.id)) {
    const theirs = live.find((s) => s.organisationId === duplicate.id && s.allianceId === ours.allianceId);
    if (!theirs) continue;
    const loser = (SIGNATURE_RANK[theirs.status] ?? 0) > (SIGNATURE_RANK[ours.status] ?? 0) ? ours : theirs;
    await tx
      .update(signature)
      .set({
        status: 'withdrawn',
        withdrawnAt: now,
        withdrawalReason: `Merged: ${duplicate.legalName} and ${survivor.legalName} are one organisation.`,
        updatedAt: now,
      })
      .where(eq(signature.id, loser.id));
    closed.push(loser.id);
  }
  return closed;
}

/** The duplicate's memberships move; in a group both belong to, the stronger role and the earlier date are kept. */
async function moveMemberships(tx: Database, duplicateId: string, survivorId: string, now: Date): Promise<number> {
  const rows = await tx
    .select()
    .from(workingGroupMember)
    .where(inArray(workingGroupMember.organisationId, [duplicateId, survivorId]));
  let moved = 0;
  for (const theirs of rows.filter((r) => r.organisationId === duplicateId)) {
    const ours = rows.find((r) => r.organisationId === survivorId && r.workingGroupId === theirs.workingGroupId);
    const row = and(
      eq(workingGroupMember.workingGroupId, theirs.workingGroupId),
      eq(workingGroupMember.organisationId, duplicateId),
    );
    if (!ours) {
      await tx.update(workingGroupMember).set({ organisationId: survivorId, updatedAt: now }).where(row);
      moved++;
      continue;
    }
    // The duplicate's row goes first: a group has one chair, and the survivor may be about to take the chair.
    await tx.delete(workingGroupMember).where(row);
    // The stronger role stays, with the person named to hold it if it is a chair.
    const stronger = ROLE_RANK[theirs.role] > ROLE_RANK[ours.role] ? theirs : ours;
    await tx
      .update(workingGroupMember)
      .set({
        role: stronger.role,
        chairPersonId: stronger.chairPersonId,
        joinedAt: new Date(Math.min(theirs.joinedAt.getTime(), ours.joinedAt.getTime())),
        updatedAt: now,
      })
      .where(
        and(
          eq(workingGroupMember.workingGroupId, ours.workingGroupId),
          eq(workingGroupMember.organisationId, survivorId),
        ),
      );
  }
  return moved;
}

/** The duplicate's representatives represent the survivor (those who already do stay as they are). */
async function moveRepresentatives(tx: Database, duplicateId: string, survivorId: string): Promise<number> {
  const theirs = await tx.select().from(organisationMember).where(eq(organisationMember.organisationId, duplicateId));
  const added =
    theirs.length === 0
      ? []
      : await tx
          .insert(organisationMember)
          .values(theirs.map((m) => ({ ...m, organisationId: survivorId })))
          .onConflictDoNothing()
          .returning({ personId: organisationMember.personId });
  await tx.delete(organisationMember).where(eq(organisationMember.organisationId, duplicateId));
  return added.length;
}
