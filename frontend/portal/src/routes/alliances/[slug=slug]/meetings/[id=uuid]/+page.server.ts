import { fail } from '@sveltejs/kit';
import { CancelMeetingRegistrationDocument, RegisterForMeetingDocument } from '$lib/graphql/operations.generated';
import { problemsFrom } from '$lib/server/forms';
import { request } from '$lib/server/graphql';
import { loadMeeting } from '$lib/server/meeting-page';
import type { Actions, PageServerLoad } from './$types';

/**
 * One meeting, public: when (in the reader's zone), where, the script minute by minute, places, and the published
 * minutes. The API decides what else a reader sees (the online link, their registration, the draft minutes).
 */
export const load: PageServerLoad = async ({ fetch, params, url }) => {
  const done = url.searchParams.get('done');
  return {
    ...(await loadMeeting(fetch, params)),
    // What the hosts' pages did before coming back here (their redirect says it).
    notice: done === 'scheduled' || done === 'changed' || done === 'cancelled' || done === 'published' ? done : null,
  };
};

export const actions: Actions = {
  register: async ({ fetch, params, url }) => {
    const result = await request(fetch, RegisterForMeetingDocument, { meetingId: params.id });
    if (result.errors) {
      return fail(409, {
        action: 'register' as const,
        ...problemsFrom(result.errors, { fields: [], returnTo: url.pathname }),
      });
    }
    return { done: result.data.registerForMeeting.status };
  },
  unregister: async ({ fetch, params, url }) => {
    const result = await request(fetch, CancelMeetingRegistrationDocument, { meetingId: params.id });
    if (result.errors) {
      return fail(409, {
        action: 'unregister' as const,
        ...problemsFrom(result.errors, { fields: [], returnTo: url.pathname }),
      });
    }
    return { done: 'CANCELLED' as const };
  },
};
