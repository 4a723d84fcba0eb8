import { requiredText } from '../../../lib/validate.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { authorize, can, heldChair } from '../../policy/policy.ts';
import { chairHoldersOf } from '../chairs.ts';
import { type Deps, existingGroup, OBJECT_TYPE } from '../working-group-changes.ts';
import { chairMustBeReplaced, deleteMembership, findMembership, notAMember } from '../working-group-membership.ts';

/**
 * A chair or co-chair of the group, or the secretariat, removes a member; the reason is kept in the audit
 * log. The chair cannot be removed this way: the secretariat appoints another chair first.
 */
export async function removeWorkingGroupMember({
  db,
  actor,
  workingGroupId,
  organisationId,
  reason,
}: Deps & { workingGroupId: string; organisationId: string; reason: string }): Promise<boolean> {
  const why = requiredText(reason, 'reason', { max: 2000, isMultiline: true });
  const group = await existingGroup(db, actor, workingGroupId);
  const chairs = await chairHoldersOf(db, group.id);
  authorize(actor, { action: 'workingGroup.removeMember', allianceId: group.allianceId, chairs });
  const member = await findMembership(db, group.id, organisationId);
  if (!member) throw notAMember(group);
  if (member.role === 'chair') throw chairMustBeReplaced(group, member);
  // Acting for the secretariat leaves the organisation empty (the history shows "by the secretariat");
  // a chair acts for the chairing organisation they represent.
  const actingFor = can(actor, { action: 'workingGroup.manage', allianceId: group.allianceId })
    ? null
    : (heldChair(actor, chairs)?.organisationId ?? null);
  await db.transaction(async (tx) => {
    const removed = await deleteMembership(tx, group, member);
    await recordAudit(tx, {
      allianceId: group.allianceId,
      actorPersonId: actor.personId,
      actorOrganisationId: actingFor,
      action: 'working_group.member_removed',
      objectType: OBJECT_TYPE,
      objectId: group.id,
      before: { organisationId, role: removed.role },
      after: { organisationId, role: null, reason: why },
    });
  });
  return true;
}
