import { type Database, databaseErrorOf, normaliseName, SQLSTATE, schema } from '@concord/db';
import { and, asc, desc, eq, gt, inArray, ne, or, sql } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import { badInput, conflict, DomainError, notFound } from '../../errors.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { hashToken, isWellFormedToken, newToken } from '../../lib/tokens.ts';
import { isUuid, requiredText } from '../../lib/validate.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { spendEmailToken } from '../auth/email-token.ts';
import { optOutLink } from '../mail/email-preferences.service.ts';
import { lapsePledgesOfOrganisation } from '../pledge/use-cases/lapse-pledges.ts';
import { type Actor, authorize } from '../policy/policy.ts';
import { type OrganisationInput, parseOrganisationInput } from './organisation-input.ts';
import { signatureStatusNow } from './signature-state.ts';
import { closedWindowMessage, signingWindowOf } from './signing-window.ts';

const {
  alliance,
  allianceStaff,
  declarationVersion,
  emailToken,
  organisation,
  organisationDuplicateFlag,
  organisationMember,
  person,
  signature,
} = schema;

export const CONFIRMATION_HOURS = 48;
/** Signing is rate-limited per person: a person signing for more organisations than this in a day is odd. */
export const SIGNATURES_PER_PERSON_PER_DAY = 10;

interface Deps {
  db: Database;
  jobs: JobQueue;
  config: Config;
  actor: Actor | null;
  now?: Date;
}

/** Registers an organisation the actor will represent, flagging possible duplicates for the secretariat. */
export async function registerOrganisation({
  db,
  actor,
  input,
  now = new Date(),
}: Deps & { input: OrganisationInput }) {
  authorize(actor, { action: 'organisation.register' });
  const values = parseOrganisationInput(input);
  const normalisedName = normaliseName(values.legalName);
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(organisation)
      .values({ ...values, normalisedName, createdAt: now, updatedAt: now })
      .returning();
    if (!created) throw new Error('organisation not created');
    await tx.insert(organisationMember).values({ organisationId: created.id, personId: actor.personId });
    const duplicates = await tx
      .select()
      .from(organisation)
      .where(
        and(
          ne(organisation.id, created.id),
          or(
            eq(organisation.registrationNumber, values.registrationNumber ?? ''),
            and(eq(organisation.normalisedName, normalisedName), eq(organisation.country, values.country)),
          ),
        ),
      )
      .orderBy(asc(organisation.legalName))
      .limit(20);
    if (duplicates.length > 0) {
      await tx.insert(organisationDuplicateFlag).values(
        duplicates.map((d) => ({
          organisationId: created.id,
          duplicateOfId: d.id,
          reason:
            d.registrationNumber === values.registrationNumber
              ? ('registration_number' as const)
              : ('name_and_country' as const),
          createdAt: now,
        })),
      );
    }
    await recordAudit(tx, {
      actorPersonId: actor.personId,
      actorOrganisationId: created.id,
      action: 'organisation.registered',
      objectType: 'organisation',
      objectId: created.id,
      after: { legalName: created.legalName, country: created.country, possibleDuplicates: duplicates.length },
    });
    return { organisation: created, possibleDuplicates: duplicates };
  });
}

export interface SignInput {
  allianceSlug: string;
  organisationId: string;
  declarationVersion: number;
  signerName: string;
  signerJobTitle: string;
}

/**
 * Signs the current declaration for an organisation the actor represents. The signature waits for the
 * signer to confirm by e-mail. A second live signature is refused by the database's partial unique index,
 * so simultaneous requests end in one row and CONFLICT for the rest.
 */
export async function signDeclaration({
  db,
  jobs,
  config,
  actor,
  input,
  now = new Date(),
}: Deps & { input: SignInput }) {
  authorize(actor, { action: 'signature.sign', organisationId: input.organisationId });
  const signerName = requiredText(input.signerName, 'input.signerName', { max: 200, isName: true });
  const signerJobTitle = requiredText(input.signerJobTitle, 'input.signerJobTitle', { max: 200 });
  const [target] = await db.select().from(alliance).where(eq(alliance.slug, input.allianceSlug)).limit(1);
  if (!target) throw notFound(`No alliance has the slug "${input.allianceSlug}".`);
  const versions = await db
    .select()
    .from(declarationVersion)
    .where(and(eq(declarationVersion.allianceId, target.id), eq(declarationVersion.status, 'published')))
    .orderBy(desc(declarationVersion.version));
  const current = versions[0];
  if (!current) throw conflict('This alliance has no published declaration to sign.');
  // Drafts are not shown to signers: a version that was never published does not exist for them.
  if (!versions.some((v) => v.version === input.declarationVersion)) {
    throw new DomainError(
      'NOT_FOUND',
      `This declaration has no version ${input.declarationVersion}; version ${current.version} is the one to sign.`,
      'input.declarationVersion',
    );
  }
  if (current.version !== input.declarationVersion) {
    throw new DomainError(
      'CONFLICT',
      `Version ${current.version} of the declaration is now current; read it before signing.`,
      'input.declarationVersion',
    );
  }
  const window = signingWindowOf(current, now);
  if (window.state !== 'open') throw conflict(closedWindowMessage(window));
  const since = new Date(now.getTime() - 24 * 3600_000);
  const [recent] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(signature)
    .where(and(eq(signature.signerPersonId, actor.personId), gt(signature.createdAt, since)));
  if ((recent?.n ?? 0) >= SIGNATURES_PER_PERSON_PER_DAY) {
    throw new DomainError('RATE_LIMITED', 'Too many signatures today; try again tomorrow.');
  }
  const [org] = await db.select().from(organisation).where(eq(organisation.id, input.organisationId)).limit(1);
  if (!org) throw notFound('No such organisation.');

  const token = newToken();
  try {
    return await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(signature)
        .values({
          allianceId: target.id,
          declarationVersionId: current.id,
          organisationId: org.id,
          signerPersonId: actor.personId,
          signerName,
          signerJobTitle,
          status: 'pending_confirmation',
          signedAt: now,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      if (!created) throw new Error('signature not created');
      // A person who signed in by link is known only by their address until now: the name they sign with is theirs.
      await tx
        .update(person)
        .set({ name: signerName })
        .where(and(eq(person.id, actor.personId), eq(person.name, actor.email.split('@')[0] ?? '')));
      const [confirmation] = await tx
        .insert(emailToken)
        .values({
          purpose: 'confirm_signature',
          email: actor.email.toLowerCase(),
          tokenHash: hashToken(token),
          subjectId: created.id,
          requestedBy: actor.personId,
          createdAt: now,
          expiresAt: new Date(now.getTime() + CONFIRMATION_HOURS * 3600_000),
        })
        .returning({ id: emailToken.id });
      await recordAudit(tx, {
        allianceId: target.id,
        actorPersonId: actor.personId,
        actorOrganisationId: org.id,
        action: 'signature.signed',
        objectType: 'signature',
        objectId: created.id,
        after: { status: created.status, declarationVersion: current.version },
      });
      const confirmUrl = new URL('/signatures/confirm', config.publicUrl);
      confirmUrl.searchParams.set('token', token);
      await jobs.enqueue(tx, 'send-email', {
        idempotencyKey: `signature-confirmation:${confirmation?.id}`,
        template: 'signature-confirmation',
        to: actor.email,
        locale: 'en',
        data: {
          organisationName: org.legalName,
          allianceName: target.name,
          confirmUrl: confirmUrl.toString(),
          expiresInHours: CONFIRMATION_HOURS,
        },
      });
      return created;
    });
  } catch (error) {
    const info = databaseErrorOf(error);
    if (info?.code === SQLSTATE.uniqueViolation && info.constraint === 'signature_one_live_per_organisation') {
      throw conflict(
        `${org.legalName} has already signed this declaration (or its signature awaits confirmation or review).`,
      );
    }
    throw error;
  }
}

/** The signer confirms from the e-mail: the signature then waits for the secretariat. */
export async function confirmSignature({
  db,
  jobs,
  config,
  token,
  now = new Date(),
}: Omit<Deps, 'actor'> & { token: string }) {
  const invalid = () => badInput('token', 'This confirmation link is invalid, used or expired.');
  if (!isWellFormedToken(token)) throw invalid();
  return db.transaction(async (tx) => {
    const spent = await spendEmailToken(tx, { token, purpose: 'confirm_signature', now });
    if (!spent?.subjectId) throw invalid();
    const [confirmed] = await tx
      .update(signature)
      .set({ status: 'pending_review', confirmedAt: now, updatedAt: now })
      .where(and(eq(signature.id, spent.subjectId), eq(signature.status, 'pending_confirmation')))
      .returning();
    if (!confirmed) {
      const now = await signatureStatusNow(tx, spent.subjectId);
      throw conflict(`This signature is ${now}: it no longer waits for confirmation.`);
    }
    if (confirmed.signerPersonId) {
      await tx
        .update(person)
        .set({ emailConfirmedAt: sql`coalesce(${person.emailConfirmedAt}, ${now.toISOString()}::timestamptz)` })
        .where(eq(person.id, confirmed.signerPersonId));
    }
    await recordAudit(tx, {
      allianceId: confirmed.allianceId,
      actorPersonId: confirmed.signerPersonId,
      actorOrganisationId: confirmed.organisationId,
      action: 'signature.confirmed',
      objectType: 'signature',
      objectId: confirmed.id,
      before: { status: 'pending_confirmation' },
      after: { status: 'pending_review' },
    });
    // Tell the secretariat there is something to review.
    const [names] = await tx
      .select({ organisationName: organisation.legalName, allianceName: alliance.name, slug: alliance.slug })
      .from(organisation)
      .innerJoin(alliance, eq(alliance.id, confirmed.allianceId))
      .where(eq(organisation.id, confirmed.organisationId));
    const staff = await tx
      .select({ id: person.id, email: person.email })
      .from(allianceStaff)
      .innerJoin(person, eq(person.id, allianceStaff.personId))
      .where(
        and(
          eq(allianceStaff.allianceId, confirmed.allianceId),
          eq(allianceStaff.role, 'secretariat'),
          eq(person.reviewEmails, true),
        ),
      );
    for (const member of staff) {
      await jobs.enqueue(tx, 'send-email', {
        idempotencyKey: `signature-to-review:${confirmed.id}:${member.id}`,
        template: 'signature-to-review',
        to: member.email,
        locale: 'en',
        data: {
          organisationName: names?.organisationName ?? '',
          allianceName: names?.allianceName ?? '',
          reviewUrl: `${config.publicUrl}/alliances/${names?.slug}/review`,
          unsubscribeUrl: await optOutLink(tx, config, member.id),
        },
      });
    }
    return confirmed;
  });
}

async function reviewable(db: Database, actor: Actor | null, signatureId: string): Promise<schema.Signature> {
  const [row] = isUuid(signatureId)
    ? await db.select().from(signature).where(eq(signature.id, signatureId)).limit(1)
    : [];
  if (!row) {
    // The public learns nothing about ids; staff get a clear answer.
    if (!actor) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
    throw notFound('No such signature.');
  }
  authorize(actor, { action: 'signature.review', allianceId: row.allianceId });
  return row;
}

/**
 * The secretariat approves: the signature becomes active, appears in the register and gets its certificate
 * (a job renders it and e-mails it). The conditional update makes two reviewers deciding at once end in
 * one decision and CONFLICT for the other.
 */
export async function approveSignature({
  db,
  jobs,
  actor,
  signatureId,
  now = new Date(),
}: Deps & { signatureId: string }) {
  const current = await reviewable(db, actor, signatureId);
  return db.transaction(async (tx) => {
    const [approved] = await tx
      .update(signature)
      .set({ status: 'active', activatedAt: now, reviewedAt: now, reviewedByPersonId: actor?.personId, updatedAt: now })
      .where(and(eq(signature.id, current.id), eq(signature.status, 'pending_review')))
      .returning();
    if (!approved)
      throw conflict(`This signature is ${await signatureStatusNow(tx, current.id)}, not waiting for review.`);
    await recordAudit(tx, {
      allianceId: approved.allianceId,
      actorPersonId: actor?.personId,
      action: 'signature.approved',
      objectType: 'signature',
      objectId: approved.id,
      before: { status: 'pending_review' },
      after: { status: 'active' },
    });
    await jobs.enqueue(tx, 'issue-certificate', { signatureId: approved.id });
    return approved;
  });
}

export async function rejectSignature({
  db,
  jobs,
  actor,
  signatureId,
  reason,
  now = new Date(),
}: Deps & { signatureId: string; reason: string }) {
  const why = requiredText(reason, 'reason', { max: 2000, isMultiline: true });
  const current = await reviewable(db, actor, signatureId);
  return db.transaction(async (tx) => {
    const [rejected] = await tx
      .update(signature)
      .set({
        status: 'rejected',
        rejectionReason: why,
        reviewedAt: now,
        reviewedByPersonId: actor?.personId,
        updatedAt: now,
      })
      .where(and(eq(signature.id, current.id), eq(signature.status, 'pending_review')))
      .returning();
    if (!rejected)
      throw conflict(`This signature is ${await signatureStatusNow(tx, current.id)}, not waiting for review.`);
    await recordAudit(tx, {
      allianceId: rejected.allianceId,
      actorPersonId: actor?.personId,
      action: 'signature.rejected',
      objectType: 'signature',
      objectId: rejected.id,
      before: { status: 'pending_review' },
      after: { status: 'rejected', reason: why },
    });
    await notifySigner(tx, jobs, rejected, 'signature-rejected', { reason: why });
    return rejected;
  });
}

/** A representative withdraws the organisation's signature; the history stays in the audit log. */
export async function withdrawSignature({
  db,
  jobs,
  actor,
  signatureId,
  reason,
  now = new Date(),
}: Deps & { signatureId: string; reason?: string | null | undefined }) {
  const why = reason?.trim() ? requiredText(reason, 'reason', { max: 2000, isMultiline: true }) : null;
  const [current] = isUuid(signatureId)
    ? await db.select().from(signature).where(eq(signature.id, signatureId)).limit(1)
    : [];
  if (!current) {
    if (!actor) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
    throw notFound('No such signature.');
  }
  authorize(actor, { action: 'signature.withdraw', organisationId: current.organisationId });
  return db.transaction(async (tx) => {
    const [withdrawn] = await tx
      .update(signature)
      .set({ status: 'withdrawn', withdrawnAt: now, withdrawalReason: why, updatedAt: now })
      .where(
        and(
          eq(signature.id, current.id),
          inArray(signature.status, ['pending_confirmation', 'pending_review', 'active']),
        ),
      )
      .returning();
    if (!withdrawn) throw conflict(`This signature is already ${await signatureStatusNow(tx, current.id)}.`);
    // No longer a signatory: its pledges lapse in the same transaction (docs/adr/0010-lapsed-pledges.md),
    // their rows locked before the audit chain's lock, in the order every pledge transition takes them.
    await lapsePledgesOfOrganisation({
      tx,
      allianceId: withdrawn.allianceId,
      organisationId: withdrawn.organisationId,
      actorPersonId: actor.personId,
      signatureId: withdrawn.id,
      now,
    });
    await recordAudit(tx, {
      allianceId: withdrawn.allianceId,
      actorPersonId: actor.personId,
      actorOrganisationId: withdrawn.organisationId,
      action: 'signature.withdrawn',
      objectType: 'signature',
      objectId: withdrawn.id,
      before: { status: current.status },
      after: { status: 'withdrawn', reason: why },
    });
    await notifySigner(tx, jobs, withdrawn, 'signature-withdrawn', { reason: why });
    return withdrawn;
  });
}

async function notifySigner(
  tx: Database,
  jobs: JobQueue,
  row: schema.Signature,
  template: 'signature-rejected' | 'signature-withdrawn',
  extra: { reason: string | null },
) {
  if (!row.signerPersonId) return;
  const [facts] = await tx
    .select({ email: person.email, organisationName: organisation.legalName, allianceName: alliance.name })
    .from(person)
    .innerJoin(organisation, eq(organisation.id, row.organisationId))
    .innerJoin(alliance, eq(alliance.id, row.allianceId))
    .where(eq(person.id, row.signerPersonId));
  if (!facts) return;
  const base = { organisationName: facts.organisationName, allianceName: facts.allianceName };
  if (template === 'signature-rejected') {
    await jobs.enqueue(tx, 'send-email', {
      idempotencyKey: `${template}:${row.id}`,
      template,
      to: facts.email,
      locale: 'en',
      data: { ...base, reason: extra.reason ?? '' },
    });
  } else {
    await jobs.enqueue(tx, 'send-email', {
      idempotencyKey: `${template}:${row.id}`,
      template,
      to: facts.email,
      locale: 'en',
      data: { ...base, reason: extra.reason },
    });
  }
}
