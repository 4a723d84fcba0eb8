import { fail, redirect } from '@sveltejs/kit';
import { MeetingGroupDocument, ScheduleMeetingDocument } from '$lib/graphql/operations.generated';
import { problemsFrom } from '$lib/server/forms';
import { execute, request } from '$lib/server/graphql';
import { MEETING_FIELDS, readMeetingForm } from '$lib/server/meeting-form';
import { requireMe } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

/**
 * Scheduling a meeting: of a working group (`?workingGroup=<slug>`, its chairs and the secretariat) or, without
 * one, a plenary of the alliance (the secretariat). The API decides who may; a refusal is shown above the form.
 */
async function groupOf(fetch: typeof globalThis.fetch, slug: string, url: URL) {
  const groupSlug = url.searchParams.get('workingGroup');
  if (!groupSlug) return null;
  const { alliance } = await execute(fetch, MeetingGroupDocument, { slug, group: groupSlug });
  return alliance.workingGroup;
}

export const load: PageServerLoad = async (event) => {
  await requireMe(event);
  return { group: await groupOf(event.fetch, event.params.slug, event.url) };
};

export const actions: Actions = {
  default: async ({ request: post, fetch, params, url }) => {
    const group = await groupOf(fetch, params.slug, url);
    const { values, input, fieldErrors } = readMeetingForm(await post.formData());
    if (!input) return fail(400, { values, fieldErrors, formError: null });
    const result = await request(fetch, ScheduleMeetingDocument, {
      allianceSlug: params.slug,
      workingGroupId: group?.id ?? null,
      input,
    });
    if (result.errors) {
      const problems = problemsFrom(result.errors, {
        prefix: 'input.',
        fields: MEETING_FIELDS,
        returnTo: url.pathname + url.search,
      });
      return fail(400, { values, ...problems });
    }
    redirect(303, `/alliances/${params.slug}/meetings/${result.data.scheduleMeeting.id}?done=scheduled`);
  },
};
