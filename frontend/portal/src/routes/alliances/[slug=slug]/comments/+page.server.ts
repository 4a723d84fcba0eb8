import { fail, redirect } from '@sveltejs/kit';
import {
  type MeetingCommentModeration,
  MeetingCommentToAnswerDocument,
  ModerateMeetingCommentDocument,
  PendingMeetingCommentsDocument,
} from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import { formText, problemsFrom } from '$lib/server/forms';
import { execute, request } from '$lib/server/graphql';
import { requireMe } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

const MODERATIONS: Record<string, MeetingCommentModeration> = {
  publish: 'PUBLISH',
  answer: 'ANSWER',
  hide: 'HIDE',
};
const DONE = ['published', 'answered', 'hidden'] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The moderation queue of a group's chair (and of the secretariat, for every group and the plenaries): each pending
 * comment with three plain POST forms (publish, answer in the open, hide with a reason). After each, the page comes
 * back without the comment moderated and says what was done. `?answer=<id>` (linked from a meeting's page) puts a
 * comment published without an answer above the queue, with the form to answer it now.
 */
export const load: PageServerLoad = async (event) => {
  await requireMe(event);
  const answerId = event.url.searchParams.get('answer') ?? '';
  const [{ alliance }, toAnswer] = await Promise.all([
    execute(event.fetch, PendingMeetingCommentsDocument, { slug: event.params.slug }),
    UUID.test(answerId)
      ? execute(event.fetch, MeetingCommentToAnswerDocument, { id: answerId }).then((r) => r.meetingComment)
      : Promise.resolve(null),
  ]);
  const done = event.url.searchParams.get('done');
  return {
    comments: alliance?.pendingMeetingComments ?? [],
    // Only one the reader may answer, and still to be answered.
    toAnswer: toAnswer?.status === 'PUBLISHED' && toAnswer.meeting.viewerCanManage ? toAnswer : null,
    done: DONE.find((d) => d === done) ?? null,
  };
};

export const actions: Actions = {
  moderate: async ({ request: post, fetch, params, url }) => {
    const data = await post.formData();
    const id = formText(data, 'id');
    const moderation = MODERATIONS[formText(data, 'moderation')];
    const answer = formText(data, 'answer');
    const reason = formText(data, 'reason');
    const values = { id, answer, reason };
    if (!moderation) return fail(400, { values, fieldErrors: {}, formError: m.error_heading_bad_request() });
    if (moderation === 'ANSWER' && !answer) {
      return fail(400, { values, fieldErrors: { [`answer-${id}`]: m.comment_answer_required() }, formError: null });
    }
    if (moderation === 'HIDE' && !reason) {
      return fail(400, { values, fieldErrors: { [`reason-${id}`]: m.comment_reason_required() }, formError: null });
    }
    const result = await request(fetch, ModerateMeetingCommentDocument, {
      id,
      moderation,
      answer: moderation === 'ANSWER' ? answer : null,
      reason: moderation === 'HIDE' ? reason : null,
    });
    if (result.errors) {
      const problems = problemsFrom(result.errors, {
        fields: [`answer-${id}`, `reason-${id}`],
        returnTo: url.pathname,
        fieldOf: (field) => (field === 'answer' || field === 'reason' ? `${field}-${id}` : undefined),
      });
      return fail(400, { values, ...problems });
    }
    redirect(303, `/alliances/${params.slug}/comments?done=${result.data.moderateMeetingComment.status.toLowerCase()}`);
  },
};
