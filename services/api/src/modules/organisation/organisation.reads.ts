import { type Database, schema } from '@concord/db';
import { and, eq, sql } from 'drizzle-orm';
import { isUuid } from '../../lib/validate.ts';
import { type Actor, can } from '../policy/policy.ts';

const { organisation, signature } = schema;

/**
 * `Alliance.organisation(id)`: an organisation that signed or tried to sign the alliance, for its secretariat; a merged
 * organisation's id answers the one it was merged into. Null for anybody else, as for an id never used.
 */
export async function organisationForSecretariat(
  db: Database,
  actor: Actor | null,
  allianceId: string,
  id: string,
): Promise<schema.Organisation | null> {
  if (!isUuid(id) || !can(actor, { action: 'organisation.edit', organisationId: id, allianceIds: [allianceId] })) {
    return null;
  }
  const [row] = await db
    .select({ organisation })
    .from(organisation)
    .where(
      and(
        eq(
          organisation.id,
          sql`coalesce((select o.merged_into_id from organisation o where o.id = ${id}), ${id}::uuid)`,
        ),
        sql`exists (select 1 from ${signature} where ${signature.organisationId} = ${organisation.id} and ${signature.allianceId} = ${allianceId})`,
      ),
    );
  return row?.organisation ?? null;
}
