import { schema } from '@concord/db';
import { eq } from 'drizzle-orm';
import { notFound } from '../../../errors.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { authorize } from '../../policy/policy.ts';
import { auditedFields, type Deps, OBJECT_TYPE, slugTaken } from '../working-group-changes.ts';
import { parseWorkingGroupInput, type WorkingGroupInput } from '../working-group-input.ts';

const { alliance, workingGroup } = schema;

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
