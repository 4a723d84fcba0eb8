import { schema } from '@concord/db';
import { and, eq } from 'drizzle-orm';

const { signature, workingGroup, workingGroupMember } = schema;

/**
 * Members can only be active signatories. Withdrawing a signature leaves the membership row alone (the
 * signing module knows nothing of working groups), so every read of members joins the member's active
 * signature in the group's alliance: an organisation whose signature is withdrawn drops out of lists,
 * counts and "who is missing", and is back if it signs again. The partial unique index on live signatures
 * allows at most one active signature per organisation and alliance, so the join never repeats a member.
 * Needs `working_group_member` and `working_group` in scope.
 */
export const isActiveSignatory = and(
  eq(signature.organisationId, workingGroupMember.organisationId),
  eq(signature.allianceId, workingGroup.allianceId),
  eq(signature.status, 'active'),
);
