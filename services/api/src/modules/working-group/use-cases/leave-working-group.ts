import { recordAudit } from '../../audit/audit.service.ts';
import { authorize } from '../../policy/policy.ts';
import { type Deps, existingGroup, OBJECT_TYPE } from '../working-group-changes.ts';
import { chairMustBeReplaced, deleteMembership, findMembership, notAMember } from '../working-group-membership.ts';

/** A representative takes their organisation out of a group. The chair must be replaced first. */
export async function leaveWorkingGroup({
  db,
  actor,
  workingGroupId,
  organisationId,
}: Deps & { workingGroupId: string; organisationId: string }): Promise<boolean> {
  authorize(actor, { action: 'workingGroup.join', organisationId });
  const group = await existingGroup(db, actor, workingGroupId);
  const member = await findMembership(db, group.id, organisationId);
  if (!member) throw notAMember(group);
  if (member.role === 'chair') throw chairMustBeReplaced(group, member);
  await db.transaction(async (tx) => {
    const left = await deleteMembership(tx, group, member);
    await recordAudit(tx, {
      allianceId: group.allianceId,
      actorPersonId: actor.personId,
      actorOrganisationId: organisationId,
      action: 'working_group.member_left',
      objectType: OBJECT_TYPE,
      objectId: group.id,
      before: { organisationId, role: left.role },
      after: null,
    });
  });
  return true;
}
