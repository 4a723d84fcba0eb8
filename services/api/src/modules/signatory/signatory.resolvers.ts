import { badInput } from '../../errors.ts';
import type { Resolvers } from '../../graphql/resolvers.generated.ts';
import { checkFirst, toConnection } from '../../lib/pagination.ts';
import { isSelected } from '../../lib/selection.ts';
import { isUuid } from '../../lib/validate.ts';
import {
  countSignatories,
  findSignatory,
  listSignatories,
  type SignatoryFilter,
  signatoryCursor,
} from './signatory.service.ts';

export const signatoryResolvers: Resolvers = {
  Alliance: {
    signatories: async (alliance, { first, after, filter }, { db }, info) => {
      const parsed: SignatoryFilter = {
        country: filter?.country ?? undefined,
        kind: filter?.kind ?? undefined,
        stage: filter?.stage ?? undefined,
        search: filter?.search ?? undefined,
        onEarlierVersion: filter?.onEarlierVersion ?? undefined,
      };
      const limit = checkFirst(first, 20);
      // The count runs beside the page rather than after it: one round trip instead of two.
      const totalCount = isSelected(info, 'totalCount') ? countSignatories(db, alliance.id, parsed) : undefined;
      totalCount?.catch(() => {});
      const page = await listSignatories(db, alliance.id, { first: limit, after, filter: parsed });
      return toConnection(page, signatoryCursor, Boolean(after), {
        allianceId: alliance.id,
        filter: parsed,
        totalCount,
      });
    },
    // The public page of one signatory: null, not an error, for an organisation that is not (or no longer) one.
    signatory: (alliance, { organisationId }, { db }) => {
      if (!isUuid(organisationId)) throw badInput('organisationId', 'This is not an organisation id.');
      return findSignatory(db, alliance.id, organisationId);
    },
  },
  SignatoryConnection: {
    totalCount: (connection, _args, { db }) =>
      connection.totalCount ?? countSignatories(db, connection.allianceId, connection.filter),
  },
};
