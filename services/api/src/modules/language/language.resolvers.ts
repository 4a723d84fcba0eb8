import { SUPPORTED_LOCALES } from '@concord/schema/values';
import type { Resolvers } from '../../graphql/resolvers.generated.ts';
import { setMyLocale } from './set-my-locale.ts';

export const languageResolvers: Resolvers = {
  Me: {
    locale: ({ person }) => person.locale,
  },
  Query: {
    supportedLocales: () => [...SUPPORTED_LOCALES],
  },
  Mutation: {
    setMyLocale: async (_root, { locale }, context) => ({
      person: await setMyLocale({ db: context.db, actor: await context.actor(), locale }),
    }),
  },
};
