import { type Database, schema } from '@concord/db';
import { and, eq, sql } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import { notFound } from '../../errors.ts';
import type { JobQueue } from '../../jobs/queue.ts';
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

/** What appointing someone needs besides: the queue and the public address of the e-mail telling them. */
export interface MailDeps {
  jobs: JobQueue;
  config: Config;
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
 * the caller's transaction, with its audit event and the e-mail telling them (in their language, or the alliance's
 * main one for a new person). Already a member: nothing changes, nobody is e-mailed, and false is answered.
 */
export async function appointToSecretariat(
  tx: Database,
  {
    alliance: appointedTo,
    email,
    actorPersonId,
    now,
    jobs,
    config,
  }: { alliance: schema.Alliance; email: string; actorPersonId: string; now: Date } & MailDeps,
): Promise<boolean> {
  const allianceId = appointedTo.id;
  const { person, isNew } = await findOrCreatePerson(tx, { email, now });
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
  await jobs.enqueue(tx, 'send-email', {
    idempotencyKey: `secretariat-appointed:${allianceId}:${person.id}:${now.toISOString()}`,
    template: 'secretariat-appointed',
    to: person.email,
    locale: isNew ? (appointedTo.languages[0] ?? person.locale) : person.locale,
    data: {
      allianceName: appointedTo.name,
      allianceUrl: `${config.publicUrl}/alliances/${appointedTo.slug}/settings`,
    },
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
