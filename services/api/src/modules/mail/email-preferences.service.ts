import { type Database, schema } from '@concord/db';
import { eq } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import { DomainError, notFound } from '../../errors.ts';
import { hashToken, isWellFormedToken, newToken } from '../../lib/tokens.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../policy/policy.ts';

const { emailOptOut, person } = schema;

/** What a person may opt out of. Only e-mail about work waiting for them is optional; the rest is transactional. */
export type EmailTopic = 'review';

export interface EmailPreferences {
  reviewEmails: boolean;
}

/** Where the opt-out page and the RFC 8058 one-click endpoint live (the same address: GET shows, POST acts). */
export const OPT_OUT_PATH = '/email/opt-out';

/**
 * Issues the opt-out link of one e-mail, inside the transaction that enqueues it: the link exists if and only if
 * the e-mail does. Each e-mail has its own token, so one forwarded e-mail opts out nobody else.
 */
export async function optOutLink(
  tx: Database,
  config: Config,
  personId: string,
  topic: EmailTopic = 'review',
): Promise<string> {
  const token = newToken();
  await tx.insert(emailOptOut).values({ tokenHash: hashToken(token), personId, topic });
  return `${config.publicUrl}${OPT_OUT_PATH}?token=${token}`;
}

/**
 * Follows an opt-out link: the person gets no more e-mail of the link's topic. Idempotent (a second POST, a
 * mail provider's and then the person's own, changes nothing and succeeds); an unknown token is NOT_FOUND.
 */
export async function optOutByToken({
  db,
  token,
  now = new Date(),
}: {
  db: Database;
  token: string;
  now?: Date;
}): Promise<{ topic: EmailTopic }> {
  if (!isWellFormedToken(token)) throw notFound('This opt-out link is not valid.');
  return db.transaction(async (tx) => {
    const [link] = await tx
      .select()
      .from(emailOptOut)
      .where(eq(emailOptOut.tokenHash, hashToken(token)))
      .for('update');
    if (!link) throw notFound('This opt-out link is not valid.');
    const [before] = await tx
      .select({ reviewEmails: person.reviewEmails })
      .from(person)
      .where(eq(person.id, link.personId));
    if (before?.reviewEmails) {
      await tx.update(person).set({ reviewEmails: false, updatedAt: now }).where(eq(person.id, link.personId));
      await recordAudit(tx, {
        actorPersonId: link.personId,
        action: 'person.email_opt_out',
        objectType: 'person',
        objectId: link.personId,
        before: { reviewEmails: true },
        after: { reviewEmails: false, through: 'link' },
      });
    }
    if (!link.usedAt)
      await tx.update(emailOptOut).set({ usedAt: now }).where(eq(emailOptOut.tokenHash, link.tokenHash));
    return { topic: link.topic as EmailTopic };
  });
}

/** The signed-in person changes their own preferences (the account page). */
export async function setEmailPreferences({
  db,
  actor,
  preferences,
  now = new Date(),
}: {
  db: Database;
  actor: Actor | null;
  preferences: EmailPreferences;
  now?: Date;
}): Promise<EmailPreferences> {
  if (!actor) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ reviewEmails: person.reviewEmails })
      .from(person)
      .where(eq(person.id, actor.personId))
      .for('update');
    if (!before) throw notFound('No such person.');
    if (before.reviewEmails !== preferences.reviewEmails) {
      await tx
        .update(person)
        .set({ reviewEmails: preferences.reviewEmails, updatedAt: now })
        .where(eq(person.id, actor.personId));
      await recordAudit(tx, {
        actorPersonId: actor.personId,
        action: 'person.email_preferences_changed',
        objectType: 'person',
        objectId: actor.personId,
        before,
        after: { reviewEmails: preferences.reviewEmails },
      });
    }
    return { reviewEmails: preferences.reviewEmails };
  });
}
