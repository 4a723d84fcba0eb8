import type { schema } from '@concord/db';
import { loader } from '../../graphql/loaders.ts';
import type { SubTargetParent } from '../../graphql/mappers.ts';
import { can } from '../policy/policy.ts';
import {
  loadCurrentDeclarations,
  loadSecretariats,
  loadSubTargets,
  loadTargetHistories,
  subTargetShape,
  type TargetPeriodRow,
} from './alliance.service.ts';

export const allianceLoaders = {
  Alliance: {
    targetHistory: loader<schema.Alliance, TargetPeriodRow[]>((queries, { db }) =>
      loadTargetHistories(
        db,
        queries.map((q) => q.obj),
      ),
    ),
    /** Who is in the secretariat: its own members' and the platform administrators' to see, null for anyone else. */
    secretariatMembers: loader<schema.Alliance, schema.Person[] | null>(async (queries, context) => {
      const actor = await context.actor();
      const ids = queries.map((q) => q.obj.id);
      const allowed = ids.filter((id) => can(actor, { action: 'alliance.manageSecretariat', allianceId: id }));
      if (allowed.length === 0) return ids.map(() => null);
      const lists = await loadSecretariats(context.db, allowed);
      return ids.map((id) => (allowed.includes(id) ? (lists[allowed.indexOf(id)] ?? []) : null));
    }),
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
      return lists.map((list) => list.map(subTargetShape));
    }),
  },
};
