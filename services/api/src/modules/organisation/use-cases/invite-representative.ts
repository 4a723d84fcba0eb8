import { type Database, schema } from '@concord/db';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { DomainError } from '../../../errors.ts';
import { hashToken, newToken } from '../../../lib/tokens.ts';
import { emailAddress } from '../../../lib/validate.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { localeOf, localeOfAddress } from '../../language/locale-of.ts';
import { authenticate } from '../../policy/policy.ts';
import { type Deps, organisationForChange } from '../organisation-representatives.ts';

const { emailToken, organisationMember, person } = schema;

/** Long enough for a colleague back from a week away; the link signs in, so not much longer. */
export const INVITATION_DAYS = 7;
/** Enough for a team; too few to make Concord a way of mailing strangers. */
export const INVITATIONS_PER_DAY = 20;

/**
 * A representative (or the secretariat of an alliance the organisation signed) invites a colleague by address: an
 * e-mail with a link that signs them in and makes them a representative (`acceptRepresentativeInvitation`). The
 * invitation is an e-mail token (`invite_representative`, the organisation as its subject, the inviter in
 * `requested_by`, so that either's erasure takes it); a new one to the same address replaces the one before.
 */
export async function inviteRepresentative({
  db,
  jobs,
  config,
  actor,
  organisationId,
  email: given,
  now = new Date(),
}: Deps & { organisationId: string; email: string }): Promise<schema.Organisation> {
  authenticate(actor);
  const email = emailAddress(given, 'email').toLowerCase();
  return db.transaction(async (tx) => {
    const org = await organisationForChange(tx, actor, organisationId);
    const [already] = await tx
      .select({ id: person.id })
      .from(organisationMember)
      .innerJoin(person, eq(person.id, organisationMember.personId))
      .where(and(eq(organisationMember.organisationId, org.id), sql`lower(${person.email}) = ${email}`));
    if (already) throw new DomainError('CONFLICT', `${email} already represents ${org.legalName}.`, 'email');
    const invitations = and(eq(emailToken.purpose, 'invite_representative'), eq(emailToken.subjectId, org.id));
    const [recent] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(emailToken)
      .where(and(invitations, gt(emailToken.createdAt, new Date(now.getTime() - 24 * 3_600_000))));
    if (Number(recent?.n ?? 0) >= INVITATIONS_PER_DAY) {
      throw new DomainError(
        'RATE_LIMITED',
        `${INVITATIONS_PER_DAY} invitations to ${org.legalName} were sent in the last 24 hours; try again tomorrow.`,
      );
    }
    // The earlier link to the same address stops working: only the newest invitation is open.
    await tx
      .update(emailToken)
      .set({ usedAt: now })
      .where(and(invitations, eq(emailToken.email, email), isNull(emailToken.usedAt)));
    const token = newToken();
    const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 24 * 3_600_000);
    const [invitation] = await tx
      .insert(emailToken)
      .values({
        purpose: 'invite_representative',
        email,
        tokenHash: hashToken(token),
        subjectId: org.id,
        requestedBy: actor.personId,
        createdAt: now,
        expiresAt,
      })
      .returning({ id: emailToken.id });
    if (!invitation) throw new Error('invitation not stored');
    const [inviter] = await tx.select({ name: person.name }).from(person).where(eq(person.id, actor.personId));
    const url = new URL('/login/verify', config.publicUrl);
    url.searchParams.set('token', token);
    url.searchParams.set('next', '/account');
    await jobs.enqueue(tx, 'send-email', {
      idempotencyKey: `representative-invitation:${invitation.id}`,
      template: 'representative-invitation',
      to: email,
      // The invitee's own language if they have an account, else the inviter's: colleagues often share one.
      locale: (await hasAccount(tx, email)) ? await localeOfAddress(tx, email) : await localeOf(tx, actor.personId),
      data: {
        organisationName: org.legalName,
        inviterName: inviter?.name ?? '',
        url: url.toString(),
        expiresInDays: INVITATION_DAYS,
      },
      notAfter: expiresAt.toISOString(),
    });
    await recordAudit(tx, {
      actorPersonId: actor.personId,
      action: 'organisation.representative_invited',
      objectType: 'organisation',
      objectId: org.id,
      // The address stays on the invitation (erased with it): the event names the invitation.
      after: { invitationId: invitation.id, expiresAt: expiresAt.toISOString() },
    });
    return org;
  });
}

async function hasAccount(tx: Database, email: string): Promise<boolean> {
  const [row] = await tx.select({ id: person.id }).from(person).where(sql`lower(${person.email}) = ${email}`);
  return Boolean(row);
}

/**
 * The invitee followed the link (signInWithLink spent it, in this transaction): they become a representative of the
 * organisation, unless they already are.
 */
export async function acceptRepresentativeInvitation(
  tx: Database,
  { invitation, personId, now }: { invitation: schema.EmailToken; personId: string; now: Date },
): Promise<void> {
  if (!invitation.subjectId) return;
  const [added] = await tx
    .insert(organisationMember)
    .values({ organisationId: invitation.subjectId, personId, createdAt: now, updatedAt: now })
    .onConflictDoNothing()
    .returning({ personId: organisationMember.personId });
  if (!added) return;
  await recordAudit(tx, {
    actorPersonId: personId,
    action: 'organisation.representative_added',
    objectType: 'organisation',
    objectId: invitation.subjectId,
    after: { personId, invitationId: invitation.id },
  });
}
