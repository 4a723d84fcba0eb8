import { notFound } from '../../errors.ts';
import type { LiveRelay } from '../../graphql/live-events.ts';
import { followTopic, refusal } from '../../graphql/live-subscription.ts';
import type { SubscriptionResolvers } from '../../graphql/resolvers.generated.ts';
import { getMeeting } from './meeting.reads.ts';

export const meetingScriptChangedTopic = (meetingId: string) => `meeting-script-changed:${meetingId}`;

/** The audit events that change what a meeting's live script shows: its items, its times, its cancellation. */
const SCRIPT_ACTIONS = new Set(['meeting.script_changed', 'meeting.updated', 'meeting.cancelled']);

export const meetingLiveRelay: LiveRelay = (notice) =>
  notice.objectType === 'meeting' && SCRIPT_ACTIONS.has(notice.action)
    ? [{ topic: meetingScriptChangedTopic(notice.objectId) }]
    : [];

/** A meeting's script, live: the meeting read again (as `Query.meeting` reads it) after each change of its script. */
export const meetingScriptChanged: SubscriptionResolvers['meetingScriptChanged'] = {
  subscribe: async (_root, { meetingId }, context) => {
    try {
      if (!(await getMeeting(context.db, meetingId))) throw notFound('No meeting has this id.');
      return await followTopic(context, meetingScriptChangedTopic(meetingId), async () => {
        const meeting = await getMeeting(context.db, meetingId);
        return meeting ? [{ meetingScriptChanged: meeting }] : [];
      });
    } catch (error) {
      throw refusal(error, context.log);
    }
  },
};
