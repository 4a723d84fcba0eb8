import type { Resolvers } from '../../graphql/resolvers.generated.ts';
import { fromGraphQLEnum } from '../../lib/enums.ts';
import { checkFirst, toConnection } from '../../lib/pagination.ts';
import { type SignatoryFilter, countSignatories, listSignatories, signatoryCursor } from './signatory.service.ts';

export const signatoryResolvers: Resolvers = {
  Alliance: {
    signatories: async (alliance, { first, after, filter }, { db }) => {
      const parsed: SignatoryFilter = {
        country: filter?.country ?? undefined,
        kind: filter?.kind ? fromGraphQLEnum(filter.kind) : undefined,
        stage: filter?.stage ? fromGraphQLEnum(filter.stage) : undefined,
        search: filter?.search ?? undefined,
      };
      const page = await listSignatories(db, alliance.id, { first: checkFirst(first, 20), after, filter: parsed });
      return { ...toConnection(page, signatoryCursor, Boolean(after)), allianceId: alliance.id, filter: parsed };
    },
  },
  SignatoryConnection: {
    totalCount: (connection, _args, { db }) => countSignatories(db, connection.allianceId, connection.filter),
  },
};
