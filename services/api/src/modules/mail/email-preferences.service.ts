import { type Database, schema } from '@concord/db';
import { eq } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import { DomainError, notFound } from '../../errors.ts';
import { hashToken, isWellFormedToken, newToken } from '../../lib/tokens.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../policy/policy.ts';

const { emailOptOut, person } = schema;

/**
 * What a person may opt out of: e-mail about work waiting for them, and the secretariat's announcements. The rest is
 * transactional.
 */
export type EmailTopic = 'review' | 'announcement';

export interface EmailPreferences {
  reviewEmails: boolean;
  announcementEmails: boolean;
}

/** The person's column each topic's opt-out turns off. */
const columnOf = { review: 'reviewEmails', announcement: 'announcementEmails' } as const satisfies Record<
  EmailTopic,
  keyof EmailPreferences
>;

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
  // `topic` only words the page (what the link stops is the token's own topic); review links never carried it.
  return `${config.publicUrl}${OPT_OUT_PATH}?token=${token}${topic === 'review' ? '' : `&topic=${topic}`}`;
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
    const column = columnOf[link.topic as EmailTopic];
    const [before] = await tx.select({ isOn: person[column] }).from(person).where(eq(person.id, link.personId));
    if (before?.isOn) {
      await tx
        .update(person)
        .set({ [column]: false, updatedAt: now })
        .where(eq(person.id, link.personId));
      await recordAudit(tx, {
        actorPersonId: link.personId,
        action: 'person.email_opt_out',
        objectType: 'person',
        objectId: link.personId,
        before: { [column]: true },
        after: { [column]: false, through: 'link' },
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
  /** A preference left out stays as it is. */
  preferences: { reviewEmails: boolean; announcementEmails?: boolean | null | undefined };
  now?: Date;
}): Promise<EmailPreferences> {
  if (!actor) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ reviewEmails: person.reviewEmails, announcementEmails: person.announcementEmails })
      .from(person)
      .where(eq(person.id, actor.personId))
      .for('update');
    if (!before) throw notFound('No such person.');
    const after: EmailPreferences = {
      reviewEmails: preferences.reviewEmails,
      announcementEmails: preferences.announcementEmails ?? before.announcementEmails,
    };
    if (before.reviewEmails !== after.reviewEmails || before.announcementEmails !== after.announcementEmails) {
      await tx
        .update(person)
        .set({ ...after, updatedAt: now })
        .where(eq(person.id, actor.personId));
      await recordAudit(tx, {
        actorPersonId: actor.personId,
        action: 'person.email_preferences_changed',
        objectType: 'person',
        objectId: actor.personId,
        before,
        after: { ...after },
      });
    }
    return after;
  });
}
