import { type Database, databaseErrorOf, SQLSTATE, schema } from '@concord/db';
import { and, eq, ne } from 'drizzle-orm';
import { badInput, conflict, DomainError, notFound } from '../../errors.ts';
import type { WorkingGroupMemberParent } from '../../graphql/mappers.ts';
import { isUuid, requiredText } from '../../lib/validate.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, authorize, can } from '../policy/policy.ts';
import { loadChairs } from './working-group.service.ts';
import { parseWorkingGroupInput, type WorkingGroupInput } from './working-group-input.ts';

const { alliance, organisation, signature, workingGroup, workingGroupMember } = schema;

interface Deps {
  db: Database;
  actor: Actor | null;
  now?: Date;
}

type ChairRole = 'chair' | 'co_chair';
type MembershipRole = 'member' | 'observer';

const OBJECT_TYPE = 'working_group';

/** What the audit log keeps of a group: every field the secretariat sets. */
const auditedFields = (row: schema.WorkingGroup) => ({
  slug: row.slug,
  name: row.name,
  kind: row.kind,
  mandate: row.mandate,
  status: row.status,
  relevantStages: row.relevantStages,
});

const memberOf = (row: schema.WorkingGroupMember): WorkingGroupMemberParent => ({
  organisationId: row.organisationId,
  role: row.role,
  joinedAt: row.joinedAt,
});

/** A unique violation on the slug becomes CONFLICT on `input.slug`; anything else is not ours to explain. */
function slugTaken(error: unknown, slug: string): DomainError | undefined {
  const info = databaseErrorOf(error);
  if (info?.code === SQLSTATE.uniqueViolation && info.constraint === 'working_group_alliance_slug_unique') {
    return new DomainError('CONFLICT', `Another working group of this alliance has the slug "${slug}".`, 'input.slug');
  }
  return undefined;
}

async function findGroup(db: Database, id: string): Promise<schema.WorkingGroup | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(workingGroup).where(eq(workingGroup.id, id)).limit(1);
  return row;
}

/** The group, or NOT_FOUND; the public learns nothing about ids and is asked to sign in instead. */
async function existingGroup(db: Database, actor: Actor | null, id: string): Promise<schema.WorkingGroup> {
  const row = await findGroup(db, id);
  if (!row) {
    if (!actor) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
    throw notFound('No such working group.');
  }
  return row;
}

async function findMembership(
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

const notAMember = (group: schema.WorkingGroup) =>
  badInput('organisationId', `This organisation is not a member of the ${group.name} working group.`);

/** Secretariat: creates a working group in an alliance. */
export async function createWorkingGroup({
  db,
  actor,
  allianceSlug,
  input,
  now = new Date(),
}: Deps & { allianceSlug: string; input: WorkingGroupInput }): Promise<schema.WorkingGroup> {
  const values = parseWorkingGroupInput(input);
  const [target] = await db.select().from(alliance).where(eq(alliance.slug, allianceSlug)).limit(1);
  if (!target) throw notFound(`No alliance has the slug "${allianceSlug}".`);
  authorize(actor, { action: 'workingGroup.manage', allianceId: target.id });
  try {
    return await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(workingGroup)
        .values({ ...values, status: values.status ?? 'active', allianceId: target.id, createdAt: now, updatedAt: now })
        .returning();
      if (!created) throw new Error('working group not created');
      await recordAudit(tx, {
        allianceId: target.id,
        actorPersonId: actor.personId,
        action: 'working_group.created',
        objectType: OBJECT_TYPE,
        objectId: created.id,
        after: auditedFields(created),
      });
      return created;
    });
  } catch (error) {
    throw slugTaken(error, values.slug) ?? error;
  }
}

/** Secretariat: changes a working group's slug, name, kind, mandate, status and relevant stages. */
export async function updateWorkingGroup({
  db,
  actor,
  workingGroupId,
  input,
  now = new Date(),
}: Deps & { workingGroupId: string; input: WorkingGroupInput }): Promise<schema.WorkingGroup> {
  const values = parseWorkingGroupInput(input);
  const current = await existingGroup(db, actor, workingGroupId);
  authorize(actor, { action: 'workingGroup.manage', allianceId: current.allianceId });
  try {
    return await db.transaction(async (tx) => {
      // Locked, so that the audit event's "before" is what this change replaced, even when two edits race.
      const [before] = await tx.select().from(workingGroup).where(eq(workingGroup.id, current.id)).for('update');
      if (!before) throw notFound('No such working group.');
      const [updated] = await tx
        .update(workingGroup)
        .set({ ...values, status: values.status ?? before.status, updatedAt: now })
        .where(eq(workingGroup.id, before.id))
        .returning();
      if (!updated) throw notFound('No such working group.');
      await recordAudit(tx, {
        allianceId: updated.allianceId,
        actorPersonId: actor.personId,
        action: 'working_group.updated',
        objectType: OBJECT_TYPE,
        objectId: updated.id,
        before: auditedFields(before),
        after: auditedFields(updated),
      });
      return updated;
    });
  } catch (error) {
    throw slugTaken(error, values.slug) ?? error;
  }
}

/**
 * Secretariat: makes a member organisation chair or co-chair. A group has one chair: appointing a new one
 * makes the previous chair a member, in the same transaction and the same audit event. Chair appointments
 * to one group are serialised by locking the group's row, so two at once still leave exactly one chair.
 */
export async function appointChair({
  db,
  actor,
  workingGroupId,
  organisationId,
  role,
  now = new Date(),
}: Deps & { workingGroupId: string; organisationId: string; role: ChairRole }): Promise<WorkingGroupMemberParent> {
  const group = await existingGroup(db, actor, workingGroupId);
  authorize(actor, { action: 'workingGroup.manage', allianceId: group.allianceId });
  return db.transaction(async (tx) => {
    await tx.select({ id: workingGroup.id }).from(workingGroup).where(eq(workingGroup.id, group.id)).for('update');
    const member = await findMembership(tx, group.id, organisationId);
    if (!member) {
      throw badInput(
        'organisationId',
        `This organisation is not a member of the ${group.name} working group; it must join before it can chair.`,
      );
    }
    if (!member.isActiveSignatory) {
      throw badInput(
        'organisationId',
        `${member.legalName} is no longer an active signatory of the alliance, so it cannot chair a working group.`,
      );
    }
    if (member.role === role) return memberOf(member);
    if (member.role === 'chair') {
      throw conflict(
        `${member.legalName} chairs the ${group.name} working group. Appoint another chair first; ${member.legalName} then becomes a member and can be made co-chair.`,
      );
    }
    let previousChair: schema.WorkingGroupMember | undefined;
    if (role === 'chair') {
      [previousChair] = await tx
        .update(workingGroupMember)
        .set({ role: 'member', updatedAt: now })
        .where(
          and(
            eq(workingGroupMember.workingGroupId, group.id),
            eq(workingGroupMember.role, 'chair'),
            ne(workingGroupMember.organisationId, member.organisationId),
          ),
        )
        .returning();
    }
    const [appointed] = await tx
      .update(workingGroupMember)
      .set({ role, updatedAt: now })
      .where(
        and(
          eq(workingGroupMember.workingGroupId, group.id),
          eq(workingGroupMember.organisationId, member.organisationId),
          eq(workingGroupMember.role, member.role),
        ),
      )
      .returning();
    if (!appointed) throw await membershipNow(tx, group, member);
    const previous = previousChair && { organisationId: previousChair.organisationId };
    await recordAudit(tx, {
      allianceId: group.allianceId,
      actorPersonId: actor.personId,
      action: 'working_group.chair_appointed',
      objectType: OBJECT_TYPE,
      objectId: group.id,
      before: {
        organisationId: member.organisationId,
        role: member.role,
        ...(previous ? { previousChair: { ...previous, role: 'chair' } } : {}),
      },
      // The previous chair stays in the group as a member: the event says so, beside the appointment.
      after: {
        organisationId: member.organisationId,
        role,
        ...(previous ? { previousChair: { ...previous, role: 'member' } } : {}),
      },
    });
    return memberOf(appointed);
  });
}

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

/**
 * Deletes a membership that is not the chair's. The condition on the role makes a chair appointed meanwhile
 * stay: the group is never left without its chair.
 */
async function deleteMembership(
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

const chairMustBeReplaced = (group: schema.WorkingGroup, member: { legalName: string }) =>
  conflict(
    `${member.legalName} chairs the ${group.name} working group: the secretariat must appoint another chair first.`,
  );

/**
 * The CONFLICT for a membership change that matched nothing because another request changed it first: it
 * says what the membership is now (read in the same transaction), not what this request expected.
 */
async function membershipNow(
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
  const [chairs = []] = await loadChairs(db, [group.id]);
  const chairOrganisationIds = chairs.map((c) => c.organisationId);
  authorize(actor, { action: 'workingGroup.removeMember', allianceId: group.allianceId, chairOrganisationIds });
  const member = await findMembership(db, group.id, organisationId);
  if (!member) throw notAMember(group);
  if (member.role === 'chair') throw chairMustBeReplaced(group, member);
  // Acting for the secretariat leaves the organisation empty (the history shows "by the secretariat");
  // a chair acts for the chairing organisation they represent.
  const actingFor = can(actor, { action: 'workingGroup.manage', allianceId: group.allianceId })
    ? null
    : (chairOrganisationIds.find((id) => actor.organisationIds.has(id)) ?? null);
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
