import type { schema } from '@concord/db';
import { loader } from '../../graphql/loaders.ts';
import type { WorkingGroupMembershipParent } from '../../graphql/mappers.ts';
import { loadMemberships } from './organisation.service.ts';

export const organisationLoaders = {
  Organisation: {
    workingGroups: loader<schema.Organisation, WorkingGroupMembershipParent[]>((queries, { db }) =>
      loadMemberships(
        db,
        queries.map((q) => q.obj.id),
      ),
    ),
  },
};
