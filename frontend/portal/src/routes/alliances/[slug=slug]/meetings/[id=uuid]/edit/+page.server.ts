import { fail, redirect } from '@sveltejs/kit';
import { CancelMeetingDocument, UpdateMeetingDocument } from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import { formText, problemsFrom } from '$lib/server/forms';
import { request } from '$lib/server/graphql';
import { MEETING_FIELDS, readMeetingForm } from '$lib/server/meeting-form';
import { loadManagedMeeting } from '$lib/server/meeting-page';
import type { Actions, PageServerLoad } from './$types';

/** The meeting's hosts change it (every invitee is told) or cancel it, with a reason shown to everyone. */
export const load: PageServerLoad = async ({ fetch, params, url }) => ({
  ...(await loadManagedMeeting(fetch, params)),
  isCancelling: url.searchParams.has('cancel'),
});

export const actions: Actions = {
  update: async ({ request: post, fetch, params, url }) => {
    const { values, input, fieldErrors } = readMeetingForm(await post.formData());
    if (!input) return fail(400, { action: 'update' as const, values, fieldErrors, formError: null });
    const result = await request(fetch, UpdateMeetingDocument, { id: params.id, input });
    if (result.errors) {
      const problems = problemsFrom(result.errors, {
        prefix: 'input.',
        fields: MEETING_FIELDS,
        returnTo: url.pathname,
      });
      return fail(400, { action: 'update' as const, values, ...problems });
    }
    redirect(303, `/alliances/${params.slug}/meetings/${params.id}?done=changed`);
  },
  cancel: async ({ request: post, fetch, params, url }) => {
    const reason = formText(await post.formData(), 'reason');
    if (!reason) {
      return fail(400, {
        action: 'cancel' as const,
        reason,
        fieldErrors: { reason: m.meeting_cancel_reason_required() },
        formError: null,
      });
    }
    const result = await request(fetch, CancelMeetingDocument, { id: params.id, reason });
    if (result.errors) {
      const problems = problemsFrom(result.errors, { fields: ['reason'], returnTo: `${url.pathname}?cancel` });
      return fail(400, { action: 'cancel' as const, reason, ...problems });
    }
    redirect(303, `/alliances/${params.slug}/meetings/${params.id}?done=cancelled`);
  },
};
