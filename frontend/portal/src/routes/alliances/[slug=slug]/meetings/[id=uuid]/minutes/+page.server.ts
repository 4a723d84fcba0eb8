import { fail, redirect } from '@sveltejs/kit';
import { PublishMeetingMinutesDocument, SaveMeetingMinutesDocument } from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import { formText, problemsFrom } from '$lib/server/forms';
import { request } from '$lib/server/graphql';
import { loadManagedMeeting } from '$lib/server/meeting-page';
import type { Actions, PageServerLoad } from './$types';

/**
 * The hosts write the minutes (Markdown) and the decisions, save the draft, and publish: the text and the decisions
 * as the form holds them are saved, then published, after which both are final and public.
 */
export const load: PageServerLoad = async ({ fetch, params }) => loadManagedMeeting(fetch, params);

/** Empty decision fields are spare ones, left out; each kept decision remembers its field for its refusal. */
function readMinutes(data: FormData) {
  const text = formText(data, 'text');
  const fields = data.getAll('decision').map((value) => (typeof value === 'string' ? value.trim() : ''));
  const kept = fields.flatMap((value, index) => (value ? [{ value, index }] : []));
  return { text, fields, decisions: kept.map((d) => d.value), fieldOfDecision: kept.map((d) => d.index) };
}

async function save(fetch: typeof globalThis.fetch, meetingId: string, url: URL, data: FormData) {
  const { text, fields, decisions, fieldOfDecision } = readMinutes(data);
  const values = { text, decisions: fields };
  if (!text) {
    return {
      failure: fail(400, { values, fieldErrors: { text: m.meeting_minutes_text_required() }, formError: null }),
    };
  }
  const result = await request(fetch, SaveMeetingMinutesDocument, { meetingId, input: { text, decisions } });
  if (result.errors) {
    const problems = problemsFrom(result.errors, {
      fields: ['text', ...fields.map((_, i) => `decision-${i}`)],
      returnTo: url.pathname,
      fieldOf: (apiField) => {
        if (apiField === 'input.text') return 'text';
        const match = /^input\.decisions\[(\d+)\]$/.exec(apiField ?? '');
        const index = match ? fieldOfDecision[Number(match[1])] : undefined;
        return index === undefined ? undefined : `decision-${index}`;
      },
    });
    return { failure: fail(400, { values, ...problems }) };
  }
  return { failure: null };
}

export const actions: Actions = {
  save: async ({ request: post, fetch, params, url }) => {
    const { failure } = await save(fetch, params.id, url, await post.formData());
    if (failure) return failure;
    return { saved: true };
  },
  publish: async ({ request: post, fetch, params, url }) => {
    const { failure } = await save(fetch, params.id, url, await post.formData());
    if (failure) return failure;
    const result = await request(fetch, PublishMeetingMinutesDocument, { meetingId: params.id });
    if (result.errors) {
      return fail(409, { ...problemsFrom(result.errors, { fields: [], returnTo: url.pathname }), values: null });
    }
    redirect(303, `/alliances/${params.slug}/meetings/${params.id}?done=published`);
  },
};
