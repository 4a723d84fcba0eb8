import type { schema } from '@concord/db';
import type { GraphQLContext } from '../../graphql/context.ts';
import { loader } from '../../graphql/loaders.ts';
import type { PledgeTotalParent } from '../../graphql/mappers.ts';
import type { DocumentEntry } from '../document/document.service.ts';
import { can } from '../policy/policy.ts';
import { loadWorkingGroups } from '../working-group/working-group.service.ts';
import {
  isOpen,
  loadDocuments,
  loadOrganisationPledges,
  loadPledgeTotalsOfGroups,
  loadVersions,
  mayViewEach,
  PUBLIC_VERSION_STATUSES,
} from './pledge-lifecycle.reads.ts';

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

export const pledgeLifecycleLoaders = {
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
    workingGroup: loader<schema.PledgeVersion, schema.WorkingGroup | null>(async (queries, { db }) => {
      const ids = queries.map((q) => q.obj.workingGroupId);
      const groups = await loadWorkingGroups(
        db,
        ids.filter((id): id is string => id !== null),
      );
      const byId = new Map(groups.filter((g) => g !== null).map((g) => [g.id, g]));
      return ids.map((id) => (id ? (byId.get(id) ?? null) : null));
    }),
    statement: loader<schema.PledgeVersion, DocumentEntry | null>((queries, { db }) =>
      loadDocuments(
        db,
        queries.map((q) => q.obj.statementDocumentId),
      ),
    ),
  },
  WorkingGroup: {
    pledgeTotals: loader<schema.WorkingGroup, PledgeTotalParent[]>((queries, { db }) =>
      loadPledgeTotalsOfGroups(
        db,
        queries.map((q) => q.obj.id),
      ),
    ),
  },
};
