import type { Resolvers } from '../../graphql/resolvers.generated.ts';

/** Managing working groups: the secretariat's edits, chairs, joining and leaving, members, who is missing. */
export const workingGroupAdminResolvers: Resolvers = {};
