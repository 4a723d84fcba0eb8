import { schema } from '@concord/db';
import { eq } from 'drizzle-orm';
import type { GraphQLContext } from '../../graphql/context.ts';
import type { Resolvers } from '../../graphql/resolvers.generated.ts';
import { checkFirst, toConnection } from '../../lib/pagination.ts';
import { authorize, can } from '../policy/policy.ts';
import { countNotResigned, listNotResigned, versionInForce } from './not-resigned.ts';
import { countActiveSignatures, countReviewQueue, listReviewQueue, reviewCursor } from './signing.reads.ts';
import { approveSignature } from './use-cases/approve-signature.ts';
import { confirmSignature } from './use-cases/confirm-signature.ts';
import { registerOrganisation } from './use-cases/register-organisation.ts';
import { rejectSignature } from './use-cases/reject-signature.ts';
import { resignDeclaration } from './use-cases/resign-declaration.ts';
import { signDeclaration } from './use-cases/sign-declaration.ts';
import { withdrawSignature } from './use-cases/withdraw-signature.ts';

export const signatureAddedTopic = (allianceSlug: string) => `signature-added:${allianceSlug}`;

async function deps(context: GraphQLContext) {
  return { db: context.db, jobs: context.jobs, config: context.config, actor: await context.actor() };
}

/** After the approval committed: tell the live counters. */
async function announce(context: GraphQLContext, signature: schema.Signature) {
  const [facts] = await context.db
    .select({ slug: schema.alliance.slug, organisationName: schema.organisation.legalName })
    .from(schema.alliance)
    .innerJoin(schema.organisation, eq(schema.organisation.id, signature.organisationId))
    .where(eq(schema.alliance.id, signature.allianceId));
  if (!facts) return;
  const signatoryCount = await countActiveSignatures(context.db, signature.allianceId);
  await context.publish(signatureAddedTopic(facts.slug), {
    signatureAdded: { allianceSlug: facts.slug, organisationName: facts.organisationName, signatoryCount },
  });
}

export const signingResolvers: Resolvers = {
  Mutation: {
    registerOrganisation: async (_root, { input }, context) => {
      const result = await registerOrganisation({
        ...(await deps(context)),
        input,
      });
      return result;
    },
    signDeclaration: async (_root, { input }, context) => signDeclaration({ ...(await deps(context)), input }),
    resignDeclaration: async (_root, { input }, context) => resignDeclaration({ ...(await deps(context)), input }),
    confirmSignature: (_root, { token }, { db, jobs, config }) => confirmSignature({ db, jobs, config, token }),
    approveSignature: async (_root, { id }, context) => {
      const approved = await approveSignature({ ...(await deps(context)), signatureId: id });
      await announce(context, approved).catch((err: unknown) => context.log.warn({ err }, 'live update not sent'));
      return approved;
    },
    rejectSignature: async (_root, { id, reason }, context) =>
      rejectSignature({ ...(await deps(context)), signatureId: id, reason }),
    withdrawSignature: async (_root, { id, reason }, context) =>
      withdrawSignature({ ...(await deps(context)), signatureId: id, reason }),
  },
  Subscription: {
    signatureAdded: {
      subscribe: async (_root, { allianceSlug }, { pubsub }) => {
        if (!pubsub) throw new Error('subscriptions need a WebSocket connection');
        return pubsub.subscribe(signatureAddedTopic(allianceSlug));
      },
    },
  },
  Alliance: {
    reviewQueue: async (alliance, { first, after }, context) => {
      authorize(await context.actor(), { action: 'alliance.viewReviewQueue', allianceId: alliance.id });
      const page = await listReviewQueue(context.db, alliance.id, { first: checkFirst(first, 50), after });
      return { ...toConnection(page, reviewCursor, Boolean(after)), allianceId: alliance.id };
    },
    // The secretariat's working list, as the review queue is; null for others, as secretariatMembers is, so that a
    // page asking for it with other fields still answers.
    signatoriesNotResigned: async (alliance, { first }, context) => {
      if (!can(await context.actor(), { action: 'alliance.viewReviewQueue', allianceId: alliance.id })) return null;
      const inForce = await versionInForce(context.db, alliance.id);
      if (!inForce) return { versionInForce: null, totalCount: 0, signatures: [] };
      const [totalCount, signatures] = await Promise.all([
        countNotResigned(context.db, alliance.id),
        listNotResigned(context.db, alliance.id, checkFirst(first, 100)),
      ]);
      return { versionInForce: inForce.version, totalCount, signatures };
    },
  },
  SignatureConnection: {
    totalCount: (connection, _args, { db }) => countReviewQueue(db, connection.allianceId),
  },
  HistoryEvent: {
    at: (event) => event.occurredAt,
    fromStatus: (event) => statusOf(event.before),
    toStatus: (event) => statusOf(event.after),
    bySecretariat: (event) => event.actorOrganisationId === null && event.actorPersonId !== null,
  },
};

function statusOf(value: unknown): string | null {
  if (value && typeof value === 'object' && 'status' in value && typeof value.status === 'string') return value.status;
  return null;
}
