import type { schema } from '@concord/db';
import { loader } from '../../graphql/loaders.ts';
import type { DuplicateFlagParent, RepresentativeParent, WorkingGroupMembershipParent } from '../../graphql/mappers.ts';
import { can } from '../policy/policy.ts';
import { loadDuplicateFlags } from '../signing/signing.reads.ts';
import { loadMemberships, loadOrganisations } from './organisation.service.ts';
import { loadOrganisationHistory, type OrganisationChangeShape } from './organisation-history.ts';
import {
  alliancesOf,
  type InvitationShape,
  loadInvitations,
  loadRepresentatives,
} from './organisation-representatives.ts';

const idsOf = (queries: readonly { obj: schema.Organisation }[]) => queries.map((q) => q.obj.id);

export const organisationLoaders = {
  Organisation: {
    workingGroups: loader<schema.Organisation, WorkingGroupMembershipParent[]>((queries, { db }) =>
      loadMemberships(db, idsOf(queries)),
    ),
    history: loader<schema.Organisation, OrganisationChangeShape[]>((queries, { db }) =>
      loadOrganisationHistory(db, idsOf(queries)),
    ),
    mergedInto: loader<schema.Organisation, schema.Organisation | null>(async (queries, { db }) => {
      const targets = queries.map((q) => q.obj.mergedIntoId);
      const found = await loadOrganisations(
        db,
        targets.filter((id): id is string => id !== null),
      );
      const byId = new Map(found.filter((o) => o !== null).map((o) => [o.id, o]));
      return targets.map((id) => (id ? (byId.get(id) ?? null) : null));
    }),
    possibleDuplicates: loader<schema.Organisation, DuplicateFlagParent[]>(async (queries, context) => {
      const actor = await context.actor();
      const alliances = await alliancesOf(context.db, idsOf(queries));
      const visible = idsOf(queries).filter((id) =>
        can(actor, { action: 'organisation.edit', organisationId: id, allianceIds: alliances.get(id) ?? [] }),
      );
      const flags = visible.length === 0 ? [] : await loadDuplicateFlags(context.db, visible);
      const byId = new Map(visible.map((id, i) => [id, flags[i] ?? []]));
      return idsOf(queries).map((id) => byId.get(id) ?? []);
    }),
    representatives: loader<schema.Organisation, RepresentativeParent[]>(async (queries, context) =>
      loadRepresentatives(context.db, await context.actor(), idsOf(queries)),
    ),
    representativeInvitations: loader<schema.Organisation, InvitationShape[]>(async (queries, context) =>
      loadInvitations(context.db, await context.actor(), idsOf(queries)),
    ),
  },
};
