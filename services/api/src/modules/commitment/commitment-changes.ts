import { type Database, schema } from '@concord/db';
import { and, eq } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import { badInput, DomainError, notFound } from '../../errors.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { isUuid } from '../../lib/validate.ts';
import { type Actor, type ChairHolder, heldChair } from '../policy/policy.ts';
import type { CommitmentValues } from './commitment-input.ts';

/**
 * What the commitment use cases (use-cases/*.ts) share: their dependencies, finding a commitment and its group's
 * chairs, checking a taskholder, in which capacity a person writes, and what the audit log keeps.
 */
const { commitment, organisationMember, signature, workingGroupMember } = schema;

export interface Deps {
  db: Database;
  actor: Actor | null;
  jobs: JobQueue;
  config: Config;
  now?: Date;
}

export const OBJECT_TYPE = 'commitment';

/** What the audit log keeps of a commitment: no person (the named person goes in the event's personal part). */
export const auditedFields = (row: schema.Commitment) => ({
  title: row.title,
  description: row.description,
  workingGroupId: row.workingGroupId,
  taskholderOrganisationId: row.taskholderOrganisationId,
  deadline: row.deadline,
  status: row.status,
  decisionId: row.decisionId,
});

/** The named person as the event's personal part, so that erasing them leaves the chain whole (ADR 0014). */
export const personalPart = (row: schema.Commitment) =>
  row.taskholderPersonId
    ? { personId: row.taskholderPersonId, data: { taskholderPersonId: row.taskholderPersonId } }
    : null;

/** The commitment, locked when `forUpdate`; NOT_FOUND for an id of none (the public is asked to sign in). */
export async function existingCommitment(
  db: Database,
  actor: Actor | null,
  id: string,
  { forUpdate = false } = {},
): Promise<schema.Commitment> {
  const query = isUuid(id) ? db.select().from(commitment).where(eq(commitment.id, id)).limit(1) : undefined;
  const [row] = query ? await (forUpdate ? query.for('update') : query) : [];
  if (!row) {
    if (!actor) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
    throw notFound('No such commitment.');
  }
  return row;
}

/**
 * A taskholder is an active signatory of the alliance and, for a group's commitment, a member of the group; a named
 * person represents it. Checked in the writing transaction, so a membership removed meanwhile is seen.
 */
export async function checkTaskholder(
  tx: Database,
  {
    allianceId,
    workingGroupId,
    values,
  }: { allianceId: string; workingGroupId: string | null; values: CommitmentValues },
): Promise<void> {
  const orgId = values.taskholderOrganisationId;
  const [signed] = await tx
    .select({ id: signature.id })
    .from(signature)
    .where(
      and(eq(signature.organisationId, orgId), eq(signature.allianceId, allianceId), eq(signature.status, 'active')),
    )
    .limit(1);
  if (!signed) throw badInput('input.taskholderOrganisationId', 'The taskholder must be a signatory of the alliance.');
  if (workingGroupId) {
    const [member] = await tx
      .select({ id: workingGroupMember.organisationId })
      .from(workingGroupMember)
      .where(and(eq(workingGroupMember.workingGroupId, workingGroupId), eq(workingGroupMember.organisationId, orgId)))
      .limit(1);
    if (!member) throw badInput('input.taskholderOrganisationId', 'The taskholder must be a member of the group.');
  }
  if (values.taskholderPersonId) {
    const [represents] = await tx
      .select({ id: organisationMember.personId })
      .from(organisationMember)
      .where(
        and(eq(organisationMember.organisationId, orgId), eq(organisationMember.personId, values.taskholderPersonId)),
      )
      .limit(1);
    if (!represents) {
      throw badInput('input.taskholderPersonId', 'The named person must be a representative of the taskholder.');
    }
  }
}

/**
 * In which capacity the actor writes about a commitment, and for which organisation: as the taskholder first (a
 * chair reporting on their own organisation's task reports as its taskholder), then as a chair, then the secretariat.
 */
export function authorRole(
  actor: Actor,
  row: schema.Commitment,
  chairs: readonly ChairHolder[],
): { byRole: schema.CommitmentUpdateRole; byOrganisationId: string | null } {
  if (actor.organisationIds.has(row.taskholderOrganisationId)) {
    return { byRole: 'taskholder', byOrganisationId: row.taskholderOrganisationId };
  }
  return managerRole(actor, chairs);
}

/** In which capacity a chair or the secretariat sets what, who and when (never as taskholder: that is no report). */
export function managerRole(
  actor: Actor,
  chairs: readonly ChairHolder[],
): { byRole: 'chair' | 'secretariat'; byOrganisationId: string | null } {
  const chair = heldChair(actor, chairs);
  return chair
    ? { byRole: 'chair', byOrganisationId: chair.organisationId }
    : { byRole: 'secretariat', byOrganisationId: null };
}

/** Done and dropped are final: nothing changes them again. */
export function refuseIfFinal(row: schema.Commitment): void {
  if (row.status === 'done' || row.status === 'dropped') {
    throw new DomainError(
      'CONFLICT',
      `This commitment is ${row.status === 'done' ? 'done' : 'dropped'}: it can no longer change.`,
    );
  }
}
