import { wallClock } from '@concord/schema/values';
import type { GraphQLContext } from '../../graphql/context.ts';
import type {
  AgendaItemInput as AgendaItemInputArgs,
  MeetingInput as MeetingInputArgs,
  Resolvers,
} from '../../graphql/resolvers.generated.ts';
import { checkFirst, toConnection } from '../../lib/pagination.ts';
import { can } from '../policy/policy.ts';
import { chairHoldersOf } from '../working-group/chairs.ts';
import { getMeeting, listMeetings, meetingCursor } from './meeting.reads.ts';
import { type AgendaItemInput, liveScript, loadAgendas } from './meeting-agenda.ts';
import { attendanceOf } from './meeting-attendance.ts';
import { findMeeting } from './meeting-changes.ts';
import type { MeetingInput } from './meeting-input.ts';
import { meetingScriptChanged } from './meeting-live.ts';
import { minutesOf } from './meeting-minutes.ts';
import { registrationOf, withPosition } from './meeting-registration.ts';
import { addAgendaItem } from './use-cases/add-agenda-item.ts';
import { cancelMeeting } from './use-cases/cancel-meeting.ts';
import { cancelMeetingRegistration } from './use-cases/cancel-meeting-registration.ts';
import { moveAgendaItem } from './use-cases/move-agenda-item.ts';
import { publishMeetingMinutes } from './use-cases/publish-meeting-minutes.ts';
import { recordMeetingAttendance } from './use-cases/record-meeting-attendance.ts';
import { registerForMeeting } from './use-cases/register-for-meeting.ts';
import { removeAgendaItem } from './use-cases/remove-agenda-item.ts';
import { saveMeetingMinutes } from './use-cases/save-meeting-minutes.ts';
import { scheduleMeeting } from './use-cases/schedule-meeting.ts';
import { setMyTimeZone } from './use-cases/set-my-time-zone.ts';
import { updateAgendaItem } from './use-cases/update-agenda-item.ts';
import { updateMeeting } from './use-cases/update-meeting.ts';

async function deps(context: GraphQLContext) {
  return { db: context.db, jobs: context.jobs, config: context.config, actor: await context.actor() };
}

const toInput = (input: MeetingInputArgs): MeetingInput => ({
  title: input.title,
  purpose: input.purpose,
  start: input.start,
  end: input.end,
  timeZone: input.timeZone,
  place: input.place ?? null,
  onlineUrl: input.onlineUrl ?? null,
  capacity: input.capacity,
  audience: input.audience ?? null,
});

const toItem = (input: AgendaItemInputArgs): AgendaItemInput => ({
  title: input.title,
  durationMinutes: input.durationMinutes,
  method: input.method,
  hosts: input.hosts ?? null,
  question: input.question ?? null,
  materials: input.materials ?? null,
  reviewsOpenCommitments: input.reviewsOpenCommitments ?? false,
});

/** Meetings: scheduling, changing and cancelling them; a meeting by id; a group's and an alliance's meetings. */
export const meetingResolvers: Resolvers = {
  Query: {
    meeting: async (_root, { id }, { db }) => (await getMeeting(db, id)) ?? null,
  },
  Subscription: { meetingScriptChanged },
  Mutation: {
    scheduleMeeting: async (_root, { allianceSlug, workingGroupId, input }, context) =>
      scheduleMeeting({
        ...(await deps(context)),
        allianceSlug,
        workingGroupId: workingGroupId ?? null,
        input: toInput(input),
      }),
    updateMeeting: async (_root, { id, input }, context) =>
      updateMeeting({ ...(await deps(context)), meetingId: id, input: toInput(input) }),
    cancelMeeting: async (_root, { id, reason }, context) =>
      cancelMeeting({ ...(await deps(context)), meetingId: id, reason }),
    setMyTimeZone: async (_root, { timeZone }, context) => ({
      person: await setMyTimeZone({ db: context.db, actor: await context.actor(), timeZone: timeZone ?? null }),
    }),
    saveMeetingMinutes: async (_root, { meetingId, input }, context) =>
      saveMeetingMinutes({
        ...(await deps(context)),
        meetingId,
        input: { text: input.text, decisions: input.decisions },
      }),
    publishMeetingMinutes: async (_root, { meetingId }, context) =>
      publishMeetingMinutes({ ...(await deps(context)), meetingId }),
    registerForMeeting: async (_root, { meetingId, organisationId }, context) =>
      registerForMeeting({ ...(await deps(context)), meetingId, organisationId: organisationId ?? null }),
    cancelMeetingRegistration: async (_root, { meetingId }, context) =>
      cancelMeetingRegistration({ ...(await deps(context)), meetingId }),
    addAgendaItem: async (_root, { meetingId, position, input }, context) =>
      addAgendaItem({ ...(await deps(context)), meetingId, position: position ?? null, input: toItem(input) }),
    updateAgendaItem: async (_root, { id, input }, context) =>
      updateAgendaItem({ ...(await deps(context)), itemId: id, input: toItem(input) }),
    moveAgendaItem: async (_root, { id, position }, context) =>
      moveAgendaItem({ ...(await deps(context)), itemId: id, position }),
    removeAgendaItem: async (_root, { id }, context) => removeAgendaItem({ ...(await deps(context)), itemId: id }),
    recordMeetingAttendance: async (_root, { meetingId, organisationIds }, context) =>
      recordMeetingAttendance({ ...(await deps(context)), meetingId, organisationIds }),
  },
  Meeting: {
    localStart: (row) => wallClock(row.startsAt, row.timeZone),
    localEnd: (row) => wallClock(row.endsAt, row.timeZone),
    // The link lets one into the call: people signed in see it, the public sees where and when.
    onlineUrl: async (row, _args, context) => ((await context.actor()) ? row.onlineUrl : null),
    // Published minutes are public; a draft is the hosts' (the group's chairs, the secretariat).
    minutes: async (row, _args, { db, actor }) => {
      const minutes = await minutesOf(db, row.id);
      if (!minutes || minutes.publishedAt) return minutes;
      const chairs = await chairHoldersOf(db, row.workingGroupId);
      return can(await actor(), { action: 'meeting.manage', allianceId: row.allianceId, chairs }) ? minutes : null;
    },
    // Who was in the room: the hosts' (docs/visibility.md).
    attendance: async (row, _args, { db, actor }) => {
      const chairs = await chairHoldersOf(db, row.workingGroupId);
      return can(await actor(), { action: 'meeting.manage', allianceId: row.allianceId, chairs })
        ? attendanceOf(db, row)
        : null;
    },
    myRegistration: async (row, _args, { db, actor }) => {
      const me = await actor();
      if (!me) return null;
      const mine = await registrationOf(db, row.id, me.personId);
      return mine ? withPosition(db, mine) : null;
    },
    liveScript: async (row, { at }, { db }) => {
      const [items = []] = await loadAgendas(db, [row.id]);
      return liveScript(row, items, at ? new Date(at) : new Date());
    },
  },
  MeetingDecision: {
    meeting: async (row, _args, { db }) => {
      const found = await findMeeting(db, row.meetingId);
      if (!found) throw new Error('decision without its meeting');
      return found;
    },
  },
  Me: {
    timeZone: ({ person }) => person.timeZone,
  },
  WorkingGroup: {
    meetings: async (group, { first, after }, { db }) => {
      const page = await listMeetings(db, { workingGroupId: group.id }, { first: checkFirst(first, 50), after });
      return toConnection(page, meetingCursor, Boolean(after));
    },
  },
  Alliance: {
    meetings: async (alliance, { first, after, plenariesOnly }, { db }) => {
      const page = await listMeetings(
        db,
        { allianceId: alliance.id, plenariesOnly: plenariesOnly ?? false },
        { first: checkFirst(first, 50), after },
      );
      return toConnection(page, meetingCursor, Boolean(after));
    },
  },
};
