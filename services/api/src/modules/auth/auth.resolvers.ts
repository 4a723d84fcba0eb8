import { schema } from '@concord/db';
import { asc, eq } from 'drizzle-orm';
import type { Resolvers } from '../../graphql/resolvers.generated.ts';
import { logout, requestLoginLink, signInWithLink } from './auth.service.ts';
import { setMyName } from './set-my-name.ts';

export const authResolvers: Resolvers = {
  Query: {
    me: (_root, _args, { session }) => (session ? { person: session.person } : null),
  },
  Mutation: {
    setMyName: async (_root, { name }, context) => ({
      person: await setMyName({ db: context.db, actor: await context.actor(), name }),
    }),
    requestLoginLink: async (_root, { email, redirectTo, locale }, { db, jobs, config, clientAddress }) => {
      const { expiresInMinutes } = await requestLoginLink({
        db,
        jobs,
        config,
        email,
        redirectTo,
        locale,
        clientAddress,
      });
      return { accepted: true, expiresInMinutes };
    },
    signInWithLink: async (_root, { token, privacyNoticeVersion, locale }, context) => {
      const signedIn = await signInWithLink({
        db: context.db,
        config: context.config,
        token,
        userAgent: context.userAgent,
        privacyNoticeVersion,
        locale,
      });
      context.setSessionCookie(signedIn.token, signedIn.expiresAt);
      return { person: signedIn.person, locale: signedIn.person.locale, expiresAt: signedIn.expiresAt };
    },
    logout: async (_root, _args, { db, session, clearSessionCookie }) => {
      if (session) await logout({ db, sessionId: session.sessionId });
      clearSessionCookie();
      return true;
    },
  },
  Me: {
    isPlatformAdministrator: ({ person }) => person.isPlatformAdministrator,
    organisations: async ({ person }, _args, { db }) =>
      db
        .select({ organisation: schema.organisation, jobTitle: schema.organisationMember.jobTitle })
        .from(schema.organisationMember)
        .innerJoin(schema.organisation, eq(schema.organisation.id, schema.organisationMember.organisationId))
        .where(eq(schema.organisationMember.personId, person.id))
        .orderBy(asc(schema.organisation.legalName)),
    roles: async ({ person }, _args, { db }) =>
      db
        .select({ allianceId: schema.allianceStaff.allianceId, role: schema.allianceStaff.role })
        .from(schema.allianceStaff)
        .where(eq(schema.allianceStaff.personId, person.id)),
  },
};
