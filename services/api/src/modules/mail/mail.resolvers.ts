import { schema } from '@concord/db';
import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import { notFound } from '../../errors.ts';
import type { Resolvers } from '../../graphql/resolvers.generated.ts';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import { checkFirst, toConnection, toPage } from '../../lib/pagination.ts';
import { emailAddress } from '../../lib/validate.ts';
import { authorize } from '../policy/policy.ts';
import { type EmailPreferences, setEmailPreferences } from './email-preferences.service.ts';

const { devMailboxMessage, emailDelivery } = schema;

/** The preferences with the deprecated booleans of old clients: on unless OFF. */
const preferencesView = (preferences: EmailPreferences) => ({
  ...preferences,
  reviewEmails: preferences.activity !== 'off',
  announcementEmails: preferences.announcements !== 'off',
});

/** The development mailbox exists only where no real mail is sent; elsewhere it is not there at all. */
function assertDevMailbox(enabled: boolean) {
  if (!enabled) throw notFound('There is no development mailbox here.');
}

export const mailResolvers: Resolvers = {
  Me: {
    emailPreferences: (me) =>
      preferencesView({
        activity: me.person.activityEmailFrequency,
        announcements: me.person.announcementEmailFrequency,
      }),
  },
  Mutation: {
    setEmailPreferences: async (_root, { input }, context) =>
      preferencesView(await setEmailPreferences({ db: context.db, actor: await context.actor(), preferences: input })),
  },
  Query: {
    devMailbox: async (_root, { first, after, to }, { db, config }) => {
      assertDevMailbox(config.isDevMailboxEnabled);
      const limit = checkFirst(first, 20);
      const recipient = to ? emailAddress(to, 'to').toLowerCase() : null;
      const cursor = after ? (decodeCursor(after, ['string', 'string']) as [string, string]) : undefined;
      const rows = await db
        .select()
        .from(devMailboxMessage)
        .where(
          and(
            recipient ? sql`lower(${devMailboxMessage.recipient}) = ${recipient}` : undefined,
            cursor
              ? or(
                  lt(devMailboxMessage.createdAt, new Date(cursor[0])),
                  and(eq(devMailboxMessage.createdAt, new Date(cursor[0])), lt(devMailboxMessage.id, cursor[1])),
                )
              : undefined,
          ),
        )
        .orderBy(desc(devMailboxMessage.createdAt), desc(devMailboxMessage.id))
        .limit(limit + 1);
      const page = toPage(rows, limit);
      return {
        ...toConnection(page, (m) => encodeCursor([m.createdAt.toISOString(), m.id]), Boolean(after)),
        to: recipient,
      };
    },
    devMailboxMessage: async (_root, { id }, { db, config }) => {
      assertDevMailbox(config.isDevMailboxEnabled);
      if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('No such message.');
      const [row] = await db.select().from(devMailboxMessage).where(eq(devMailboxMessage.id, id));
      if (!row) throw notFound('No such message.');
      return row;
    },
  },
  MailboxMessageConnection: {
    totalCount: async (connection, _args, { db }) => {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(devMailboxMessage)
        .where(connection.to ? sql`lower(${devMailboxMessage.recipient}) = ${connection.to}` : undefined);
      return row?.n ?? 0;
    },
  },
  MailboxMessage: {
    to: (m) => m.recipient,
    from: (m) => m.sender,
    receivedAt: (m) => m.createdAt,
  },
  Alliance: {
    // E-mail deliveries are not tied to one alliance yet; every secretariat sees the failures.
    failedEmails: async (alliance, { first }, context) => {
      authorize(await context.actor(), { action: 'alliance.viewFailedEmails', allianceId: alliance.id });
      return context.db
        .select()
        .from(emailDelivery)
        .where(eq(emailDelivery.status, 'failed'))
        .orderBy(desc(emailDelivery.createdAt))
        .limit(checkFirst(first, 50));
    },
  },
};
