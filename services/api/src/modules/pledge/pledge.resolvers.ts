import type { Database } from '@concord/db';
import { DomainError, notFound } from '../../errors.ts';
import type { GraphQLContext } from '../../graphql/context.ts';
import type { PledgeConnectionParent } from '../../graphql/mappers.ts';
import type { Resolvers } from '../../graphql/resolvers.generated.ts';
import { checkFirst, toConnection } from '../../lib/pagination.ts';
import { isUuid } from '../../lib/validate.ts';
import { can } from '../policy/policy.ts';
import { groupsChairedBy } from '../working-group/chairs.ts';
import {
  findPledge,
  listPledgeReviewQueue,
  listPledges,
  mayViewEach,
  type PledgeFilter,
  pledgeCursor,
  pledgeTotalsOfAlliance,
  summarisePledges,
  wasInForce,
} from './pledge.reads.ts';
import { amendPledge } from './use-cases/amend-pledge.ts';
import { draftPledge } from './use-cases/draft-pledge.ts';
import { reviewPledge } from './use-cases/review-pledge.ts';
import { submitPledge } from './use-cases/submit-pledge.ts';
import { updatePledgeDraft } from './use-cases/update-pledge-draft.ts';
import { withdrawPledge } from './use-cases/withdraw-pledge.ts';

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

async function deps(context: GraphQLContext) {
  return { db: context.db, jobs: context.jobs, config: context.config, actor: await context.actor() };
}

/** The public register of pledges, and drafting, submitting, reviewing, amending and withdrawing pledges. */
export const pledgeResolvers: Resolvers = {
  Mutation: {
    draftPledge: async (_root, { input }, context) =>
      draftPledge({
        ...(await deps(context)),
        input: {
          allianceSlug: input.allianceSlug,
          organisationId: input.organisationId,
          pledge: input.pledge,
        },
      }),
    updatePledgeDraft: async (_root, { pledgeId, pledge }, context) =>
      updatePledgeDraft({ ...(await deps(context)), pledgeId, input: pledge }),
    submitPledge: async (_root, { pledgeId }, context) => submitPledge({ ...(await deps(context)), pledgeId }),
    reviewPledge: async (_root, { pledgeId, decision, comment }, context) =>
      reviewPledge({ ...(await deps(context)), pledgeId, decision, comment }),
    amendPledge: async (_root, { pledgeId, pledge }, context) =>
      amendPledge({ ...(await deps(context)), pledgeId, input: pledge }),
    withdrawPledge: async (_root, { pledgeId, reason }, context) =>
      withdrawPledge({ ...(await deps(context)), pledgeId, reason }),
  },
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
    // Drafts and decisions in progress are private: to anyone else they do not exist.
    pledge: async (alliance, { id }, context) => {
      const hidden = () => notFound('No such pledge in this alliance.');
      if (!isUuid(id)) throw hidden();
      const found = await findPledge(context.db, alliance.id, id);
      if (!found) throw hidden();
      if (wasInForce(found.pledge, found.versions)) return found.pledge;
      const actor = await context.actor();
      if (
        found.pledge.status === 'draft' &&
        !can(actor, { action: 'pledge.viewDraft', organisationId: found.pledge.organisationId })
      ) {
        throw hidden();
      }
      const [mayView] = await mayViewEach(context.db, actor, [found]);
      if (!mayView) throw hidden();
      return found.pledge;
    },
    pledgeReviewQueue: async (alliance, { filter }, context) => {
      const actor = await context.actor();
      if (!actor) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
      const isSecretariat = can(actor, { action: 'pledge.reviewAny', allianceId: alliance.id });
      const groupIds = isSecretariat ? [] : await groupsChairedBy(context.db, actor, alliance.id);
      if (!isSecretariat && groupIds.length === 0) {
        throw new DomainError('FORBIDDEN', 'Only the secretariat and the chairs of working groups review pledges.');
      }
      return listPledgeReviewQueue(context.db, {
        allianceId: alliance.id,
        isSecretariat,
        groupIds,
        excludedOrganisationIds: [...actor.organisationIds],
        filter: {
          workingGroupSlug: filter?.workingGroup ?? undefined,
          kind: filter?.kind ?? undefined,
        },
      });
    },
    pledgeTotals: (alliance, _args, { db }) => pledgeTotalsOfAlliance(db, alliance.id),
  },
  WorkingGroup: {
    pledges: async (group, { first, after }, { db }) => {
      const filter: PledgeFilter = { workingGroupSlug: group.slug };
      const page = await listPledges(db, group.allianceId, { first: checkFirst(first, 50), after, filter });
      return { ...toConnection(page, pledgeCursor, Boolean(after)), allianceId: group.allianceId, filter };
    },
  },
  PledgeConnection: {
    totalCount: async (c, _args, { db }) => (await summaryOf(c, db)).totalCount,
    totalTonnes: async (c, _args, { db }) => (await summaryOf(c, db)).totalTonnes,
  },
  PledgeReviewItem: {
    isAmendment: (item) => item.pledge.status === 'accepted',
  },
};
