import type { Resolvers } from '../../graphql/resolvers.generated.ts';

/** Reporting campaigns, progress reports and their validation, reporting status (issue 5). */
export const reportingResolvers: Resolvers = {};
