import type { schema } from '@concord/db';
import { loader } from '../../graphql/loaders.ts';
import { loadGroupsOfMeetings } from './meeting.reads.ts';
import { loadAgendas, overrunMinutes, type TimedAgendaItem, timed } from './meeting-agenda.ts';

/** A meeting's group and script: one statement for a whole list of meetings. */
export const meetingLoaders = {
  Meeting: {
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
    agendaOverrunMinutes: loader<schema.Meeting, number>(async (queries, { db }) => {
      const agendas = await loadAgendas(
        db,
        queries.map((q) => q.obj.id),
      );
      return queries.map((q, i) => overrunMinutes(q.obj, agendas[i] ?? []));
    }),
  },
};
