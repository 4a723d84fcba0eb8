import type { schema } from '@concord/db';
import { loader } from '../../graphql/loaders.ts';
import type { SubTargetParent } from '../../graphql/mappers.ts';
import { loadCurrentDeclarations, loadSubTargets } from './alliance.service.ts';

export const allianceLoaders = {
  Alliance: {
    declaration: loader<schema.Alliance, schema.DeclarationVersion | null>((queries, { db }) =>
      loadCurrentDeclarations(
        db,
        queries.map((q) => q.obj.id),
      ),
    ),
    subTargets: loader<schema.Alliance, SubTargetParent[]>(async (queries, { db }) => {
      const lists = await loadSubTargets(
        db,
        queries.map((q) => q.obj.id),
      );
      return lists.map((list) =>
        list.map((t) => ({
          id: t.id,
          label: t.label,
          polymer: t.polymer,
          sector: t.sector,
          tonnes: t.targetTonnes,
          year: t.targetYear,
          allianceId: t.allianceId,
        })),
      );
    }),
  },
};
