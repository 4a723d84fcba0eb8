import { type Database, schema } from '@concord/db';
import { and, eq, ne } from 'drizzle-orm';
import type { Config } from '../../../config.ts';
import { badInput, conflict } from '../../../errors.ts';
import type { WorkingGroupMemberParent } from '../../../graphql/mappers.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import { isUuid } from '../../../lib/validate.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { authorize } from '../../policy/policy.ts';
import { mayBeNamedChair } from '../chairs.ts';
import { type Deps, existingGroup, OBJECT_TYPE } from '../working-group-changes.ts';
import { type ChairRole, findMembership, memberOf, membershipNow } from '../working-group-membership.ts';

const { alliance, organisationMember, person, workingGroup, workingGroupMember } = schema;

/**
 * Secretariat: names a representative of a member organisation chair or co-chair; they alone act as chair for it
 * (docs/adr/0033-chairs-are-people.md). A group has one chair: appointing a new one makes the previous chair a
 * member, in the same transaction and the same audit event; naming another person of the same organisation to the
 * same role changes who holds it. Chair appointments to one group are serialised by locking the group's row, so two
 * at once still leave exactly one chair. The person named gets an e-mail saying so, in their language, through the
 * queue (enqueued in the transaction: sent if and only if the appointment commits); naming nobody new sends none.
 */
export async function appointChair({
  db,
  jobs,
  config,
  actor,
  workingGroupId,
  organisationId,
  personId,
  role,
  now = new Date(),
}: Deps & {
  jobs: JobQueue;
  config: Config;
  workingGroupId: string;
  organisationId: string;
  personId: string;
  role: ChairRole;
}): Promise<WorkingGroupMemberParent> {
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
    if (!mayBeNamedChair(member)) {
      throw badInput(
        'organisationId',
        `${member.legalName} observes the ${group.name} working group, and an observer cannot chair: it can leave the group and join it again as a member.`,
      );
    }
    const [represents] = isUuid(personId)
      ? await tx
          .select({ personId: organisationMember.personId })
          .from(organisationMember)
          .where(
            and(
              eq(organisationMember.organisationId, member.organisationId),
              eq(organisationMember.personId, personId),
            ),
          )
      : [];
    if (!represents) {
      throw badInput(
        'personId',
        `This person does not represent ${member.legalName}: a chair is named from the organisation's representatives.`,
      );
    }
    if (member.role === role && member.chairPersonId === personId) return memberOf(member);
    if (member.role === 'chair' && role !== 'chair') {
      throw conflict(
        `${member.legalName} chairs the ${group.name} working group. Appoint another chair first; ${member.legalName} then becomes a member and can be made co-chair.`,
      );
    }
    let previousChair: schema.WorkingGroupMember | undefined;
    if (role === 'chair') {
      [previousChair] = await tx
        .update(workingGroupMember)
        .set({ role: 'member', chairPersonId: null, updatedAt: now })
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
      .set({ role, chairPersonId: personId, updatedAt: now })
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
        chairPersonId: member.chairPersonId,
        ...(previous ? { previousChair: { ...previous, role: 'chair' } } : {}),
      },
      // The previous chair stays in the group as a member: the event says so, beside the appointment.
      after: {
        organisationId: member.organisationId,
        role,
        chairPersonId: personId,
        ...(previous ? { previousChair: { ...previous, role: 'member' } } : {}),
      },
    });
    await notifyAppointed(tx, jobs, config, { group, legalName: member.legalName, personId, role, now });
    return memberOf(appointed);
  });
}

/** The e-mail to the person just named chair or co-chair. */
async function notifyAppointed(
  tx: Database,
  jobs: JobQueue,
  config: Config,
  {
    group,
    legalName,
    personId,
    role,
    now,
  }: { group: schema.WorkingGroup; legalName: string; personId: string; role: ChairRole; now: Date },
) {
  const [row] = await tx
    .select({ email: person.email, locale: person.locale, allianceName: alliance.name, allianceSlug: alliance.slug })
    .from(person)
    .innerJoin(alliance, eq(alliance.id, group.allianceId))
    .where(eq(person.id, personId));
  if (!row) return;
  await jobs.enqueue(tx, 'send-email', {
    idempotencyKey: `chair-appointed:${group.id}:${personId}:${role}:${now.toISOString()}`,
    template: 'chair-appointed',
    to: row.email,
    locale: row.locale,
    data: {
      allianceName: row.allianceName,
      workingGroupName: group.name,
      organisationName: legalName,
      role,
      workingGroupUrl: `${config.publicUrl}/alliances/${row.allianceSlug}/working-groups/${group.slug}`,
    },
  });
}
