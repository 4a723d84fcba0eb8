import type { Database, schema } from '@concord/db';
import type { GraphQLContext } from '../../graphql/context.ts';
import { loader } from '../../graphql/loaders.ts';
import { loadAlliances } from '../alliance/alliance.by-id.ts';
import type { DocumentEntry } from '../document/document.service.ts';
import { loadOrganisations } from '../organisation/organisation.service.ts';
import { can } from '../policy/policy.ts';
import { loadWorkingGroups } from '../working-group/working-group.service.ts';
import {
  isOpen,
  loadDocuments,
  loadOrganisationPledges,
  loadPledgeTotalsOfGroups,
  loadVersions,
  mayViewEach,
  type PledgeTotal,
  PUBLIC_VERSION_STATUSES,
} from './pledge.reads.ts';

interface SeenVersions {
  list: schema.PledgeVersion[];
  mayView: boolean;
}

/**
 * `versions` and `openVersion` of the same pledge object share one answer: a query asking for both costs the
 * statements of one. Keyed by the parent row object, which lives as long as the request that loaded it.
 */
const seen = new WeakMap<schema.Pledge, Promise<SeenVersions>>();

/** Each pledge's versions, and whether the caller may see the private ones: two statements per batch at most. */
function versionsSeenBy(queries: readonly { obj: schema.Pledge }[], context: GraphQLContext) {
  const missing = queries.map((q) => q.obj).filter((p) => !seen.has(p));
  if (missing.length > 0) {
    const pending = (async () => {
      const versions = await loadVersions(
        context.db,
        missing.map((p) => p.id),
      );
      const mayView = await mayViewEach(
        context.db,
        await context.actor(),
        missing.map((p, i) => ({ pledge: p, versions: versions[i] ?? [] })),
      );
      const actor = await context.actor();
      // Drafts are private to the organisation: reviewers see a version once it is submitted.
      return versions.map((list, i) => {
        const row = missing[i];
        const owner =
          row !== undefined && can(actor, { action: 'pledge.viewDraft', organisationId: row.organisationId });
        return { list: owner ? list : list.filter((v) => v.status !== 'draft'), mayView: mayView[i] === true };
      });
    })();
    missing.forEach((p, i) => {
      seen.set(
        p,
        pending.then((all) => all[i] ?? { list: [], mayView: false }),
      );
    });
  }
  return Promise.all(queries.map((q) => seen.get(q.obj) ?? Promise.resolve({ list: [], mayView: false })));
}

/** The working group of each pledge or version (none for those without one), in their order. */
async function workingGroupsOf(db: Database, ids: readonly (string | null)[]) {
  const groups = await loadWorkingGroups(
    db,
    ids.filter((id): id is string => id !== null),
  );
  const byId = new Map(groups.filter((g) => g !== null).map((g) => [g.id, g]));
  return ids.map((id) => (id ? (byId.get(id) ?? null) : null));
}

export const pledgeLoaders = {
  Organisation: {
    pledges: loader<schema.Organisation, schema.Pledge[]>(async (queries, context) =>
      loadOrganisationPledges(
        context.db,
        await context.actor(),
        queries.map((q) => q.obj.id),
      ),
    ),
  },
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
    workingGroup: loader<schema.Pledge, schema.WorkingGroup | null>((queries, { db }) =>
      workingGroupsOf(
        db,
        queries.map((q) => q.obj.workingGroupId),
      ),
    ),
    // Drafts and versions under review only for those who may view them; others see what was in force.
    versions: loader<schema.Pledge, schema.PledgeVersion[]>(async (queries, context) =>
      (await versionsSeenBy(queries, context)).map(({ list, mayView }) =>
        mayView ? list : list.filter((v) => PUBLIC_VERSION_STATUSES.includes(v.status)),
      ),
    ),
    openVersion: loader<schema.Pledge, schema.PledgeVersion | null>(async (queries, context) =>
      (await versionsSeenBy(queries, context)).map(({ list, mayView }) =>
        mayView ? (list.find(isOpen) ?? null) : null,
      ),
    ),
  },
  PledgeVersion: {
    workingGroup: loader<schema.PledgeVersion, schema.WorkingGroup | null>((queries, { db }) =>
      workingGroupsOf(
        db,
        queries.map((q) => q.obj.workingGroupId),
      ),
    ),
    statement: loader<schema.PledgeVersion, DocumentEntry | null>((queries, { db }) =>
      loadDocuments(
        db,
        queries.map((q) => q.obj.statementDocumentId),
      ),
    ),
  },
  WorkingGroup: {
    pledgeTotals: loader<schema.WorkingGroup, PledgeTotal[]>((queries, { db }) =>
      loadPledgeTotalsOfGroups(
        db,
        queries.map((q) => q.obj.id),
      ),
    ),
  },
};
