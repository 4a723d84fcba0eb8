import type { Resolvers } from '../../graphql/resolvers.generated.ts';

/** Drafting, submitting, reviewing, amending and withdrawing pledges (issue 4). */
export const pledgeLifecycleResolvers: Resolvers = {};
