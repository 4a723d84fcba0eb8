import type { schema } from '@concord/db';
import { DomainError } from '../../errors.ts';
import { loader } from '../../graphql/loaders.ts';
import type { WorkingGroupMemberConnectionParent, WorkingGroupMemberParent } from '../../graphql/mappers.ts';
import { checkFirst, toConnection } from '../../lib/pagination.ts';
import { loadPeople } from '../commitment/commitment.reads.ts';
import { loadOrganisations } from '../organisation/organisation.service.ts';
import { heldChair } from '../policy/policy.ts';
import { loadChairHolders } from './chairs.ts';
import {
  type GroupRepresentation,
  listMembersOfGroups,
  loadChairs,
  loadMemberCounts,
  loadMissingCountries,
  loadMissingStages,
  loadRepresentation,
  memberCursor,
} from './working-group.service.ts';

interface MembersArgs {
  first?: number | null;
  after?: string | null;
}

/**
 * Every group's members page in one statement per distinct (first, after): a list of groups that all ask
 * for `members(first: 5)` costs one statement, not one per group. A bad argument fails its own field only.
 */
const members = loader<schema.WorkingGroup, WorkingGroupMemberConnectionParent | Error>(async (queries, { db }) => {
  const results: (WorkingGroupMemberConnectionParent | Error)[] = new Array(queries.length);
  const batches = new Map<string, { first: number; after: string | null; indexes: number[] }>();
  queries.forEach((query, index) => {
    const { first, after } = (query.params ?? {}) as MembersArgs;
    try {
      const checked = checkFirst(first, 100);
      const key = JSON.stringify([checked, after ?? null]);
      const batch = batches.get(key) ?? { first: checked, after: after ?? null, indexes: [] };
      batch.indexes.push(index);
      batches.set(key, batch);
    } catch (error) {
      results[index] = error as Error;
    }
  });
  for (const batch of batches.values()) {
    const groupIds = batch.indexes.map((i) => queries[i]?.obj.id ?? '');
    try {
      const pages = await listMembersOfGroups(db, groupIds, batch);
      batch.indexes.forEach((queryIndex, k) => {
        const page = pages[k] ?? { rows: [], hasNextPage: false };
        results[queryIndex] = {
          ...toConnection(page, memberCursor, Boolean(batch.after)),
          workingGroupId: groupIds[k] ?? '',
        };
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      for (const queryIndex of batch.indexes) results[queryIndex] = error;
    }
  }
  return results;
});

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
    viewerHoldsChair: loader<schema.WorkingGroup, boolean>(async (queries, context) => {
      const actor = await context.actor();
      if (!actor || actor.organisationIds.size === 0) return queries.map(() => false);
      const holders = await loadChairHolders(
        context.db,
        queries.map((q) => q.obj.id),
      );
      return holders.map((chairs) => heldChair(actor, chairs) !== undefined);
    }),
    members,
    missingStages: loader<schema.WorkingGroup, schema.ValueChainStage[]>((queries, { db }) =>
      loadMissingStages(
        db,
        queries.map((q) => q.obj.id),
      ),
    ),
    missingCountries: loader<schema.WorkingGroup, string[]>((queries, { db }) =>
      loadMissingCountries(
        db,
        queries.map((q) => q.obj.id),
      ),
    ),
    representation: loader<schema.WorkingGroup, GroupRepresentation>((queries, { db }) =>
      loadRepresentation(
        db,
        queries.map((q) => q.obj.id),
      ),
    ),
  },
  WorkingGroupMember: {
    chairName: loader<WorkingGroupMemberParent, string | null>(async (queries, { db }) => {
      const people = await loadPeople(
        db,
        queries.map((q) => q.obj.chairPersonId),
      );
      return people.map((p) => p?.name ?? null);
    }),
    organisation: loader<WorkingGroupMemberParent, schema.Organisation | null>((queries, { db }) =>
      loadOrganisations(
        db,
        queries.map((q) => q.obj.organisationId),
      ),
    ),
  },
  WorkingGroupMemberConnection: {
    totalCount: loader<WorkingGroupMemberConnectionParent, number>((queries, { db }) =>
      loadMemberCounts(
        db,
        queries.map((q) => q.obj.workingGroupId),
      ),
    ),
  },
};
