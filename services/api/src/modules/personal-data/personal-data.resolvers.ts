import { schema } from '@concord/db';
import { PRIVACY_NOTICE_VERSION } from '@concord/schema/values';
import { sql } from 'drizzle-orm';
import { notFound } from '../../errors.ts';
import type { Resolvers } from '../../graphql/resolvers.generated.ts';
import { emailAddress } from '../../lib/validate.ts';
import { authenticate } from '../policy/policy.ts';
import { authorizeForPerson } from './data-subject.ts';
import {
  acceptPrivacyNotice,
  latestAcceptance,
  type PrivacyNoticeAcceptance,
} from './use-cases/accept-privacy-notice.ts';
import { erasePerson, requestErasure } from './use-cases/erase-person.ts';
import { exportPersonalData } from './use-cases/export-personal-data.ts';

const acceptance = (row: PrivacyNoticeAcceptance) => ({ ...row, isCurrent: row.version === PRIVACY_NOTICE_VERSION });

export const personalDataResolvers: Resolvers = {
  Query: {
    privacyNotice: () => ({ version: PRIVACY_NOTICE_VERSION }),
    myPersonalData: async (_root, _args, context) => {
      const actor = await context.actor();
      authenticate(actor);
      return { ...(await exportPersonalData({ db: context.db, personId: actor.personId })) };
    },
    personalData: async (_root, { personId }, context) => {
      await authorizeForPerson(context.db, await context.actor(), personId);
      return { ...(await exportPersonalData({ db: context.db, personId })) };
    },
    personByEmail: async (_root, args, context) => {
      const actor = await context.actor();
      authenticate(actor);
      const email = emailAddress(args.email).toLowerCase();
      const [found] = await context.db
        .select()
        .from(schema.person)
        .where(sql`lower(${schema.person.email}) = ${email}`);
      if (!found) throw notFound('No such person.');
      await authorizeForPerson(context.db, actor, found.id);
      return found;
    },
  },
  Me: {
    privacyNotice: async ({ person }, _args, { db }) => {
      const latest = await latestAcceptance(db, person.id);
      return latest && acceptance(latest);
    },
  },
  Mutation: {
    acceptPrivacyNotice: async (_root, { version }, context) => {
      const actor = await context.actor();
      authenticate(actor);
      const accepted = await context.db.transaction((tx) =>
        acceptPrivacyNotice(tx, { personId: actor.personId, version }),
      );
      return acceptance(accepted);
    },
    requestErasure: async (_root, { confirm }, context) => {
      const erased = await requestErasure({ db: context.db, actor: await context.actor(), confirm });
      // The erasure ended every session of the person, this one included: the cookie goes too.
      context.clearSessionCookie();
      return erased;
    },
    erasePerson: async (_root, { personId, reason }, context) =>
      erasePerson({ db: context.db, actor: await context.actor(), personId, reason }),
  },
};
