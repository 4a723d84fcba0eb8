import type { Database } from '@concord/db';
import type { PledgeConnectionParent } from '../../graphql/mappers.ts';
import type { Resolvers } from '../../graphql/resolvers.generated.ts';
import { checkFirst, toConnection } from '../../lib/pagination.ts';
import { listPledges, type PledgeFilter, pledgeCursor, summarisePledges } from './pledge.service.ts';

// totalCount and totalTonnes come from one aggregate statement, run once per connection.
const summaries = new WeakMap<object, ReturnType<typeof summarisePledges>>();
const summaryOf = (c: PledgeConnectionParent, db: Database) => {
  let summary = summaries.get(c);
  if (!summary) {
    summary = summarisePledges(db, c.allianceId, c.filter);
    summaries.set(c, summary);
  }
  return summary;
};

export const pledgeResolvers: Resolvers = {
  Alliance: {
    pledges: async (alliance, { first, after, filter }, { db }) => {
      const parsed: PledgeFilter = {
        kind: filter?.kind ?? undefined,
        polymer: filter?.polymer ?? undefined,
        sector: filter?.sector ?? undefined,
        workingGroupSlug: filter?.workingGroup ?? undefined,
        country: filter?.country ?? undefined,
      };
      const page = await listPledges(db, alliance.id, { first: checkFirst(first, 20), after, filter: parsed });
      return { ...toConnection(page, pledgeCursor, Boolean(after)), allianceId: alliance.id, filter: parsed };
    },
  },
  PledgeConnection: {
    totalCount: async (c, _args, { db }) => (await summaryOf(c, db)).totalCount,
    totalTonnes: async (c, _args, { db }) => (await summaryOf(c, db)).totalTonnes,
  },
};
