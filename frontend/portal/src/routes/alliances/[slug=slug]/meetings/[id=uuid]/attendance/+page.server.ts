import { error, fail } from '@sveltejs/kit';
import { MeetingAttendancePageDocument, RecordMeetingAttendanceDocument } from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import { problemsFrom } from '$lib/server/forms';
import { execute, request } from '$lib/server/graphql';
import type { Actions, PageServerLoad } from './$types';

/** The hosts take attendance (a checkbox per organisation) and see who took part by stage and country. */
export const load: PageServerLoad = async ({ fetch, params }) => {
  const { meeting } = await execute(fetch, MeetingAttendancePageDocument, { id: params.id });
  if (!meeting || meeting.alliance.slug !== params.slug) {
    error(404, { message: m.meeting_not_found(), code: 'NOT_FOUND' });
  }
  if (!meeting.viewerCanManage || !meeting.attendance) error(403, { message: m.error_forbidden(), code: 'FORBIDDEN' });
  return { meeting, attendance: meeting.attendance };
};

export const actions: Actions = {
  default: async ({ request: post, fetch, params, url }) => {
    const organisationIds = (await post.formData())
      .getAll('organisationId')
      .filter((value): value is string => typeof value === 'string');
    const result = await request(fetch, RecordMeetingAttendanceDocument, { meetingId: params.id, organisationIds });
    if (result.errors) {
      return fail(400, problemsFrom(result.errors, { fields: [], returnTo: url.pathname }));
    }
    return { recorded: true };
  },
};
