import type { Resolvers } from '../../graphql/resolvers.generated.ts';
import { toGraphQLEnum } from '../../lib/enums.ts';

export const organisationResolvers: Resolvers = {
  Organisation: {
    kind: (organisation) => toGraphQLEnum(organisation.kind),
    size: (organisation) => toGraphQLEnum(organisation.size),
    stages: (organisation) => organisation.stages.map(toGraphQLEnum),
  },
  WorkingGroupMembership: {
    role: (membership) => toGraphQLEnum(membership.role),
  },
};
