import { databaseErrorOf, SQLSTATE, schema } from '@concord/db';
import { eq, max } from 'drizzle-orm';
import { conflict } from '../../../errors.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import type { PledgeInput } from '../pledge-input.ts';
import { pledgeConflict } from '../pledge-state.ts';
import { type Deps, editedFigures, lock, withConstraintsAsInput } from '../pledge-transitions.ts';

const { pledge, pledgeVersion } = schema;

/**
 * Starts an amendment of an accepted pledge: a new draft version with the new figures. The accepted figures
 * stay in force (register and totals unchanged) until the amendment is accepted. A second open version is
 * refused by the partial unique index `pledge_version_one_open`.
 */
export async function amendPledge({
  db,
  actor: caller,
  pledgeId,
  input,
  now = new Date(),
}: Deps & { pledgeId: string; input: PledgeInput }) {
  const { actor, current, values } = await editedFigures({ db, actor: caller, pledgeId, input });
  try {
    return await withConstraintsAsInput('pledge', () =>
      db.transaction(async (tx) => {
        const { row, open } = await lock(tx, current.id);
        if (row.status !== 'accepted') throw pledgeConflict('Only a pledge in force can be amended', row, open);
        if (open) throw pledgeConflict('This pledge already has an amendment under way; change that one', row, open);
        const [last] = await tx
          .select({ n: max(pledgeVersion.version) })
          .from(pledgeVersion)
          .where(eq(pledgeVersion.pledgeId, row.id));
        const version = (last?.n ?? 0) + 1;
        await tx.insert(pledgeVersion).values({
          ...values,
          pledgeId: row.id,
          version,
          status: 'draft',
          createdByPersonId: actor.personId,
          createdAt: now,
          updatedAt: now,
        });
        const [touched] = await tx.update(pledge).set({ updatedAt: now }).where(eq(pledge.id, row.id)).returning();
        await recordAudit(tx, {
          allianceId: row.allianceId,
          actorPersonId: actor.personId,
          actorOrganisationId: row.organisationId,
          action: 'pledge.amended',
          objectType: 'pledge',
          objectId: row.id,
          before: { status: row.status, version: row.currentVersion, versionStatus: 'accepted' },
          after: { status: row.status, version, versionStatus: 'draft' },
        });
        return touched ?? row;
      }),
    );
  } catch (error) {
    const info = databaseErrorOf(error);
    if (
      info?.code === SQLSTATE.uniqueViolation &&
      (info.constraint === 'pledge_version_one_open' || info.constraint === 'pledge_version_number_unique')
    ) {
      throw conflict('This pledge already has an amendment being drafted or reviewed; change that one instead.');
    }
    throw error;
  }
}
