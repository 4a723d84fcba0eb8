import type { schema } from '@concord/db';
import { loader } from '../../graphql/loaders.ts';
import { loadAlliances } from '../alliance/alliance.by-id.ts';
import { loadCommitmentsOpenAtMeetings } from '../commitment/commitment.reads.ts';
import { loadOrganisations } from '../organisation/organisation.service.ts';
import { can } from '../policy/policy.ts';
import { loadChairHolders } from '../working-group/chairs.ts';
import { loadGroupsOfMeetings } from './meeting.reads.ts';
import { loadAgendas, overrunMinutes, type TimedAgendaItem, timed } from './meeting-agenda.ts';
import { loadCounts, type RegistrationView } from './meeting-registration.ts';

/** A meeting's alliance, group and script: one statement for a whole list of meetings. */
export const meetingLoaders = {
  Meeting: {
    alliance: loader<schema.Meeting, schema.Alliance | null>((queries, { db }) =>
      loadAlliances(
        db,
        queries.map((q) => q.obj.allianceId),
      ),
    ),
    // The same rule as the use cases' (meeting.manage): the portal offers the forms that can succeed.
    viewerCanManage: loader<schema.Meeting, boolean>(async (queries, context) => {
      const actor = await context.actor();
      if (!actor) return queries.map(() => false);
      const chairs = await loadChairHolders(
        context.db,
        queries.map((q) => q.obj.workingGroupId),
      );
      return queries.map((q, i) =>
        can(actor, { action: 'meeting.manage', allianceId: q.obj.allianceId, chairs: chairs[i] ?? [] }),
      );
    }),
    workingGroup: loader<schema.Meeting, schema.WorkingGroup | null>((queries, { db }) =>
      loadGroupsOfMeetings(
        db,
        queries.map((q) => q.obj.workingGroupId),
      ),
    ),
    agenda: loader<schema.Meeting, TimedAgendaItem[]>(async (queries, { db }) => {
      const agendas = await loadAgendas(
        db,
        queries.map((q) => q.obj.id),
      );
      return queries.map((q, i) => timed(q.obj, agendas[i] ?? []));
    }),
    placesTaken: loader<schema.Meeting, number>(async (queries, { db }) =>
      (
        await loadCounts(
          db,
          queries.map((q) => q.obj.id),
        )
      ).map((c) => c.taken),
    ),
    waitingCount: loader<schema.Meeting, number>(async (queries, { db }) =>
      (
        await loadCounts(
          db,
          queries.map((q) => q.obj.id),
        )
      ).map((c) => c.waiting),
    ),
    agendaOverrunMinutes: loader<schema.Meeting, number>(async (queries, { db }) => {
      const agendas = await loadAgendas(
        db,
        queries.map((q) => q.obj.id),
      );
      return queries.map((q, i) => overrunMinutes(q.obj, agendas[i] ?? []));
    }),
  },
  MeetingAgendaItem: {
    openCommitments: loader<TimedAgendaItem, schema.Commitment[] | null>(async (queries, { db }) => {
      const reviewing = queries.filter((q) => q.obj.reviewsOpenCommitments);
      const lists = await loadCommitmentsOpenAtMeetings(
        db,
        reviewing.map((q) => q.obj.meetingId),
        new Date(),
      );
      return queries.map((q) => {
        const i = reviewing.indexOf(q);
        return i >= 0 ? (lists[i] ?? []) : null;
      });
    }),
  },
  // Only the person's own registration is ever shown (myRegistration): their own organisation.
  MeetingRegistration: {
    organisation: loader<RegistrationView, schema.Organisation | null>((queries, { db }) =>
      loadOrganisations(
        db,
        // The nil UUID names no organisation: a registration without one gets null.
        queries.map((q) => q.obj.organisationId ?? '00000000-0000-0000-0000-000000000000'),
      ),
    ),
  },
};
