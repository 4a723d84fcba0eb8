import { error, fail, redirect } from '@sveltejs/kit';
import {
  CommitmentFromDecisionDocument,
  CreateCommitmentFromDecisionDocument,
} from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import { formText, problemsFrom } from '$lib/server/forms';
import { execute, request } from '$lib/server/graphql';
import { requireMe } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

const FIELDS = ['title', 'taskholder', 'deadline', 'note'] as const;
const API_FIELDS: Record<string, (typeof FIELDS)[number]> = {
  'input.title': 'title',
  'input.taskholderOrganisationId': 'taskholder',
  'input.deadline': 'deadline',
  note: 'note',
};

/**
 * The meeting's hosts record a commitment that arises from one of its published decisions (`?decision=<id>`): what,
 * which member organisation takes it on, by when, and the first note of its history. A plain POST form; the API links
 * the commitment to the decision and checks again that both belong to the group.
 */
export const load: PageServerLoad = async (event) => {
  await requireMe(event);
  const { meeting } = await execute(event.fetch, CommitmentFromDecisionDocument, { id: event.params.id });
  if (!meeting || meeting.alliance.slug !== event.params.slug) {
    error(404, { message: m.meeting_not_found(), code: 'NOT_FOUND' });
  }
  if (!meeting.viewerCanManage) error(403, { message: m.error_forbidden(), code: 'FORBIDDEN' });
  const decision = meeting.minutes?.publishedAt
    ? meeting.minutes.decisions.find((d) => d.id === event.url.searchParams.get('decision'))
    : undefined;
  if (!decision || !meeting.workingGroup) error(404, { message: m.error_not_found(), code: 'NOT_FOUND' });
  const members = meeting.workingGroup.members.nodes
    .map((n) => n.organisation)
    .sort((a, b) => a.legalName.localeCompare(b.legalName));
  return { meeting, group: meeting.workingGroup, decision, members };
};

export const actions: Actions = {
  default: async ({ request: post, fetch, params, url }) => {
    const data = await post.formData();
    const values = Object.fromEntries(FIELDS.map((f) => [f, formText(data, f)])) as Record<
      (typeof FIELDS)[number],
      string
    >;
    const decisionId = url.searchParams.get('decision');
    const required: Record<(typeof FIELDS)[number], () => string> = {
      title: m.commitment_new_title_required,
      taskholder: m.commitment_new_taskholder_required,
      deadline: m.commitment_new_deadline_required,
      note: m.commitment_note_required,
    };
    const missing = Object.fromEntries(FIELDS.filter((f) => !values[f]).map((f) => [f, required[f]()]));
    if (Object.keys(missing).length > 0) return fail(400, { values, fieldErrors: missing, formError: null });
    const { meeting } = await execute(fetch, CommitmentFromDecisionDocument, { id: params.id });
    const result = await request(fetch, CreateCommitmentFromDecisionDocument, {
      slug: params.slug,
      group: meeting?.workingGroup?.slug ?? null,
      input: { title: values.title, taskholderOrganisationId: values.taskholder, deadline: values.deadline },
      note: values.note,
      decisionId,
    });
    if (result.errors) {
      const problems = problemsFrom(result.errors, {
        fields: FIELDS,
        returnTo: url.pathname + url.search,
        fieldOf: (field) => (field ? API_FIELDS[field] : undefined),
      });
      return fail(400, { values, ...problems });
    }
    redirect(303, `/alliances/${params.slug}/commitments/${result.data.createCommitment.id}`);
  },
};
