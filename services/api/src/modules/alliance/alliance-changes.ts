import { type Database, schema } from '@concord/db';
import { and, eq, sql } from 'drizzle-orm';
import { notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findOrCreatePerson } from '../auth/find-or-create-person.ts';
import { type Actor, authenticate, authorize, type Operation } from '../policy/policy.ts';

/**
 * What the alliance set-up use cases (use-cases/*.ts) share: their dependencies, finding and locking the alliance
 * a request names, the settings an audit event records, and appointing a secretariat member.
 */
const { alliance, allianceStaff } = schema;

export interface Deps {
  db: Database;
  actor: Actor | null;
  now?: Date;
}

/**
 * The alliance with this slug, locked for the caller's transaction, once the actor may do `action` to it: so that
 * two changes at once apply one after the other, each to what the other left. The public is told to sign in
 * before anything is looked up.
 */
export async function allianceForChange(
  tx: Database,
  actor: Actor | null,
  slug: string,
  action: Extract<Operation, { allianceId: string }>['action'] & (`alliance.${string}` | `declaration.${string}`),
): Promise<schema.Alliance> {
  authenticate(actor);
  const [row] = await tx.select().from(alliance).where(eq(alliance.slug, slug)).for('update');
  if (!row) throw notFound(`No alliance has the slug "${slug}".`);
  authorize(actor, { action, allianceId: row.id });
  return row;
}

/** An alliance's settings as audit events record them (never a person's address: the secretariat's is in `personal`). */
export function settingsOf(row: schema.Alliance) {
  return {
    name: row.name,
    slug: row.slug,
    purpose: row.purpose,
    contactEmail: row.contactEmail,
    languages: row.languages,
    signingOpensOn: row.signingOpensOn,
    signingClosesOn: row.signingClosesOn,
    target: targetOf(row),
  };
}

export function targetOf(
  row: Pick<
    schema.Alliance,
    'targetTonnes' | 'targetFlow' | 'targetYear' | 'baselineYear' | 'baselineTonnes' | 'targetAppliesFrom'
  >,
) {
  return {
    tonnes: row.targetTonnes,
    flow: row.targetFlow,
    year: row.targetYear,
    baselineYear: row.baselineYear,
    baselineTonnes: row.baselineTonnes,
    appliesFrom: row.targetAppliesFrom,
  };
}

/**
 * Makes the person with this (checked) address a member of the alliance's secretariat, creating them if new, in
 * the caller's transaction, with its audit event. Already a member: nothing changes, and false is answered.
 */
export async function appointToSecretariat(
  tx: Database,
  { allianceId, email, actorPersonId, now }: { allianceId: string; email: string; actorPersonId: string; now: Date },
): Promise<boolean> {
  const { person } = await findOrCreatePerson(tx, { email, now });
  const [appointed] = await tx
    .insert(allianceStaff)
    .values({ allianceId, personId: person.id, role: 'secretariat', createdAt: now, updatedAt: now })
    .onConflictDoNothing()
    .returning({ personId: allianceStaff.personId });
  if (!appointed) return false;
  await recordAudit(tx, {
    allianceId,
    actorPersonId,
    action: 'alliance.secretariat_member_appointed',
    objectType: 'alliance',
    objectId: allianceId,
    after: { personId: person.id },
    // Who was appointed, by address: theirs to have erased.
    personal: { personId: person.id, data: { email } },
  });
  return true;
}

export async function countSecretariat(tx: Database, allianceId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(allianceStaff)
    .where(and(eq(allianceStaff.allianceId, allianceId), eq(allianceStaff.role, 'secretariat')));
  return row?.n ?? 0;
}
