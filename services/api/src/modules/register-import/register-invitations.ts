import { type Database, schema, selectRows } from '@concord/db';
import { type SQL, sql } from 'drizzle-orm';

/**
 * The people a register import brought in and nobody has invited yet: the representatives of the organisations the
 * alliance's imports keyed (new ones, or ones the register had and an import matched), who have never followed a link
 * sent to their address (so, never signed in), are not erased, and were not invited to this alliance before.
 */
export function peopleToInvite(allianceId: string): SQL {
  const { organisationMember, person, registerImportKey, registerInvitation } = schema;
  return sql`select distinct ${person.id} as person_id from ${registerImportKey}
    join ${organisationMember} on ${organisationMember.organisationId} = ${registerImportKey.objectId}
    join ${person} on ${person.id} = ${organisationMember.personId}
    where ${registerImportKey.allianceId} = ${allianceId} and ${registerImportKey.sheet} = 'organisations'
      and ${person.emailConfirmedAt} is null and ${person.erasedAt} is null
      and not exists (select 1 from ${registerInvitation} i
        where i.alliance_id = ${allianceId} and i.person_id = ${person.id})`;
}

/** How many people `inviteImportedPeople` would invite now. */
export async function countPeopleToInvite(db: Database, allianceId: string): Promise<number> {
  const [row] = await selectRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from (${peopleToInvite(allianceId)}) p`,
  );
  return Number(row?.n ?? 0);
}
