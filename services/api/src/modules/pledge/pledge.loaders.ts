import type { schema } from '@concord/db';
import { loader } from '../../graphql/loaders.ts';
import { loadAlliances } from '../alliance/alliance.by-id.ts';
import { loadOrganisations } from '../organisation/organisation.service.ts';
import { loadWorkingGroups } from '../working-group/working-group.service.ts';

export const pledgeLoaders = {
  Pledge: {
    alliance: loader<schema.Pledge, schema.Alliance | null>((queries, { db }) =>
      loadAlliances(
        db,
        queries.map((q) => q.obj.allianceId),
      ),
    ),
    organisation: loader<schema.Pledge, schema.Organisation | null>((queries, { db }) =>
      loadOrganisations(
        db,
        queries.map((q) => q.obj.organisationId),
      ),
    ),
    workingGroup: loader<schema.Pledge, schema.WorkingGroup | null>(async (queries, { db }) => {
      const ids = queries.map((q) => q.obj.workingGroupId);
      const groups = await loadWorkingGroups(
        db,
        ids.filter((id): id is string => id !== null),
      );
      const byId = new Map(groups.filter((g) => g !== null).map((g) => [g.id, g]));
      return ids.map((id) => (id ? (byId.get(id) ?? null) : null));
    }),
  },
};
