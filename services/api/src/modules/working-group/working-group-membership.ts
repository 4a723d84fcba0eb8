import { type Database, schema } from '@concord/db';
import { and, eq, ne } from 'drizzle-orm';
import { badInput, conflict, type DomainError } from '../../errors.ts';
import type { WorkingGroupMemberParent } from '../../graphql/mappers.ts';
import { isUuid } from '../../lib/validate.ts';

/**
 * A membership as the use cases read and change it: the member with its name and whether it still signs, the
 * refusals in words, and the CONFLICT that says what a membership is now when a change lost a race.
 */
const { organisation, signature, workingGroup, workingGroupMember } = schema;

export type ChairRole = 'chair' | 'co_chair';
export type MembershipRole = 'member' | 'observer';

export const memberOf = (row: schema.WorkingGroupMember): WorkingGroupMemberParent => ({
  organisationId: row.organisationId,
  role: row.role,
  joinedAt: row.joinedAt,
  chairPersonId: row.chairPersonId,
});

export async function findMembership(
  db: Database,
  workingGroupId: string,
  organisationId: string,
): Promise<(schema.WorkingGroupMember & { legalName: string; isActiveSignatory: boolean }) | undefined> {
  if (!isUuid(organisationId)) return undefined;
  const [row] = await db
    .select({ member: workingGroupMember, legalName: organisation.legalName, signatureId: signature.id })
    .from(workingGroupMember)
    .innerJoin(workingGroup, eq(workingGroup.id, workingGroupMember.workingGroupId))
    .innerJoin(organisation, eq(organisation.id, workingGroupMember.organisationId))
    .leftJoin(
      signature,
      and(
        eq(signature.organisationId, workingGroupMember.organisationId),
        eq(signature.allianceId, workingGroup.allianceId),
        eq(signature.status, 'active'),
      ),
    )
    .where(
      and(eq(workingGroupMember.workingGroupId, workingGroupId), eq(workingGroupMember.organisationId, organisationId)),
    )
    .limit(1);
  return row && { ...row.member, legalName: row.legalName, isActiveSignatory: row.signatureId !== null };
}

export const notAMember = (group: schema.WorkingGroup) =>
  badInput('organisationId', `This organisation is not a member of the ${group.name} working group.`);

/**
 * Deletes a membership that is not the chair's. The condition on the role makes a chair appointed meanwhile
 * stay: the group is never left without its chair.
 */
export async function deleteMembership(
  tx: Database,
  group: schema.WorkingGroup,
  member: schema.WorkingGroupMember & { legalName: string },
): Promise<schema.WorkingGroupMember> {
  const [deleted] = await tx
    .delete(workingGroupMember)
    .where(
      and(
        eq(workingGroupMember.workingGroupId, group.id),
        eq(workingGroupMember.organisationId, member.organisationId),
        ne(workingGroupMember.role, 'chair'),
      ),
    )
    .returning();
  if (!deleted) throw await membershipNow(tx, group, member);
  return deleted;
}

export const chairMustBeReplaced = (group: schema.WorkingGroup, member: { legalName: string }) =>
  conflict(
    `${member.legalName} chairs the ${group.name} working group: the secretariat must appoint another chair first.`,
  );

/**
 * The CONFLICT for a membership change that matched nothing because another request changed it first: it
 * says what the membership is now (read in the same transaction), not what this request expected.
 */
export async function membershipNow(
  tx: Database,
  group: schema.WorkingGroup,
  member: { organisationId: string; legalName: string },
): Promise<DomainError> {
  const [now] = await tx
    .select({ role: workingGroupMember.role })
    .from(workingGroupMember)
    .where(
      and(
        eq(workingGroupMember.workingGroupId, group.id),
        eq(workingGroupMember.organisationId, member.organisationId),
      ),
    );
  if (!now) return conflict(`${member.legalName} is no longer a member of the ${group.name} working group.`);
  if (now.role === 'chair') return chairMustBeReplaced(group, member);
  return conflict(`${member.legalName} is now ${now.role.replace('_', '-')} of the ${group.name} working group.`);
}
