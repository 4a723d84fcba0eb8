import { type Database, schema } from '@concord/db';
import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import { conflict, notFound } from '../../errors.ts';
import type { RepresentativeParent } from '../../graphql/mappers.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { isUuid } from '../../lib/validate.ts';
import { type Actor, authorize, can } from '../policy/policy.ts';

/**
 * What the representative use cases share: their dependencies, the alliances an organisation signed (whose
 * secretariat may act for it), finding and locking the organisation a request names, and the reads behind
 * `Organisation.representatives` and `Organisation.representativeInvitations`.
 */
const { emailToken, organisation, organisationMember, person, signature } = schema;

export interface Deps {
  db: Database;
  jobs: JobQueue;
  config: Config;
  actor: Actor | null;
  now?: Date;
}

/** For each organisation, the alliances it signed or tried to sign (any signature, whatever its state). */
export async function alliancesOf(db: Database, organisationIds: readonly string[]): Promise<Map<string, string[]>> {
  const rows =
    organisationIds.length === 0
      ? []
      : await db
          .selectDistinct({ organisationId: signature.organisationId, allianceId: signature.allianceId })
          .from(signature)
          .where(inArray(signature.organisationId, [...new Set(organisationIds)]));
  const byOrganisation = new Map<string, string[]>();
  for (const row of rows)
    byOrganisation.set(row.organisationId, [...(byOrganisation.get(row.organisationId) ?? []), row.allianceId]);
  return byOrganisation;
}

/**
 * The organisation a request names, locked for the caller's transaction (two changes to its representatives apply
 * one after the other), once the actor may manage its representatives.
 */
export async function organisationForChange(
  tx: Database,
  actor: Actor | null,
  organisationId: string,
  action: 'organisation.manageRepresentatives' | 'organisation.edit' = 'organisation.manageRepresentatives',
): Promise<schema.Organisation> {
  const [row] = isUuid(organisationId)
    ? await tx.select().from(organisation).where(eq(organisation.id, organisationId)).for('update')
    : [];
  if (!row) throw notFound('No such organisation.');
  // A merged organisation's signatures are its survivor's now: that alliance's secretariat is told it was merged.
  const of = row.mergedIntoId ?? row.id;
  const allianceIds = (await alliancesOf(tx, [of])).get(of) ?? [];
  if (action === 'organisation.edit') {
    authorize(actor, { action, organisationId: row.id, allianceIds });
    if (row.mergedIntoId) throw conflict('This organisation was merged into another; change that one.');
    return row;
  }
  // Whether the actor represents it is read again under the lock: a colleague who removed them a moment ago (their
  // rights were loaded before) has taken that right away.
  const [stillRepresents] = await tx
    .select({ personId: organisationMember.personId })
    .from(organisationMember)
    .where(
      and(eq(organisationMember.organisationId, row.id), eq(organisationMember.personId, actor?.personId ?? row.id)),
    );
  const now = actor && { ...actor, organisationIds: new Set(stillRepresents ? [row.id] : []) };
  authorize(now, { action: 'organisation.manageRepresentatives', organisationId: row.id, allianceIds });
  return row;
}

/** Which of these organisations the actor may see the representatives of. */
async function visibleTo(db: Database, actor: Actor | null, organisationIds: readonly string[]): Promise<Set<string>> {
  if (!actor) return new Set();
  // Only the secretariat's right depends on the alliances: a representative or an administrator needs no query.
  const alliances = actor.secretariatOf.size > 0 ? await alliancesOf(db, organisationIds) : new Map<string, string[]>();
  return new Set(
    organisationIds.filter((organisationId) =>
      can(actor, {
        action: 'organisation.manageRepresentatives',
        organisationId,
        allianceIds: alliances.get(organisationId) ?? [],
      }),
    ),
  );
}

/** Each organisation's representatives by name, or none for an organisation the actor may not see them of. */
export async function loadRepresentatives(
  db: Database,
  actor: Actor | null,
  organisationIds: readonly string[],
): Promise<RepresentativeParent[][]> {
  const visible = [...(await visibleTo(db, actor, organisationIds))];
  const rows =
    visible.length === 0
      ? []
      : await db
          .select({
            organisationId: organisationMember.organisationId,
            person,
            jobTitle: organisationMember.jobTitle,
            since: organisationMember.createdAt,
          })
          .from(organisationMember)
          .innerJoin(person, eq(person.id, organisationMember.personId))
          .where(inArray(organisationMember.organisationId, visible))
          .orderBy(asc(person.name), asc(person.id));
  const byOrganisation = new Map<string, RepresentativeParent[]>();
  for (const { organisationId, ...representative } of rows) {
    byOrganisation.set(organisationId, [...(byOrganisation.get(organisationId) ?? []), representative]);
  }
  return organisationIds.map((id) => byOrganisation.get(id) ?? []);
}

export interface InvitationShape {
  email: string;
  invitedAt: Date;
  expiresAt: Date;
}

/** The open invitations of each organisation (not accepted, replaced or expired), newest first. */
export async function loadInvitations(
  db: Database,
  actor: Actor | null,
  organisationIds: readonly string[],
  now = new Date(),
): Promise<InvitationShape[][]> {
  const visible = [...(await visibleTo(db, actor, organisationIds))];
  const rows =
    visible.length === 0
      ? []
      : await db
          .select({
            organisationId: emailToken.subjectId,
            email: emailToken.email,
            invitedAt: emailToken.createdAt,
            expiresAt: emailToken.expiresAt,
          })
          .from(emailToken)
          .where(openInvitations(visible, now))
          .orderBy(sql`${emailToken.createdAt} desc`);
  const byOrganisation = new Map<string, InvitationShape[]>();
  for (const { organisationId, ...invitation } of rows) {
    if (!organisationId) continue;
    byOrganisation.set(organisationId, [...(byOrganisation.get(organisationId) ?? []), invitation]);
  }
  return organisationIds.map((id) => byOrganisation.get(id) ?? []);
}

/** Invitations to these organisations not yet accepted, replaced or expired. */
export const openInvitations = (organisationIds: readonly string[], now: Date) =>
  and(
    eq(emailToken.purpose, 'invite_representative'),
    inArray(emailToken.subjectId, [...organisationIds]),
    isNull(emailToken.usedAt),
    gt(emailToken.expiresAt, now),
  );

export async function countRepresentatives(tx: Database, organisationId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(organisationMember)
    .where(eq(organisationMember.organisationId, organisationId));
  return Number(row?.n ?? 0);
}
