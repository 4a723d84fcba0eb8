import { type Database, schema, takeTurns } from '@concord/db';
import { BASE_LOCALE, isSupportedLocale, SUPPORTED_LOCALES } from '@concord/schema/values';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import { badInput, DomainError } from '../../errors.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { hashToken, isWellFormedToken, newToken } from '../../lib/tokens.ts';
import { emailAddress } from '../../lib/validate.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { localeOfAddress } from '../language/locale-of.ts';
import { acceptRepresentativeInvitation } from '../organisation/use-cases/invite-representative.ts';
import { acceptPrivacyNotice } from '../personal-data/use-cases/accept-privacy-notice.ts';
import { spendEmailToken } from './email-token.ts';

const { emailToken, person, session } = schema;

export const LOGIN_LINK_MINUTES = 10;
// Per address (config.loginLinkLimits, default 5): enough for a slow inbox, too few to flood someone's
// mailbox. Per client address (default 30): an office behind one address still gets through.
export const RATE_WINDOW_MINUTES = 15;

export interface RequestLoginLinkOptions {
  db: Database;
  jobs: JobQueue;
  config: Config;
  email: string;
  clientAddress: string;
  redirectTo?: string | null | undefined;
  /** The language of the page the link was asked from. */
  locale?: string | null | undefined;
  now?: Date;
}

/**
 * Sends a one-time log-in link. The answer and the e-mail are the same whether or not the address is known
 * (a person is created on first sign-in), so the endpoint tells nobody who is registered.
 */
export async function requestLoginLink(options: RequestLoginLinkOptions): Promise<{ expiresInMinutes: number }> {
  const { db, jobs, config, clientAddress, now = new Date() } = options;
  const email = emailAddress(options.email).toLowerCase();
  const next = safeRedirect(options.redirectTo);
  const pageLocale = pageLocaleOf(options.locale);
  const token = newToken();
  const since = new Date(now.getTime() - RATE_WINDOW_MINUTES * 60_000);

  await db.transaction(async (tx) => {
    // Requests for one address, and from one client, take turns: each count below sees the links before it.
    await takeTurns(tx, `login-link:address:${email}`, `login-link:client:${clientAddress}`);
    const [counts] = await tx
      .select({
        byAddress: sql<number>`count(*) filter (where ${emailToken.email} = ${email})::int`,
        byClient: sql<number>`count(*) filter (where ${emailToken.requestedBy} = ${clientAddress})::int`,
      })
      .from(emailToken)
      .where(and(eq(emailToken.purpose, 'login'), gt(emailToken.createdAt, since)));
    const limits = config.loginLinkLimits;
    if ((counts?.byAddress ?? 0) >= limits.perAddress || (counts?.byClient ?? 0) >= limits.perClient) {
      throw new DomainError(
        'RATE_LIMITED',
        `Too many log-in links requested; try again in ${RATE_WINDOW_MINUTES} minutes.`,
      );
    }
    const [row] = await tx
      .insert(emailToken)
      .values({
        purpose: 'login',
        email,
        tokenHash: hashToken(token),
        requestedBy: clientAddress,
        createdAt: now,
        expiresAt: new Date(now.getTime() + LOGIN_LINK_MINUTES * 60_000),
      })
      .returning({ id: emailToken.id });
    // Written in the person's saved language, else the page's; the link opens the page in that language too.
    const locale = await localeOfAddress(tx, email, pageLocale);
    const url = new URL(locale === BASE_LOCALE ? '/login/verify' : `/${locale}/login/verify`, config.publicUrl);
    url.searchParams.set('token', token);
    if (next) url.searchParams.set('next', next);
    await jobs.enqueue(tx, 'send-login-email', {
      idempotencyKey: `login-link:${row?.id}`,
      template: 'login-link',
      to: email,
      locale,
      data: { url: url.toString(), expiresInMinutes: LOGIN_LINK_MINUTES },
      // A link sent after it expired only confuses: past this the job records the delivery failed instead.
      notAfter: new Date(now.getTime() + LOGIN_LINK_MINUTES * 60_000).toISOString(),
    });
  });
  return { expiresInMinutes: LOGIN_LINK_MINUTES };
}

/** Only paths on this site, never `//evil.example` or `https://…`: an open redirect helps phishing. */
export function safeRedirect(value: string | null | undefined): string | null {
  if (!value) return null;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || value.length > 500) {
    throw badInput('redirectTo', 'Must be a path on this site, such as /account.');
  }
  return value;
}

/** The language of the page a request came from: null when not given, BAD_USER_INPUT on `locale` when unknown. */
function pageLocaleOf(locale: string | null | undefined): string | null {
  if (locale === null || locale === undefined) return null;
  if (!isSupportedLocale(locale)) {
    throw badInput('locale', `Must be one of the languages Concord is written in: ${SUPPORTED_LOCALES.join(', ')}.`);
  }
  return locale;
}

export interface SignedIn {
  token: string;
  person: schema.Person;
  expiresAt: Date;
}

/**
 * Spends a log-in token (once: the conditional update is the lock) and opens a session. An unknown,
 * used or expired token is one and the same error, so it reveals nothing either.
 */
export async function signInWithLink({
  db,
  config,
  token,
  userAgent,
  privacyNoticeVersion,
  locale,
  now = new Date(),
}: {
  db: Database;
  config: Config;
  token: string;
  userAgent?: string | undefined;
  /** The privacy notice shown beside the button: signing in accepts it. */
  privacyNoticeVersion?: string | null | undefined;
  /** The language of the page the link was followed on: the language of a person signing in for the first time. */
  locale?: string | null | undefined;
  now?: Date;
}): Promise<SignedIn> {
  const pageLocale = pageLocaleOf(locale);
  const invalid = () => badInput('token', 'This log-in link is invalid, used or expired. Ask for a new one.');
  if (!isWellFormedToken(token)) throw invalid();
  return db.transaction(async (tx) => {
    // An invitation to represent an organisation is a log-in link too: following it signs in and accepts it.
    const spent = await spendEmailToken(tx, { token, purpose: ['login', 'invite_representative'], now });
    if (!spent) throw invalid();

    const [existing] = await tx.select().from(person).where(sql`lower(${person.email}) = ${spent.email}`).limit(1);
    const signedIn =
      existing ??
      (
        await tx
          .insert(person)
          .values({
            email: spent.email,
            name: spent.email.split('@')[0] ?? spent.email,
            emailConfirmedAt: now,
            ...(pageLocale ? { locale: pageLocale } : {}),
          })
          .returning()
      )[0];
    if (!signedIn) throw new Error('person not created');
    if (!signedIn.emailConfirmedAt) {
      // A first sign-in (someone imported or invited): the page's language becomes theirs until they choose one.
      const [confirmed] = await tx
        .update(person)
        .set({ emailConfirmedAt: now, ...(pageLocale ? { locale: pageLocale } : {}) })
        .where(eq(person.id, signedIn.id))
        .returning();
      if (confirmed) signedIn.locale = confirmed.locale;
    }

    const sessionToken = newToken();
    const expiresAt = new Date(now.getTime() + config.sessionAbsoluteHours * 3600_000);
    const [opened] = await tx
      .insert(session)
      .values({
        tokenHash: hashToken(sessionToken),
        personId: signedIn.id,
        createdAt: now,
        lastSeenAt: now,
        expiresAt,
        userAgent: userAgent?.slice(0, 300) ?? null,
      })
      .returning({ id: session.id });
    await recordAudit(tx, {
      actorPersonId: signedIn.id,
      action: existing ? 'session.opened' : 'person.registered',
      objectType: 'session',
      objectId: opened?.id ?? signedIn.id,
      // The address a person registered with is theirs to have erased (docs/adr/0014-personal-data.md).
      personal: existing ? null : { personId: signedIn.id, data: { email: spent.email } },
    });
    if (spent.purpose === 'invite_representative') {
      await acceptRepresentativeInvitation(tx, { invitation: spent, personId: signedIn.id, now });
    }
    // A stale version is refused, and the whole sign-in with it: the token stays unspent for another try.
    if (privacyNoticeVersion) {
      const version = privacyNoticeVersion;
      await acceptPrivacyNotice(tx, { personId: signedIn.id, version, field: 'privacyNoticeVersion', now });
    }
    return { token: sessionToken, person: signedIn, expiresAt };
  });
}

export interface ActiveSession {
  sessionId: string;
  person: schema.Person;
}

/**
 * The session behind a cookie, if it is still open: not revoked, within the absolute limit and used within
 * the idle limit. Refreshes `lastSeenAt` at most once a minute, so reads stay cheap.
 */
export async function resolveSession({
  db,
  config,
  token,
  now = new Date(),
}: {
  db: Database;
  config: Config;
  token: string;
  now?: Date;
}): Promise<ActiveSession | null> {
  if (!isWellFormedToken(token)) return null;
  const idleSince = new Date(now.getTime() - config.sessionIdleMinutes * 60_000);
  const [row] = await db
    .select({ sessionId: session.id, lastSeenAt: session.lastSeenAt, person })
    .from(session)
    .innerJoin(person, eq(person.id, session.personId))
    .where(
      and(
        eq(session.tokenHash, hashToken(token)),
        isNull(session.revokedAt),
        gt(session.expiresAt, now),
        gt(session.lastSeenAt, idleSince),
      ),
    )
    .limit(1);
  if (!row) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > 60_000) {
    await db.update(session).set({ lastSeenAt: now }).where(eq(session.id, row.sessionId));
  }
  return { sessionId: row.sessionId, person: row.person };
}

export async function logout({ db, sessionId, now = new Date() }: { db: Database; sessionId: string; now?: Date }) {
  await db.update(session).set({ revokedAt: now }).where(eq(session.id, sessionId));
}
