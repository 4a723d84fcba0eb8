import { type Database, schema } from '@concord/db';
import { and, eq } from 'drizzle-orm';
import type { Actor } from './policy.ts';

/** The rights of a signed-in person: the organisations they represent and the secretariats they belong to. */
export async function loadActor(db: Database, person: schema.Person): Promise<Actor> {
  const [memberships, staff] = await Promise.all([
    db
      .select({ organisationId: schema.organisationMember.organisationId })
      .from(schema.organisationMember)
      .where(eq(schema.organisationMember.personId, person.id)),
    db
      .select({ allianceId: schema.allianceStaff.allianceId })
      .from(schema.allianceStaff)
      .where(and(eq(schema.allianceStaff.personId, person.id), eq(schema.allianceStaff.role, 'secretariat'))),
  ]);
  return {
    personId: person.id,
    email: person.email,
    organisationIds: new Set(memberships.map((m) => m.organisationId)),
    secretariatOf: new Set(staff.map((s) => s.allianceId)),
    isPlatformAdministrator: person.isPlatformAdministrator,
  };
}
