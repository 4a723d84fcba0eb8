import { fail } from '@sveltejs/kit';
import {
  CancelMeetingRegistrationDocument,
  CommentOnMinutesDocument,
  RegisterForMeetingDocument,
} from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import { formText, problemsFrom } from '$lib/server/forms';
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
  // A comment on the published minutes or one decision: pending until the chair moderates it.
  comment: async ({ request: post, fetch, params, url }) => {
    const data = await post.formData();
    const values = { text: formText(data, 'text'), decisionId: formText(data, 'decisionId') };
    const refuse = (fieldErrors: Record<string, string>) =>
      fail(400, { action: 'comment' as const, values, fieldErrors, formError: null });
    if (!values.text) return refuse({ text: m.comment_text_required() });
    if ([...values.text].length > 4000) return refuse({ text: m.comment_text_too_long() });
    const result = await request(fetch, CommentOnMinutesDocument, {
      meetingId: params.id,
      decisionId: values.decisionId || null,
      text: values.text,
    });
    if (result.errors) {
      return fail(400, {
        action: 'comment' as const,
        values,
        ...problemsFrom(result.errors, { fields: ['text', 'decisionId'], returnTo: url.pathname }),
      });
    }
    return { commented: true };
  },
};
