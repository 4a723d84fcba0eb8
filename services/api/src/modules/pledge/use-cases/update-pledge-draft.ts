import { schema } from '@concord/db';
import { and, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../../audit/audit.service.ts';
import type { PledgeInput } from '../pledge-input.ts';
import {
  type Deps,
  EDITABLE,
  editedFigures,
  isInForce,
  lock,
  notEditable,
  updatePledgeRow,
  withConstraintsAsInput,
} from '../pledge-transitions.ts';

const { pledgeVersion } = schema;

/** Replaces the figures of the open version; a version sent back with changes requested returns to draft. */
export async function updatePledgeDraft({
  db,
  actor: caller,
  pledgeId,
  input,
  now = new Date(),
}: Deps & { pledgeId: string; input: PledgeInput }) {
  const { actor, current, values } = await editedFigures({ db, actor: caller, pledgeId, input });
  return withConstraintsAsInput('pledge', () =>
    db.transaction(async (tx) => {
      const { row, open } = await lock(tx, current.id);
      if (!open || !EDITABLE.includes(open.status)) throw notEditable(row, open);
      const [updated] = await tx
        .update(pledgeVersion)
        .set({ ...values, status: 'draft', updatedAt: now })
        .where(and(eq(pledgeVersion.id, open.id), inArray(pledgeVersion.status, EDITABLE)))
        .returning();
      if (!updated) throw notEditable(row, open);
      // Before its first acceptance the pledge row shows the version being drafted.
      const next = isInForce(row)
        ? row
        : await updatePledgeRow(tx, row.id, { ...values, status: 'draft', updatedAt: now });
      await recordAudit(tx, {
        allianceId: row.allianceId,
        actorPersonId: actor.personId,
        actorOrganisationId: row.organisationId,
        action: 'pledge.updated',
        objectType: 'pledge',
        objectId: row.id,
        before: { status: row.status, version: open.version, versionStatus: open.status },
        after: { status: next.status, version: updated.version, versionStatus: updated.status },
      });
      return next;
    }),
  );
}
