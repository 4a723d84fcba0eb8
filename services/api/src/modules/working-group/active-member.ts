import { schema } from '@concord/db';
import { and, type Column, eq, type SQL } from 'drizzle-orm';

const { organisationMember, signature, workingGroup, workingGroupMember } = schema;

/**
 * Who counts in an alliance's roles: the one home of the rule. A role held for an organisation (a working-group
 * membership or chair, a steering-committee seat) counts while the organisation is an active signatory of the
 * alliance, and a role named to a person while they still represent the organisation. Withdrawing a signature or
 * removing a representative leaves the role's row alone (the signing and organisation modules know nothing of the
 * roles), so every read joins these conditions: a role whose organisation withdrew, or whose person left, drops out
 * of lists, counts and rights, and is back if the organisation signs again or the person represents it again. The
 * partial unique index on live signatures allows at most one active signature per organisation and alliance, so the
 * join never repeats a row.
 */

/** The join of `signature` that holds while `organisationId` is an active signatory of `allianceId`. */
export const activeSignatureOf = (organisationId: Column | SQL, allianceId: Column | SQL) =>
  and(
    eq(signature.organisationId, organisationId),
    eq(signature.allianceId, allianceId),
    eq(signature.status, 'active'),
  );

/** The join of `organisation_member` that holds while `personId` represents `organisationId`. */
export const stillRepresents = (personId: Column | SQL, organisationId: Column | SQL) =>
  and(eq(organisationMember.personId, personId), eq(organisationMember.organisationId, organisationId));

/**
 * Members can only be active signatories: the join of `signature` for a working group's members. Needs
 * `working_group_member` and `working_group` in scope.
 */
export const isActiveSignatory = activeSignatureOf(workingGroupMember.organisationId, workingGroup.allianceId);
