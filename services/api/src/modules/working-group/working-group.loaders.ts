import type { schema } from '@concord/db';
import { loader } from '../../graphql/loaders.ts';
import type { WorkingGroupMemberParent } from '../../graphql/mappers.ts';
import { loadOrganisations } from '../organisation/organisation.service.ts';
import { loadChairs, loadMemberCounts } from './working-group.service.ts';

export const workingGroupLoaders = {
  WorkingGroup: {
    memberCount: loader<schema.WorkingGroup, number>((queries, { db }) =>
      loadMemberCounts(
        db,
        queries.map((q) => q.obj.id),
      ),
    ),
    chairs: loader<schema.WorkingGroup, WorkingGroupMemberParent[]>((queries, { db }) =>
      loadChairs(
        db,
        queries.map((q) => q.obj.id),
      ),
    ),
  },
  WorkingGroupMember: {
    organisation: loader<WorkingGroupMemberParent, schema.Organisation | null>((queries, { db }) =>
      loadOrganisations(
        db,
        queries.map((q) => q.obj.organisationId),
      ),
    ),
  },
};
