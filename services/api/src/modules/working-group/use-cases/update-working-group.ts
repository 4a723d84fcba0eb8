import { schema } from '@concord/db';
import { eq } from 'drizzle-orm';
import { notFound } from '../../../errors.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { authorize } from '../../policy/policy.ts';
import { auditedFields, type Deps, existingGroup, OBJECT_TYPE, slugTaken } from '../working-group-changes.ts';
import { parseWorkingGroupInput, type WorkingGroupInput } from '../working-group-input.ts';

const { workingGroup } = schema;

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
