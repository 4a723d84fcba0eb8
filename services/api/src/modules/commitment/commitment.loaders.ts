import type { schema } from '@concord/db';
import { DomainError } from '../../errors.ts';
import { loader } from '../../graphql/loaders.ts';
import type { CommitmentConnectionParent } from '../../graphql/mappers.ts';
import { checkFirst, toConnection } from '../../lib/pagination.ts';
import { loadAlliances } from '../alliance/alliance.by-id.ts';
import { loadOrganisations } from '../organisation/organisation.service.ts';
import { can } from '../policy/policy.ts';
import { loadChairHolders } from '../working-group/chairs.ts';
import {
  commitmentCursor,
  listCommitmentsOfGroups,
  loadCommitmentHistory,
  loadPeople,
  loadWorkingGroups,
} from './commitment.reads.ts';

interface GroupCommitmentsArgs {
  open?: boolean | null;
  first?: number | null;
  after?: string | null;
}

/** Whether the caller may report on (and see the named person of) each commitment: one statement for the chairs. */
const mayReport = loader<schema.Commitment, boolean>(async (queries, context) => {
  const actor = await context.actor();
  if (!actor) return queries.map(() => false);
  const chairs = await loadChairHolders(
    context.db,
    queries.map((q) => q.obj.workingGroupId),
  );
  return queries.map((q, i) =>
    can(actor, {
      action: 'commitment.report',
      allianceId: q.obj.allianceId,
      organisationId: q.obj.taskholderOrganisationId,
      chairs: chairs[i] ?? [],
    }),
  );
});

/** Every group's page of commitments in one statement per distinct (open, first, after). */
const groupCommitments = loader<schema.WorkingGroup, CommitmentConnectionParent | Error>(async (queries, { db }) => {
  const results: (CommitmentConnectionParent | Error)[] = new Array(queries.length);
  const batches = new Map<string, { isOpenOnly: boolean; first: number; after: string | null; indexes: number[] }>();
  queries.forEach((query, index) => {
    const { open, first, after } = (query.params ?? {}) as GroupCommitmentsArgs;
    try {
      const checked = checkFirst(first, 50);
      const key = JSON.stringify([Boolean(open), checked, after ?? null]);
      const batch = batches.get(key) ?? {
        isOpenOnly: Boolean(open),
        first: checked,
        after: after ?? null,
        indexes: [],
      };
      batch.indexes.push(index);
      batches.set(key, batch);
    } catch (error) {
      results[index] = error as Error;
    }
  });
  for (const batch of batches.values()) {
    const groupIds = batch.indexes.map((i) => queries[i]?.obj.id ?? '');
    try {
      const pages = await listCommitmentsOfGroups(db, groupIds, batch);
      batch.indexes.forEach((queryIndex, k) => {
        results[queryIndex] = toConnection(
          pages[k] ?? { rows: [], hasNextPage: false },
          commitmentCursor,
          Boolean(batch.after),
        );
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      for (const queryIndex of batch.indexes) results[queryIndex] = error;
    }
  }
  return results;
});

export const commitmentLoaders = {
  Commitment: {
    alliance: loader<schema.Commitment, schema.Alliance | null>((queries, { db }) =>
      loadAlliances(
        db,
        queries.map((q) => q.obj.allianceId),
      ),
    ),
    workingGroup: loader<schema.Commitment, schema.WorkingGroup | null>((queries, { db }) =>
      loadWorkingGroups(
        db,
        queries.map((q) => q.obj.workingGroupId),
      ),
    ),
    taskholder: loader<schema.Commitment, schema.Organisation | null>((queries, { db }) =>
      loadOrganisations(
        db,
        queries.map((q) => q.obj.taskholderOrganisationId),
      ),
    ),
    // Personal data: only for those who may report on the commitment (docs/visibility.md).
    taskholderPerson: loader<schema.Commitment, schema.Person | null>(async (queries, context) => {
      const allowed = await mayReport(queries, context);
      return loadPeople(
        context.db,
        queries.map((q, i) => (allowed[i] ? q.obj.taskholderPersonId : null)),
      );
    }),
    history: loader<schema.Commitment, schema.CommitmentUpdate[]>((queries, { db }) =>
      loadCommitmentHistory(
        db,
        queries.map((q) => q.obj.id),
      ),
    ),
    viewerCanReport: mayReport,
    viewerCanManage: loader<schema.Commitment, boolean>(async (queries, context) => {
      const actor = await context.actor();
      if (!actor) return queries.map(() => false);
      const chairs = await loadChairHolders(
        context.db,
        queries.map((q) => q.obj.workingGroupId),
      );
      return queries.map((q, i) =>
        can(actor, {
          action: 'commitment.manage',
          allianceId: q.obj.allianceId,
          chairs: chairs[i] ?? [],
        }),
      );
    }),
  },
  CommitmentUpdate: {
    byOrganisation: loader<schema.CommitmentUpdate, schema.Organisation | null>(async (queries, { db }) => {
      const ids = queries.map((q) => q.obj.byOrganisationId);
      const found = await loadOrganisations(
        db,
        ids.filter((id): id is string => id !== null),
      );
      const byId = new Map(found.filter((o) => o !== null).map((o) => [o.id, o]));
      return ids.map((id) => (id ? (byId.get(id) ?? null) : null));
    }),
  },
  WorkingGroup: {
    commitments: groupCommitments,
  },
};
