import { type Database, schema } from '@concord/db';
import { asc, eq, inArray } from 'drizzle-orm';
import type { WorkingGroupMembershipParent } from '../../graphql/mappers.ts';
import { inOrderOf } from '../../lib/by-id.ts';

const { organisation, workingGroup, workingGroupMember } = schema;

/** Organisations by id, in the order asked (null where none). */
export async function loadOrganisations(db: Database, ids: readonly string[]): Promise<(schema.Organisation | null)[]> {
  const rows = await db
    .select()
    .from(organisation)
    .where(inArray(organisation.id, [...new Set(ids)]));
  return inOrderOf(ids, rows, (r) => r.id);
}

/** Each organisation's working-group memberships with the group, by group name. */
export async function loadMemberships(
  db: Database,
  organisationIds: readonly string[],
): Promise<WorkingGroupMembershipParent[][]> {
  const rows = await db
    .select({
      organisationId: workingGroupMember.organisationId,
      role: workingGroupMember.role,
      joinedAt: workingGroupMember.joinedAt,
      workingGroup,
    })
    .from(workingGroupMember)
    .innerJoin(workingGroup, eq(workingGroup.id, workingGroupMember.workingGroupId))
    .where(inArray(workingGroupMember.organisationId, [...new Set(organisationIds)]))
    .orderBy(asc(workingGroup.name));
  const byOrganisation = new Map<string, WorkingGroupMembershipParent[]>();
  for (const { organisationId, ...membership } of rows) {
    const list = byOrganisation.get(organisationId) ?? [];
    list.push(membership);
    byOrganisation.set(organisationId, list);
  }
  return organisationIds.map((id) => byOrganisation.get(id) ?? []);
}
