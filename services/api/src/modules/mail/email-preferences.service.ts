import { type Database, schema } from '@concord/db';
import { type EmailFrequency, emailFrequencies } from '@concord/db/schema';
import { isOneOf } from '@concord/schema/values';
import { eq } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import { badInput, DomainError, notFound } from '../../errors.ts';
import { hashToken, isWellFormedToken, newToken } from '../../lib/tokens.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../policy/policy.ts';

const { emailOptOut, person } = schema;

/**
 * What a person may opt out of: e-mail about work waiting for them (activity: the `review` links of docs/adr/0009),
 * and the secretariat's announcements. A digest's link stops every kind the person gets in digests of its frequency.
 * The rest is transactional.
 */
export type EmailTopic = 'review' | 'announcement' | 'daily-digest' | 'weekly-digest';

/** The two kinds of optional e-mail, as the person's preferences name them. */
export type EmailKind = 'activity' | 'announcement';

export interface EmailPreferences {
  activity: EmailFrequency;
  announcements: EmailFrequency;
}

/** The person's column that holds each kind's frequency. */
export const frequencyColumnOf = {
  activity: 'activityEmailFrequency',
  announcement: 'announcementEmailFrequency',
} as const satisfies Record<EmailKind, keyof schema.Person>;

/** The kinds an opt-out link of a topic stops, given the person's frequencies now. */
function kindsStoppedBy(topic: EmailTopic, now: EmailPreferences): EmailKind[] {
  if (topic === 'review') return ['activity'];
  if (topic === 'announcement') return ['announcement'];
  const frequency = topic === 'daily-digest' ? 'daily' : 'weekly';
  return (['activity', 'announcement'] as const).filter((kind) => preferenceOf(now, kind) === frequency);
}

/** Where each kind's frequency is in the preferences. */
const preferenceKeyOf = { activity: 'activity', announcement: 'announcements' } as const satisfies Record<
  EmailKind,
  keyof EmailPreferences
>;

const preferenceOf = (preferences: EmailPreferences, kind: EmailKind) => preferences[preferenceKeyOf[kind]];

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
    const [before] = await tx
      .select({ activity: person.activityEmailFrequency, announcements: person.announcementEmailFrequency })
      .from(person)
      .where(eq(person.id, link.personId))
      .for('update');
    const stopped = before
      ? kindsStoppedBy(link.topic as EmailTopic, before).filter((k) => preferenceOf(before, k) !== 'off')
      : [];
    if (before && stopped.length > 0) {
      const change = Object.fromEntries(stopped.map((kind) => [frequencyColumnOf[kind], 'off' as const]));
      await tx
        .update(person)
        .set({ ...change, updatedAt: now })
        .where(eq(person.id, link.personId));
      await recordAudit(tx, {
        actorPersonId: link.personId,
        action: 'person.email_opt_out',
        objectType: 'person',
        objectId: link.personId,
        before: { ...before },
        after: {
          ...before,
          ...Object.fromEntries(stopped.map((kind) => [preferenceKeyOf[kind], 'off'])),
          through: 'link',
        },
      });
    }
    if (!link.usedAt)
      await tx.update(emailOptOut).set({ usedAt: now }).where(eq(emailOptOut.tokenHash, link.tokenHash));
    return { topic: link.topic as EmailTopic };
  });
}

/** What the account page or an API client asks for: a frequency, or (deprecated) a boolean, per kind. */
export interface EmailPreferencesChange {
  activity?: EmailFrequency | null | undefined;
  announcements?: EmailFrequency | null | undefined;
  reviewEmails?: boolean | null | undefined;
  announcementEmails?: boolean | null | undefined;
}

/**
 * The frequency a change asks for, given the one now: a frequency as given; the deprecated boolean true keeps what
 * the person chose (a digest stays a digest) or turns OFF into IMMEDIATELY, false is OFF. Both at once is refused.
 */
function frequencyAsked(
  now: EmailFrequency,
  frequency: EmailFrequency | null | undefined,
  isOn: boolean | null | undefined,
  fields: [string, string],
): EmailFrequency {
  if (frequency != null && isOn != null)
    throw badInput(fields[1], `Give ${fields[0]} or ${fields[1]}, not both (${fields[1]} is deprecated).`);
  if (frequency != null) {
    if (!isOneOf(emailFrequencies, frequency)) throw badInput(fields[0], 'Not a known frequency.');
    return frequency;
  }
  if (isOn == null) return now;
  if (!isOn) return 'off';
  return now === 'off' ? 'immediately' : now;
}

/** The signed-in person changes their own preferences (the account page). A preference left out stays as it is. */
export async function setEmailPreferences({
  db,
  actor,
  preferences,
  now = new Date(),
}: {
  db: Database;
  actor: Actor | null;
  preferences: EmailPreferencesChange;
  now?: Date;
}): Promise<EmailPreferences> {
  if (!actor) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ activity: person.activityEmailFrequency, announcements: person.announcementEmailFrequency })
      .from(person)
      .where(eq(person.id, actor.personId))
      .for('update');
    if (!before) throw notFound('No such person.');
    const after: EmailPreferences = {
      activity: frequencyAsked(before.activity, preferences.activity, preferences.reviewEmails, [
        'activity',
        'reviewEmails',
      ]),
      announcements: frequencyAsked(before.announcements, preferences.announcements, preferences.announcementEmails, [
        'announcements',
        'announcementEmails',
      ]),
    };
    if (before.activity !== after.activity || before.announcements !== after.announcements) {
      await tx
        .update(person)
        .set({
          activityEmailFrequency: after.activity,
          announcementEmailFrequency: after.announcements,
          updatedAt: now,
        })
        .where(eq(person.id, actor.personId));
      await recordAudit(tx, {
        actorPersonId: actor.personId,
        action: 'person.email_preferences_changed',
        objectType: 'person',
        objectId: actor.personId,
        before: { ...before },
        after: { ...after },
      });
    }
    return after;
  });
}
