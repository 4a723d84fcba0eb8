import { databaseErrorOf, SQLSTATE, schema } from '@concord/db';
import { and, eq } from 'drizzle-orm';
import { conflict, notFound } from '../../../errors.ts';
import type { WorkingGroupMemberParent } from '../../../graphql/mappers.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { authorize } from '../../policy/policy.ts';
import { type Deps, existingGroup, OBJECT_TYPE } from '../working-group-changes.ts';
import { type MembershipRole, memberOf } from '../working-group-membership.ts';

const { organisation, signature, workingGroupMember } = schema;

/**
 * A representative joins their organisation to a group as member or observer. Only active signatories of
 * the group's alliance join, and only open groups; joining twice is refused by the primary key, so two
 * requests at once end in one membership and CONFLICT for the other.
 */
export async function joinWorkingGroup({
  db,
  actor,
  workingGroupId,
  organisationId,
  role,
  now = new Date(),
}: Deps & {
  workingGroupId: string;
  organisationId: string;
  role: MembershipRole;
}): Promise<WorkingGroupMemberParent> {
  authorize(actor, { action: 'workingGroup.join', organisationId });
  const group = await existingGroup(db, actor, workingGroupId);
  if (group.status === 'closed') throw conflict(`The ${group.name} working group is closed: it takes no new members.`);
  const [org] = await db
    .select({ legalName: organisation.legalName, signatureId: signature.id })
    .from(organisation)
    .leftJoin(
      signature,
      and(
        eq(signature.organisationId, organisation.id),
        eq(signature.allianceId, group.allianceId),
        eq(signature.status, 'active'),
      ),
    )
    .where(eq(organisation.id, organisationId))
    .limit(1);
  if (!org) throw notFound('No such organisation.');
  if (org.signatureId === null) {
    throw conflict(
      `${org.legalName} is not an active signatory of this alliance: working groups are open to organisations whose signature of the declaration is active.`,
    );
  }
  try {
    return await db.transaction(async (tx) => {
      const [joined] = await tx
        .insert(workingGroupMember)
        .values({ workingGroupId: group.id, organisationId, role, joinedAt: now, createdAt: now, updatedAt: now })
        .returning();
      if (!joined) throw new Error('membership not created');
      await recordAudit(tx, {
        allianceId: group.allianceId,
        actorPersonId: actor.personId,
        actorOrganisationId: organisationId,
        action: 'working_group.member_joined',
        objectType: OBJECT_TYPE,
        objectId: group.id,
        before: null,
        after: { organisationId, role },
      });
      return memberOf(joined);
    });
  } catch (error) {
    const info = databaseErrorOf(error);
    if (
      info?.code === SQLSTATE.uniqueViolation &&
      info.constraint === 'working_group_member_working_group_id_organisation_id_pk'
    ) {
      throw conflict(`${org.legalName} is already a member of the ${group.name} working group.`);
    }
    throw error;
  }
}
